"""The TUI's pure parts: labels, offset map, coding index, navigation, fuzzy match, pins."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from codebook import config
from codebook.domain.codings import CodingView
from codebook.tui import navigation as nav
from codebook.tui.coding_index import CodingIndex
from codebook.tui.fuzzy import rank, score
from codebook.tui.labels import EN, label
from codebook.tui.pins import Pins
from codebook.tui.textmap import OffsetMap, display_text


def all_codebook_classes() -> list[type[DOMNode]]:
    import codebook.tui.app as app_module
    from codebook.tui.modals.choose import ChooseCoding
    from codebook.tui.modals.coder import CoderPrompt
    from codebook.tui.modals.confirm import ConfirmPreview
    from codebook.tui.modals.memo import ChooseMemo, MemoEditor
    from codebook.tui.modals.palette import CodePalette
    from codebook.tui.modals.prompt import TextPrompt
    from codebook.tui.modals.split import SplitAssign
    from codebook.tui.screens.codebook import CodebookScreen
    from codebook.tui.screens.coding import CodingScreen
    from codebook.tui.screens.help import HelpScreen
    from codebook.tui.screens.home import HomeScreen
    from codebook.tui.widgets.code_tree import CodeTreeView
    from codebook.tui.widgets.transcript import TranscriptView

    return [
        app_module.CodebookApp,
        HomeScreen,
        CodingScreen,
        CodebookScreen,
        HelpScreen,
        TranscriptView,
        CodeTreeView,
        CodePalette,
        ChooseCoding,
        MemoEditor,
        ChooseMemo,
        ConfirmPreview,
        TextPrompt,
        CoderPrompt,
        SplitAssign,
    ]


def test_every_binding_description_is_a_label() -> None:
    missing = []
    for cls in all_codebook_classes():
        for raw in cls.__dict__.get("BINDINGS", []):
            for binding in Binding.make_bindings([raw]):
                if binding.description not in EN:
                    missing.append((cls.__name__, binding.key, binding.description))
    assert missing == []


def test_label_falls_back_to_english_then_key() -> None:
    assert label("undo", "nl") == "ongedaan maken"
    assert label("undo", "fr") == "undo"
    assert label("Cursor up", "nl") == "Cursor up"


def test_offset_map_round_trips_every_offset() -> None:
    text = "Ann: hallo\n\nBob: één twee\u2028drie\nx"
    shown = display_text(text)
    assert len(shown) == len(text)
    assert shown.splitlines() == shown.split("\n")
    offsets = OffsetMap(shown)
    for offset in range(len(text) + 1):
        assert offsets.offset(offsets.location(offset)) == offset
    assert offsets.location(0) == (0, 0)
    assert offsets.location(11) == (1, 0)
    assert offsets.row_span(2) == (12, 30)
    assert list(offsets.rows_of(5, 15)) == [0, 1, 2]


def view(coding_id: int, start: int, end: int, code: int = 1) -> CodingView:
    return CodingView(coding_id, 1, code, f"c{code}", "#1F77B4", start, end, "anna", 1, None, "")


def test_coding_index_lanes_lookup_and_jumps() -> None:
    offsets = OffsetMap("aaaa bbbb\ncccc dddd\neeee")
    index = CodingIndex(offsets, [(view(1, 0, 9), True), (view(2, 5, 14, code=2), True)])
    assert [s.lane for s in index] == [0, 1]
    added = index.add(view(3, 15, 19), mine=False)
    assert added.lane == 0  # coding 1 ended before 15; lane 0 is free again
    assert [s.id for s in index.in_row(1)] == [2, 3]
    assert [s.id for s in index.at(5)] == [1, 2]
    assert [s.id for s in index.at(9)] == [1, 2]  # a coding ending at the cursor counts
    assert index.next_after(0).id == 2  # type: ignore[union-attr]
    assert index.next_after(0, code_id=1).id == 3  # type: ignore[union-attr]
    assert index.previous_before(15).id == 2  # type: ignore[union-attr]
    assert index.covers(10, 12)
    assert not index.covers(20, 24)
    index.remove(2)
    assert 2 not in index
    assert [s.id for s in index.in_row(1)] == [3]
    assert index.next_after(0, code_id=2) is None


def test_incremental_lanes_keep_overlaps_apart() -> None:
    offsets = OffsetMap("x" * 100)
    index = CodingIndex(offsets)
    lanes = [index.add(view(i, i * 5, i * 5 + 30)).lane for i in range(6)]
    assert lanes == [0, 1, 2, 3, 4, 5]
    assert index.add(view(99, 80, 90)).lane not in {index.get(i).lane for i in (5,)}  # type: ignore[union-attr]


SPANS = [(0, 5), (6, 11), (12, 20)]


@pytest.mark.parametrize(
    ("offset", "forward", "moved", "extended"),
    [
        (0, True, 6, 5),
        (3, True, 6, 5),
        (5, True, 6, 11),
        (8, False, 6, 6),
        (6, False, 0, 0),
        (12, True, 12, 20),
        (20, True, 20, 20),
        (0, False, 0, 0),
    ],
)
def test_move_and_extend(offset: int, forward: bool, moved: int, extended: int) -> None:
    assert nav.move(SPANS, offset, forward) == moved
    assert nav.extend(SPANS, offset, forward) == extended


def test_containing_and_trim() -> None:
    assert nav.containing(SPANS, 7) == (6, 11)
    assert nav.containing(SPANS, 5) == (6, 11)  # in a gap: the next one
    assert nav.containing(SPANS, 50) == (12, 20)
    assert nav.containing([], 3) is None
    assert nav.trim("  ab c \n", 0, 8) == (2, 6)
    assert nav.word_spans("Hoe is 't?") == [(0, 3), (4, 6), (8, 9)]


def test_fuzzy_prefers_word_starts_and_runs() -> None:
    assert score("xyz", "Vormgeving") is None
    paths = ["Kennisdeling", "Vormgeving > Schoolleider faciliteert", "Schoolbestuur"]
    assert rank("schfac", paths, lambda p: (p,)) == [paths[1]]
    assert rank("school", paths, lambda p: (p,))[0] == "Schoolbestuur"
    assert rank("", paths, lambda p: (p,)) == paths


def test_pins_are_remembered_per_project() -> None:
    pins = Pins.load("project-a")
    assert pins.toggle("guid-1") == 0
    assert pins.toggle("guid-2") == 1
    assert pins.toggle("guid-1") is None
    assert pins.toggle("guid-3") == 0
    pins.save()
    assert Pins.load("project-a").slots[:2] == ["guid-3", "guid-2"]
    assert Pins.load("project-b").slots == [None] * 9
    assert "pins:project-a" in config.load()


def test_bulk_loaded_index_can_remove_and_update_any_coding() -> None:
    offsets = OffsetMap("x" * 60)
    views = [view(5, 10, 40), view(2, 10, 20), view(9, 0, 50), view(1, 30, 35)]
    index = CodingIndex(offsets, [(v, True) for v in views])
    lanes = {s.id: s.lane for s in index}
    index.update(CodingView(2, 1, 1, "c1", "#1F77B4", 10, 20, "anna", 1, "memo", ""))
    assert index.get(2).view.note == "memo"
    assert index.get(2).lane == lanes[2]
    for coding_id in (2, 9, 1, 5):
        assert index.remove(coding_id) is not None
    assert len(index) == 0
