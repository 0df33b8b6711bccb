"""Quotes screen (F4): what it lists is exactly what the retrieval service returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from analysis.study import BESTUUR, LANDELIJK
from codebook.domain.queries import NO_FILTERS, Filters, parse_query
from codebook.domain.quotes import Quote
from codebook.services.retrieval.quotes import retrieve
from codebook.tui.app import CodebookApp
from codebook.tui.labels import EN
from codebook.tui.screens.home import HomeScreen
from codebook.tui.screens.quote_list import QUOTE_COLUMN, QuoteTable
from codebook.tui.screens.retrieval import RetrievalScreen
from tui.coded import copy_of, fresh_store, record_notices, template, typed
from tui.kit import running, scenario, settle


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory)


@pytest.fixture
def coded(study_file: Path, tmp_path: Path) -> str:
    return copy_of(study_file, tmp_path)


def expected(
    location: str,
    query: str,
    filters: Filters = NO_FILTERS,
    *,
    with_children: bool = False,
    context: int = 1,
) -> list[Quote]:
    store = fresh_store(location)
    try:
        with store.read() as session:
            parsed = parse_query(query, with_children=with_children)
            return retrieve(session, parsed, filters, context=context)
    finally:
        store.close()


async def open_quotes(app: CodebookApp, pilot: Pilot[Any]) -> RetrievalScreen:
    await pilot.press("f4")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, RetrievalScreen)
    return screen


async def fill(pilot: Pilot[Any], screen: RetrievalScreen, field: str, text: str) -> None:
    """Replace a field's text by typing it, as the analyst would."""
    screen.query_one(f"#{field}", Input).focus()
    screen.query_one(f"#{field}", Input).value = ""
    await pilot.press(*text)
    await typed(pilot)


def listed(screen: RetrievalScreen) -> list[tuple[int, int, int, str]]:
    return [(q.document_id, q.start, q.end, q.text) for q in screen.quotes]


def keys(quotes: list[Quote]) -> list[tuple[int, int, int, str]]:
    return [(q.document_id, q.start, q.end, q.text) for q in quotes]


def test_typing_a_code_lists_its_quotes_and_a_filter_narrows_them(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            screen = await open_quotes(app, pilot)
            assert screen.query_one("#query", Input).has_focus
            await pilot.press(*LANDELIJK)
            await typed(pilot)
            everywhere = expected(coded, LANDELIJK)
            assert len(everywhere) == 2
            assert listed(screen) == keys(everywhere)
            table = screen.query_one("#quotes", DataTable)
            assert table.row_count == 2
            for row, quote in enumerate(everywhere):
                cell = str(table.get_row_at(row)[QUOTE_COLUMN])
                # Whole, or cut to the room left (the panel below shows it whole).
                assert cell == quote.text or quote.text.startswith(cell.removesuffix("…"))
            summary = str(screen.query_one("#summary", Static).render())
            # the list says whose codings it counts, and that documents are double-coded
            assert summary.startswith(
                "quotes: 2 · documents: 2 · counted: the union of anna, bram "
                "(passages coded by both count once) · warning: 2 double-coded documents"
            )

            # The highlighted quote is shown with a sentence of context either side.
            await pilot.press("down")
            panel = str(screen.query_one("#context-text", Static).render())
            second = everywhere[1]
            assert second.text in panel and second.context_before.strip() in panel

            await fill(pilot, screen, "where", "werkplaats=WOA")
            woa = expected(coded, LANDELIJK, Filters({"werkplaats": ("WOA",)}))
            assert len(woa) == 1 and listed(screen) == keys(woa)
            await fill(pilot, screen, "coders", "bram")
            assert screen.quotes == []  # bram coded no national knowledge sharing at WOA

    scenario(go)


def test_boolean_queries_subcodes_and_context_match_the_service(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            screen = await open_quotes(app, pilot)
            near = f'"Kennisdeling" NEAR/1 "{BESTUUR}"'
            await pilot.press(*near)
            await typed(pilot)
            assert listed(screen) == keys(expected(coded, near))
            assert screen.quotes

            await fill(pilot, screen, "query", "Kennisdeling")
            assert listed(screen) == keys(expected(coded, "Kennisdeling"))
            await pilot.press("ctrl+t")  # with subcodes
            await settle(pilot)
            with_children = expected(coded, "Kennisdeling", with_children=True)
            assert len(with_children) > 1 and listed(screen) == keys(with_children)

            await fill(pilot, screen, "context", "0")
            assert all(q.context_before == q.context_after == "" for q in screen.quotes)

    scenario(go)


def test_a_bad_query_notifies_and_the_screen_keeps_working(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            screen = await open_quotes(app, pilot)
            await pilot.press(*'"Kennisdeling" AND (', "enter")
            await settle(pilot)
            assert len(notices) == 1 and notices[0][1] == "error"
            assert "expected a code" in notices[0][0]
            assert screen.query_one("#summary").has_class("error")

            await fill(pilot, screen, "query", "Bestaat niet")
            assert len(notices) == 1  # while typing, errors stay in the status line
            await pilot.press("enter")
            await settle(pilot)
            assert len(notices) == 2 and notices[-1][1] == "error"
            assert "Bestaat niet" in notices[-1][0]

            await fill(pilot, screen, "where", "werkplaats")  # no '=': a bad filter
            await fill(pilot, screen, "query", "Kennisdeling")
            assert screen.error is not None and "werkplaats=WOA" in screen.error
            await fill(pilot, screen, "where", "werkplaats=POINT")
            assert screen.error is None
            assert listed(screen) == keys(
                expected(coded, "Kennisdeling", Filters({"werkplaats": ("POINT",)}))
            )
            assert app.screen is screen

    scenario(go)


def test_space_reads_in_context_escape_goes_back_and_f4_returns(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            screen = await open_quotes(app, pilot)
            await pilot.press(*"Kennisdeling*")
            await typed(pilot)
            table = screen.query_one("#quotes", DataTable)
            table.focus()
            await pilot.press("down", "space")
            assert screen.query_one("#panel").has_focus
            await pilot.press("escape")
            assert table.has_focus and app.screen is screen
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("f4")
            await settle(pilot)
            assert app.screen is not screen  # closed screens are not kept
            again = app.screen
            assert isinstance(again, RetrievalScreen)
            await pilot.press("f3")
            await settle(pilot)
            await pilot.press("f4")  # back to the open quotes screen, not a new one
            assert app.screen is again
            assert sum(isinstance(s, RetrievalScreen) for s in app.screen_stack) == 1

    scenario(go)


def test_every_binding_of_the_new_screens_is_a_label() -> None:
    from codebook.tui.modals.export import ExportDialog
    from codebook.tui.screens.analysis import AnalysisScreen
    from codebook.tui.screens.help import declared_bindings

    for cls in (RetrievalScreen, QuoteTable, AnalysisScreen, ExportDialog, CodebookApp):
        assert all(b.description in EN for b in declared_bindings(cls)), cls
