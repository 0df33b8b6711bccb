"""Adjusting a coding's edges (or a selection's) by key: previewed, one undoable write."""

from __future__ import annotations

import pytest

from codebook.tui.modals.choose import ChooseCoding
from codebook.tui.navigation import word_spans
from codebook.tui.screens.adjusting import AdjustEdges, Edge, Edges, stepped
from tui.coded import record_notices
from tui.kit import Project, guid, open_document, pin, running, scenario, settle

# marieke.txt: the interviewer's question, Marieke's two sentences in turn 2.
Q1 = (13, 54)
EERLIJK = (64, 93)
BEDENKEN = (94, 121)
TEXT = "Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen."


@pytest.mark.parametrize(
    ("edges", "unit", "forward", "expected"),
    [
        # End edge, by word: takes in the next word whole, gives up the last one whole.
        (Edges(0, 29, Edge.END), "word", True, (0, 32)),
        (Edges(0, 29, Edge.END), "word", False, (0, 28)),
        (Edges(0, 28, Edge.END), "word", False, (0, 14)),
        # Start edge, by word: both directions.
        (Edges(8, 29, Edge.START), "word", False, (0, 29)),
        (Edges(8, 29, Edge.START), "word", True, (15, 29)),
        # By character.
        (Edges(8, 29, Edge.START), "char", False, (7, 29)),
        (Edges(8, 29, Edge.END), "char", True, (8, 30)),
    ],
)
def test_an_edge_steps_by_unit_in_both_directions(
    edges: Edges, unit: str, forward: bool, expected: tuple[int, int]
) -> None:
    spans = None if unit == "char" else word_spans(TEXT)
    moved = stepped(edges, spans, len(TEXT), forward)
    assert (moved.start, moved.end) == expected
    assert moved.active is edges.active


def test_an_edge_never_passes_the_other_nor_leaves_the_text() -> None:
    words = word_spans(TEXT)
    length = len(TEXT)
    # "Eerlijk" alone: its start cannot move onto or past its end, nor its end back onto its start.
    one_word = Edges(0, 7, Edge.START)
    assert stepped(one_word, words, length, forward=True) == one_word
    assert stepped(Edges(6, 7, Edge.START), None, length, forward=True).start == 6
    assert stepped(Edges(0, 7, Edge.END), words, length, forward=False) == Edges(0, 7, Edge.END)
    assert stepped(Edges(0, 1, Edge.END), None, length, forward=False).end == 1
    # The document's own edges.
    assert stepped(Edges(0, 7, Edge.START), None, length, forward=False).start == 0
    assert stepped(Edges(0, 7, Edge.START), words, length, forward=False).start == 0
    at_end = Edges(50, length, Edge.END)
    assert stepped(at_end, None, length, forward=True) == at_end
    assert stepped(at_end, words, length, forward=True) == at_end


def test_end_extended_by_a_word_is_written_once_and_one_undo_restores_it(
    project: Project,
) -> None:
    project.add_coding(project.sub, *EERLIJK)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(EERLIJK[1] - 3)  # nearer the end: the end edge moves
            await pilot.press("a")
            assert isinstance(app.screen, AdjustEdges)
            await pilot.press("w")
            # Live preview: the transcript selects the new range; nothing is written yet.
            assert screen.transcript.selected_range() == (EERLIJK[0], 96)
            assert project.codings() == [(project.doc, project.sub, *EERLIJK, None)]
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            assert project.codings() == [(project.doc, project.sub, EERLIJK[0], 96, None)]
            assert [(s.start, s.end) for s in screen.model.index.at(95)] == [(64, 96)]  # type: ignore[union-attr]
            await pilot.press("z")
            await settle(pilot)
            assert project.codings() == [(project.doc, project.sub, *EERLIJK, None)]
            assert [(s.start, s.end) for s in screen.model.index.at(70)] == [EERLIJK]  # type: ignore[union-attr]

    scenario(go)


