"""Quotes screen: Enter on a quote opens its transcript with the quote selected, in view.

Escape in the transcript comes straight back to the same list, the same quote
highlighted; Space still reads the quote in its context.
"""

from __future__ import annotations

import pytest
from textual.widgets.text_area import Selection

from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.retrieval import RetrievalScreen
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.transcript import TranscriptView
from tui.coded import typed
from tui.kit import SECOND, Project, add_interview, running, scenario, settle

LONG = "".join(
    f"Interviewer: Vraag {n}?\nSanne: Antwoord {n} gaat over de werkplaats en het team.\n"
    for n in range(1, 121)
)
"""A third interview, long enough that its end is far below the first screen."""
PASSAGE = "Antwoord 117 gaat over de werkplaats en het team."
LATER = "Antwoord 119 gaat over de werkplaats en het team."


@pytest.fixture
def quoted(project: Project) -> tuple[Project, int]:
    """The test project plus sanne.txt; Kennisdeling coded once in jeroen.txt, twice in sanne."""
    store = project.store()
    try:
        with store.write() as session:
            anna = coder_id(session, "anna")
            long_doc = add_interview(session, anna, "sanne.txt", LONG)
            for document, text, passage in (
                (project.doc2, SECOND, "We delen de resultaten in het team."),
                (long_doc, LONG, PASSAGE),
                (long_doc, LONG, LATER),
            ):
                start = text.index(passage)
                apply_coding(session, anna, document, project.other, start, start + len(passage))
    finally:
        store.close()
    return project, long_doc


def rows_of(screen: RetrievalScreen) -> list[list[str]]:
    table = screen.table
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def visible_rows(view: TranscriptView, start: int, end: int) -> tuple[int, int, int, int]:
    """(first line of start..end, its last line, first line on screen, lines on screen)."""
    assert view.model is not None
    offsets, wrapped = view.model.offsets, view.wrapped_document
    top = wrapped.location_to_offset(offsets.location(start)).y
    bottom = wrapped.location_to_offset(offsets.location(end)).y
    return top, bottom, view.scroll_offset.y, view.scrollable_content_region.height


def test_enter_opens_the_quote_selected_in_its_transcript_and_escape_returns(
    quoted: tuple[Project, int],
) -> None:
    project, long_doc = quoted

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await pilot.press("f4")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, RetrievalScreen)
            await pilot.press(*"Kennisdeling")
            await typed(pilot)
            assert [q.document for q in screen.quotes] == ["jeroen.txt", "sanne.txt", "sanne.txt"]
            screen.table.focus()
            await settle(pilot)
            keys = str(screen.query_one(KeyBar).render())
            assert "⏎ open in transcript" in keys and "space read in context" in keys

            await pilot.press("down")
            before, quote = rows_of(screen), screen.quotes[1]
            assert quote.text == PASSAGE
            assert (long_doc, project.other, quote.start, quote.end, None) in project.codings()
            await pilot.press("enter")
            await settle(pilot)

            coding = app.screen
            assert isinstance(coding, CodingScreen)
            assert coding.document_id == long_doc
            view = coding.transcript
            assert view.model is not None
            assert view.selected_range() == (quote.start, quote.end)
            offsets = view.model.offsets
            # The cursor at the quote's start, the whole quote selected.
            assert view.selection == Selection(
                offsets.location(quote.end), offsets.location(quote.start)
            )
            assert view.cursor_offset == quote.start
            top, bottom, first, height = visible_rows(view, quote.start, quote.end)
            assert first > 0  # it had to scroll: the passage is near the end
            assert first <= top <= bottom < first + height

            await pilot.press("escape")  # straight back: the selection is the one we came with
            await settle(pilot)
            assert app.screen is screen
            assert rows_of(screen) == before
            assert screen.table.cursor_row == 1 and screen.selected is quote
            assert screen.table.has_focus

            # A selection changed in the transcript is cleared first, as always.
            await pilot.press("enter")
            await settle(pilot)
            coding = app.screen
            assert isinstance(coding, CodingScreen)
            await pilot.press("W")  # the selection now starts a word later
            assert coding.transcript.selected_range() not in (None, (quote.start, quote.end))
            await pilot.press("escape")
            assert app.screen is coding and coding.transcript.selected_range() is None
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen and screen.table.cursor_row == 1
            assert len(project.codings()) == 3  # looking is not coding

    scenario(go)


def test_space_reads_the_quote_in_context(quoted: tuple[Project, int]) -> None:
    project, _long_doc = quoted

    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            await pilot.press("f4")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, RetrievalScreen)
            await pilot.press(*"Kennisdeling")
            await typed(pilot)
            screen.table.focus()
            await settle(pilot)
            keys = str(screen.query_one(KeyBar).render())
            assert "⏎ openen in transcript" in keys and "space lezen in context" in keys
            await pilot.press("down", "space")
            panel = screen.query_one("#panel")
            assert panel.has_focus
            assert PASSAGE in str(screen.query_one("#context-text").render())
            await pilot.press("escape")
            assert screen.table.has_focus and app.screen is screen

    scenario(go)
