"""Analysis screen (F5): each table is the analysis service's table, cell for cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from codebook.domain.analysis import Tabulation
from codebook.domain.queries import Filters
from codebook.services.analysis import code_case_matrix, cooccurrence, frequencies
from codebook.tui.app import CodebookApp
from codebook.tui.modals.export import ExportDialog
from codebook.tui.screens.analysis import AnalysisScreen
from codebook.tui.screens.retrieval import RetrievalScreen
from tui.coded import copy_of, fresh_store, record_notices, template, typed
from tui.kit import running, scenario, settle


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory)


@pytest.fixture
def coded(study_file: Path, tmp_path: Path) -> str:
    return copy_of(study_file, tmp_path)


def cells(screen: AnalysisScreen) -> list[list[str]]:
    """The table as shown: code, then each count, as text without padding."""
    table = screen.query_one("#table", DataTable)
    return [[str(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


def frame_cells(frame: Tabulation) -> list[list[str]]:
    return [
        [label, *(str(v) for v in row)] for label, row in zip(frame.rows, frame.cells, strict=True)
    ]


def heading(screen: AnalysisScreen) -> str:
    return str(screen.query_one("#heading", Static).render())


async def open_analysis(app: CodebookApp, pilot: Pilot[Any]) -> AnalysisScreen:
    await pilot.press("f5")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AnalysisScreen)
    return screen


async def choose(pilot: Pilot[Any], screen: AnalysisScreen, select: str, value: str) -> None:
    screen.query_one(f"#{select}", Select).value = value
    await settle(pilot)


def test_tables_equal_the_services_frames(coded: str) -> None:
    async def go() -> None:
        store = fresh_store(coded)
        async with running(coded) as (app, pilot):
            screen = await open_analysis(app, pilot)
            with store.read() as session:
                by_place = frequencies(session, "werkplaats", "segments")
                words = code_case_matrix(session, "documents", "words")
                per_turn = cooccurrence(session, "turn", with_children=True)
                woa = frequencies(
                    session, "rol", "documents", filters=Filters({"werkplaats": ("WOA",)})
                )
            store.close()

            # Opens on frequencies by werkplaats, the report's first attribute.
            assert heading(screen) == "Segments per code by werkplaats"
            assert cells(screen) == frame_cells(by_place)
            table = screen.query_one("#table", DataTable)
            assert [str(c.label) for c in table.columns.values()] == [
                "code",
                "POINT",
                "WOA",
                "WOU",
                "total",
            ]

            await choose(pilot, screen, "kind", "matrix")
            await choose(pilot, screen, "unit", "words")
            assert heading(screen) == "Words coded per code and document"
            assert cells(screen) == frame_cells(words)

            await pilot.press("ctrl+n")  # next table: co-occurrence
            await settle(pilot)
            await choose(pilot, screen, "within", "turn")
            await pilot.press("ctrl+t")  # subcodes counted with their theme
            await settle(pilot)
            assert heading(screen).startswith("Co-occurrence of codes: turns holding both codes")
            assert cells(screen) == frame_cells(per_turn)

            await pilot.press("ctrl+n", "ctrl+n")  # past the crosstab, back to frequencies
            await settle(pilot)
            await pilot.press("ctrl+t")
            await choose(pilot, screen, "columns", "rol")
            await choose(pilot, screen, "unit", "documents")
            screen.query_one("#where").focus()
            await pilot.press(*"werkplaats=WOA")
            await typed(pilot)
            assert heading(screen) == "Documents per code by rol · only werkplaats=WOA"
            assert cells(screen) == frame_cells(woa)

    scenario(go)


def test_a_bad_filter_notifies_and_keeps_the_last_table(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            screen = await open_analysis(app, pilot)
            before = cells(screen)
            screen.query_one("#where").focus()
            await pilot.press(*"kleur=rood", "enter")
            await settle(pilot)
            assert notices and notices[-1][1] == "error" and "kleur" in notices[-1][0]
            assert cells(screen) == before and app.screen is screen
            await pilot.press("escape")
            assert not isinstance(app.screen, AnalysisScreen)

    scenario(go)


def test_dutch_titles_on_the_new_screens(coded: str) -> None:
    async def go() -> None:
        async with running(coded, lang="nl") as (app, pilot):
            screen = await open_analysis(app, pilot)
            assert str(screen.query_one("#title", Static).render()).endswith("· analyse")
            assert heading(screen) == "Fragmenten per code naar werkplaats"
            await pilot.press("f4")
            await settle(pilot)
            quotes = app.screen
            assert isinstance(quotes, RetrievalScreen)
            assert str(quotes.query_one("#title", Static).render()).endswith("· citaten")
            table = quotes.query_one("#quotes", DataTable)
            assert "spreker" in [str(c.label) for c in table.columns.values()]
            await pilot.press("ctrl+e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            assert str(dialog.query_one("#heading").render()) == "Exporteren"
            assert str(dialog.query_one("#language").render()) == "Taal: Nederlands"

    scenario(go)