def test_start_moved_back_by_a_sentence_keeps_the_memo(project: Project) -> None:
    project.add_coding(project.other, *BEDENKEN)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(BEDENKEN[0] + 1)
            await pilot.press("m", *"samen", "ctrl+s")
            await settle(pilot)
            await pilot.press("a", "left_parenthesis", "enter")
            await settle(pilot)
            assert project.codings() == [(project.doc, project.other, 64, 121, "samen")]
            # Back again by a sentence forward, the other way round.
            screen.transcript.move_to(65)
            await pilot.press("a", "right_parenthesis", "enter")
            await settle(pilot)
            assert project.codings() == [(project.doc, project.other, *BEDENKEN, "samen")]

    scenario(go)


def test_escape_writes_nothing_and_puts_the_cursor_back(project: Project) -> None:
    project.add_coding(project.sub, *EERLIJK)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            screen.transcript.move_to(70)
            # Start a word back (onto the speaker's label), end a word and a character in.
            await pilot.press("a", "b", "tab", "b", "left")
            assert screen.transcript.selected_range() == (55, 91)
            # The coding screen's keys do not fire while adjusting.
            await pilot.press("x", "1", "z")
            assert isinstance(app.screen, AdjustEdges)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen
            assert screen.transcript.selected_range() is None
            assert screen.transcript.cursor_offset == 70
            assert project.codings() == [(project.doc, project.sub, *EERLIJK, None)]

    scenario(go)


def test_a_selection_is_adjusted_then_coded(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.theme))
            await pilot.press("s")  # the question, 13-54
            await pilot.press("a", "b", "enter")
            await settle(pilot)
            assert app.screen is screen
            # Nothing written: the adjusted selection (question mark given up) waits for a code.
            assert project.codings() == []
            assert screen.transcript.selected_range() == (Q1[0], Q1[1] - 1)
            await pilot.press("1")
            assert project.codings() == [(project.doc, project.theme, Q1[0], Q1[1] - 1, None)]

    scenario(go)


def test_a_selection_that_is_a_coding_adjusts_that_coding(project: Project) -> None:
    project.add_coding(project.sub, *EERLIJK)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.reveal(*EERLIJK)  # as opening a quote does
            await pilot.press("a", "w", "enter")
            await settle(pilot)
            assert project.codings() == [(project.doc, project.sub, 72, 93, None)]

    scenario(go)


def test_overlapping_codings_ask_which_one(project: Project) -> None:
    project.add_coding(project.sub, *EERLIJK)
    project.add_coding(project.other, 64, 121)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(EERLIJK[1])
            await pilot.press("a")
            assert isinstance(app.screen, ChooseCoding)
            await pilot.press("2")  # the longer one, listed second
            assert isinstance(app.screen, AdjustEdges)
            await pilot.press("b", "enter")
            await settle(pilot)
            assert project.codings() == [
                (project.doc, project.sub, *EERLIJK, None),
                (project.doc, project.other, 64, 120, None),
            ]

    scenario(go)


def test_another_coders_coding_is_refused(project: Project) -> None:
    project.add_coding(project.sub, *EERLIJK, coder="bert")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("o")  # show other coders' codings
            screen.transcript.move_to(70)
            notices = record_notices(app)
            await pilot.press("a")
            await settle(pilot)
            assert app.screen is screen
            assert notices == [("Only your own codings can be adjusted", "warning")]
            assert project.codings() == [(project.doc, project.sub, *EERLIJK, None)]

    scenario(go)


def test_taking_in_only_a_space_writes_no_action(project: Project) -> None:
    project.add_coding(project.sub, *EERLIJK)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(90)
            await pilot.press("a", "right", "enter")  # the end onto the space after the sentence
            await settle(pilot)
            assert project.codings() == [(project.doc, project.sub, *EERLIJK, None)]
            # So the next undo takes back the coding itself, not an adjustment that changed nothing.
            await pilot.press("z")
            await settle(pilot)
            assert project.codings() == []

    scenario(go)
