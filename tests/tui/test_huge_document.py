"""A 1,000,000-word transcript opens, shows and codes right at its start, middle and end.

The transcript widget holds only a window of such a text; these scenarios
check that what is on screen and every offset the screen reports are the
document's, wherever one is, and that coding writes the document offsets.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from codebook.domain import CodeFields, ParsedTranscript, TurnSpan
from codebook.domain.codings import CodingView
from codebook.services.codebook.codes import create_code
from codebook.services.documents import add_document
from codebook.services.project_store import coder_id, init_project
from codebook.tui.coding_index import CodingIndex
from codebook.tui.textmap import OffsetMap
from codebook.tui.widgets.transcript import TranscriptView
from tui.kit import Project, guid, open_document, pin, running, scenario

WORDS = 1_000_000
FILLER = "en dat vonden we in het team eigenlijk best wel een goed idee om te doen"


def turn_text(number: int) -> str:
    """Two sentences (22 and 20 words) naming the turn, so every place is recognisable."""
    return f"Beurt {number} gaat over de school {FILLER}. Nummer {number} sluit af {FILLER}."


Huge = tuple[str, list[TurnSpan], list[tuple[int, int]]]


@pytest.fixture(scope="module")
def huge_text() -> Huge:
    parts: list[str] = []
    turns: list[TurnSpan] = []
    sentences: list[tuple[int, int]] = []
    pos = words = 0
    number = 0
    while words < WORDS:
        number += 1
        speaker = "Interviewer" if number % 2 else "Respondent"
        label, body = f"{speaker}: ", turn_text(number)
        begin = pos + len(label)
        first_end = begin + body.index(". ") + 1
        sentences += [(begin, first_end), (first_end + 1, begin + len(body))]
        turns.append(TurnSpan(begin, begin + len(body), speaker))
        parts.append(label + body + "\n")
        pos += len(label) + len(body) + 1
        words += len(body.split())
    return "".join(parts), turns, sentences


@pytest.fixture
def huge(tmp_path: Path, huge_text: Huge) -> tuple[Project, Huge]:
    text, turns, sentences = huge_text
    path = tmp_path / "huge.db"
    store = init_project(str(path), "huge")
    try:
        with store.write() as session:
            anna = coder_id(session, "anna")
            parsed = ParsedTranscript(text=text, turns=tuple(turns), source_format="txt")
            doc = add_document(session, anna, "huge.txt", parsed, sentences=sentences)
            code = create_code(session, anna, CodeFields("Werkdruk", color="#1F77B4")).id
    finally:
        store.close()
    return Project(str(path), doc, doc, code, code, code), huge_text


def screen_text(view: TranscriptView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def test_huge_transcript_codes_at_start_middle_and_end(huge: tuple[Project, Huge]) -> None:
    project, (text, turns, sentences) = huge
    middle, last = turns[len(turns) // 2], turns[-1]
    middle_number = len(turns) // 2 + 1

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            view = screen.transcript
            model = view.model
            assert model is not None and model.text == text
            # Only a window of the text is loaded, yet it starts where the document does.
            assert len(view.window) < model.offsets.rows
            assert view.cursor_offset == 0
            assert "Interviewer: Beurt 1 gaat over de school" in screen_text(view)
            pin(app, guid(project, project.theme))

            await pilot.press("s", "1")  # the first sentence
            view.move_to(middle.start)
            await pilot.pause()
            assert view.cursor_offset == middle.start
            assert f"Beurt {middle_number} gaat over de school" in screen_text(view)
            await pilot.press("right_square_bracket", "s")  # the middle turn's second sentence
            status = str(screen.query_one("#status").render())
            assert f"turn {middle_number} of {len(turns)} · Respondent · 20 words" in status
            await pilot.press("1")

            view.move_to(last.start)
            await pilot.pause()
            assert f"Nummer {len(turns)} sluit af" in screen_text(view)
            await pilot.press("t", "1")  # the whole last turn

            second = sentences[2 * (middle_number - 1) + 1]
            assert text[second[0] : second[1]].startswith(f"Nummer {middle_number} sluit af")
            assert project.codings() == [
                (project.doc, project.theme, *sentences[0], None),
                (project.doc, project.theme, *second, None),
                (project.doc, project.theme, last.start, last.end, None),
            ]

    scenario(go)


def test_moving_past_the_window_edge_keeps_offsets_right(huge: tuple[Project, Huge]) -> None:
    project, (_text, turns, _sentences) = huge
    starts = [t.start for t in turns]

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            view = screen.transcript
            model = view.model
            assert model is not None
            # The turn on the first window's last row: the window moves on with the cursor.
            before = view.window
            position = model.turn_at(model.offsets.line_starts[before.stop - 1])
            assert position is not None
            view.move_to(starts[position])
            await pilot.pause()
            assert view.cursor_offset == starts[position]
            for step in range(1, 4):
                await pilot.press("full_stop")  # next turn
                assert view.cursor_offset == starts[position + step]
                assert f"Beurt {position + step + 1} gaat" in screen_text(view)
            assert view.window != before
            # Paging on keeps going, the text of the cursor's turn always on screen.
            for _ in range(5):
                previous = view.cursor_offset
                await pilot.press("pagedown")
                here = view.cursor_offset
                assert here > previous
                number = (model.turn_at(here) or 0) + 1
                shown = screen_text(view)
                assert f"Beurt {number} gaat" in shown or f"Nummer {number} sluit" in shown
            # A selection from far behind the window to the cursor codes what it spans.
            pin(app, guid(project, project.theme))
            far = starts[10]
            view.select_offsets(far, view.cursor_offset)
            await pilot.press("1")
            coded = project.codings()
            assert len(coded) == 1 and coded[0][2] == far

    scenario(go)


def test_window_holds_the_row_within_budget_and_uses_all_of_it_near_the_ends() -> None:
    text = "".join(f"rij {n:04d} " + "x" * 90 + "\n" for n in range(1000))  # 100 chars a row
    offsets = OffsetMap(text)
    middle = offsets.window(500, 10_000, 10_000)
    assert 500 in middle and 95 <= len(middle) <= 101
    # At either end the budget a side cannot use goes to the other side.
    first = offsets.window(0, 10_000, 10_000)
    last = offsets.window(offsets.rows - 1, 10_000, 10_000)
    assert first.start == 0 and len(first) >= 95
    assert last.stop == offsets.rows and len(last) >= 95
    assert len(offsets.window(500, 10_000, 20)) <= 21
    assert offsets.window(500, 10, 10) == range(500, 501)  # a long row stays whole


def test_coded_turns_found_in_one_sweep_match_asking_each_turn() -> None:
    rng = random.Random(5)
    text = "".join(f"Beurt {n}: " + "woord " * rng.randint(1, 30) + "\n" for n in range(300))
    offsets = OffsetMap(text)
    turns = [offsets.row_span(row) for row in range(offsets.rows - 1)]
    views = []
    for n in range(60):
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.choice((1, 5, 80, 700)))
        views.append(
            (CodingView(n, 1, 1, "Werkdruk", "#1F77B4", start, end, "anna", 1, None, ""), True)
        )
    index = CodingIndex(offsets, views)
    touched = index.touching(turns)
    assert touched == {i for i, (begin, end) in enumerate(turns) if index.covers(begin, end)}
    assert 0 < len(touched) < len(turns)
