"""From a count to its quotes (Enter on an F5 cell), and opening a coding in place.

The number in a cell and the quotes listed behind it must agree, the quote
must open in its transcript selected, and Escape must lead back the way the
analyst came: transcript, quote list, the same cell of the table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from analysis.study import GELIJK, LANDELIJK
from codebook import cli
from codebook.cli.core import core_app
from codebook.domain.analysis import TableRequest, Tabulation
from codebook.domain.queries import Filters
from codebook.project import Project
from codebook.services.analysis import frequencies
from codebook.tui.app import CodebookApp
from codebook.tui.screens.analysis import AnalysisScreen
from codebook.tui.screens.cell_quotes import CellQuotesScreen
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.home import HomeScreen
from tui.coded import copy_of, fresh_store, record_notices, template
from tui.kit import SIZE, running, scenario, settle


def table_cells(table: Tabulation) -> list[list[str]]:
    """The door's table as the screen shows it: labels and counts as text."""
    return [[label, *map(str, row)] for label, row in zip(table.rows, table.cells, strict=True)]


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory)


@pytest.fixture
def coded(study_file: Path, tmp_path: Path) -> str:
    return copy_of(study_file, tmp_path)


def cells(screen: AnalysisScreen) -> list[list[str]]:
    table = screen.query_one("#table", DataTable)
    return [[str(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


def heading(screen: AnalysisScreen) -> str:
    return str(screen.query_one("#heading", Static).render())


async def open_analysis(app: CodebookApp, pilot: Pilot[Any]) -> AnalysisScreen:
    await pilot.press("f5")
    await settle(pilot)
    assert isinstance(app.screen, AnalysisScreen)
    return app.screen


async def choose(pilot: Pilot[Any], screen: AnalysisScreen, select: str, value: str) -> None:
    screen.query_one(f"#{select}", Select).value = value
    await settle(pilot)


def place(screen: AnalysisScreen, row_label: str, column_label: str) -> tuple[int, int]:
    """Put the table's cursor on a cell named by its labels; its (row, column)."""
    table = screen.query_one("#table", DataTable)
    rows = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
    columns = [str(c.label) for c in table.columns.values()]
    where = (rows.index(row_label), columns.index(column_label))
    table.move_cursor(row=where[0], column=where[1])
    table.focus()
    return where


def test_enter_on_a_count_lists_its_quotes_and_escape_leads_back(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            screen = await open_analysis(app, pilot)
            assert heading(screen) == "Segments per code by werkplaats"
            row, column = place(screen, LANDELIJK, "total")
            assert cells(screen)[row][column] == "2"  # Judith's and Karel's "landelijk"

            await pilot.press("enter")
            await settle(pilot)
            listing = app.screen
            assert isinstance(listing, CellQuotesScreen)
            assert [q.text for q in listing.quotes] == [
                "Landelijk delen we weinig.",
                "We delen kennis landelijk via de conferentie.",
            ]
            title = str(listing.query_one("#cell", Static).render())
            assert title == f"2 segments · {LANDELIJK} · total"
            quote = listing.quotes[1]

            await pilot.press("down", "enter")
            await settle(pilot)
            coding = app.screen
            assert isinstance(coding, CodingScreen)
            assert coding.document_id == quote.document_id
            assert coding.transcript.selected_range() == (quote.start, quote.end)
            assert (quote.start, quote.end) == (quote.codings[0].start, quote.codings[0].end)

            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is listing
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen
            assert screen.query_one("#table", DataTable).cursor_coordinate == (row, column)

    scenario(go)


def test_every_count_of_a_column_is_as_many_quotes(coded: str) -> None:
    async def go() -> None:
        async with running(coded) as (app, pilot):
            screen = await open_analysis(app, pilot)
            for row_index, row in enumerate(cells(screen)):
                place(screen, row[0], "WOA")
                await pilot.press("enter")
                await settle(pilot)
                listing = app.screen
                assert isinstance(listing, CellQuotesScreen), row
                assert len(listing.quotes) == int(row[2]), row  # column 2: WOA
                assert listing.query_one("#quotes", DataTable).row_count == int(row[2])
                await pilot.press("escape")
                await settle(pilot)
                assert screen.query_one("#table", DataTable).cursor_row == row_index

    scenario(go)


def test_the_coder_filter_counts_one_coders_codings(coded: str) -> None:
    async def go() -> None:
        store = fresh_store(coded)
        with store.read() as session:
            bram = frequencies(session, "werkplaats", filters=Filters(coders=("bram",)))
            everyone = frequencies(session, "werkplaats")
        store.close()
        async with running(coded) as (app, pilot):
            screen = await open_analysis(app, pilot)
            shown = [
                [str(label), *(str(int(v)) for v in r)]
                for label, r in zip(everyone.rows, everyone.cells, strict=True)
            ]
            assert cells(screen) == shown
            await choose(pilot, screen, "coder", "bram")
            expected = [
                [str(label), *(str(int(v)) for v in r)]
                for label, r in zip(bram.rows, bram.cells, strict=True)
            ]
            assert cells(screen) == expected
            assert expected != shown  # anna's codings no longer count
            assert heading(screen).endswith("only bram's codings")
            assert "counted: bram" in str(screen.query_one("#summary", Static).render())

            place(screen, GELIJK, "WOA")
            await pilot.press("enter")
            await settle(pilot)
            listing = app.screen
            assert isinstance(listing, CellQuotesScreen)
            assert [c.coder for q in listing.quotes for c in q.codings] == ["bram"]

    scenario(go)


def test_the_attribute_table_on_screen_and_its_cells(coded: str) -> None:
    async def go() -> None:
        with Project.open(coded, coder="anna") as door:
            request = TableRequest(kind="crosstab", rows="werkplaats", columns="rol")
            expected = door.table(request)
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            screen = await open_analysis(app, pilot)
            await choose(pilot, screen, "kind", "crosstab")
            assert heading(screen) == "Segments of all codes by werkplaats and rol"
            table = screen.query_one("#table", DataTable)
            assert [str(c.label) for c in table.columns.values()] == [
                "werkplaats",
                "coördinator",
                "schoolleider",
                "total",
            ]
            shown = [
                [str(label), *(str(int(v)) for v in r)]
                for label, r in zip(expected.rows, expected.cells, strict=True)
            ]
            assert cells(screen) == shown
            summary = str(screen.query_one("#summary", Static).render())
            assert summary.startswith("rows: 4 · columns: 3 · cells count segments")

            place(screen, "WOA", "coördinator")
            await pilot.press("enter")
            await settle(pilot)
            listing = app.screen
            assert isinstance(listing, CellQuotesScreen)
            assert len(listing.quotes) == int(expected.value("WOA", "coördinator")) == 5
            await pilot.press("escape")
            await settle(pilot)

            await choose(pilot, screen, "code", "Kennisdeling")
            await pilot.press("ctrl+t")  # with its subcodes
            await settle(pilot)
            assert heading(screen).startswith("Segments of Kennisdeling by werkplaats and rol")
            assert cells(screen)[1] == ["WOA", "3", "0", "3"]

            await choose(pilot, screen, "kind", "cooccurrence")
            table.move_cursor(row=0, column=1)
            table.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            assert notices and notices[-1][1] == "warning"

    scenario(go)


def test_the_app_opens_at_a_coding_and_escape_leads_home(coded: str) -> None:
    async def go() -> None:
        with Project.open(coded, coder="anna") as door:
            target = next(c for c in door.codings(code=GELIJK) if c.coder == "bram")
            at = door.coding_place(target.id)
            app = CodebookApp(door, "en", at)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, CodingScreen)
                assert screen.document_id == target.document_id
                assert screen.transcript.selected_range() == (target.start, target.end)
                await pilot.press("escape")
                await settle(pilot)
                assert isinstance(app.screen, HomeScreen)

    scenario(go)


@pytest.fixture
def cli_app(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The core commands as ``codebook`` runs them, the TUI replaced by a recorder."""
    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    app.add_typer(core_app)
    monkeypatch.setattr(cli, "app", app)
    started: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        "codebook.tui.app.run_app", lambda door, lang, at=None: started.append((lang, at))
    )
    return started


def test_tui_coding_option(
    coded: str, cli_app: list[tuple[Any, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(coded, coder="anna") as door:
        target = door.codings(code=LANDELIJK)[0]
    assert cli.main(["--coder", "anna", "tui", coded, "--coding", str(target.id)]) == 0
    [(lang, at)] = cli_app
    assert lang == "en" and at == target

    assert cli.main(["--coder", "anna", "tui", coded, "--coding", "999"]) == 2
    _out, err = capsys.readouterr()
    assert err.strip() == "error: unknown coding 999"
    assert len(cli_app) == 1  # no TUI for a wrong number
