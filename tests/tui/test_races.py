"""Races between workers, repaints and the tests' own waiting, made to happen on purpose.

On a loaded machine a repaint can come between a worker's rows arriving and
the table measuring them, and a thread that waits on the database makes the
process look idle. Both once made the suite flaky; here each is forced.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from codebook.domain.analysis import TableRequest
from codebook.project import Project as ProjectDoor
from codebook.tui.screens.analysis import AnalysisScreen
from codebook.tui.screens.home import HomeScreen
from codebook.tui.widgets.table import FittedTable
from tui.coded import copy_of, template
from tui.kit import Project, running, scenario, settle


class TableApp(App[None]):
    CSS = "FittedTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield FittedTable(id="table")


def shown(table: FittedTable) -> list[str]:
    """The table's rows as drawn now (header first), without trailing blanks."""
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


def test_a_fitted_table_has_its_widths_in_the_first_frame() -> None:
    async def go() -> None:
        app = TableApp()
        async with app.run_test(size=(80, 6)) as pilot:
            table = app.query_one(FittedTable)
            table.fill(
                ["document", "words"],
                [["point-01-coordinator.txt", Text("2011", justify="right")], ["[b]x[/b]", "7"]],
                row_keys=["1", "2"],
            )
            # Drawn at once, before the table went idle (when DataTable measures).
            first = shown(table)
            assert first[:3] == [
                " document                  words",
                " point-01-coordinator.txt   2011",
                " [b]x[/b]                  7",  # plain text, never markup
            ]
            await settle(pilot)
            assert shown(table) == first

    scenario(go)


def test_documents_are_not_cut_off_when_the_screen_repaints_before_the_table_is_idle(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = HomeScreen._loaded

    def and_repaint(self: HomeScreen, rows: Any) -> None:
        loaded(self, rows)
        shown(self.table)  # what a repaint right now (the screen's update timer) draws

    monkeypatch.setattr(HomeScreen, "_loaded", and_repaint)

    async def go() -> None:
        async with running(project.path) as (app, _pilot):
            assert isinstance(app.screen, HomeScreen)
            lines = shown(app.screen.table)
            assert lines[0].startswith(" document ▲   words")
            assert lines[1].startswith(" jeroen.txt ") and lines[2].startswith(" marieke.txt ")

    scenario(go)


@pytest.fixture
def coded(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> str:
    return copy_of(template(tmp_path_factory), tmp_path)


def test_settle_waits_for_a_worker_started_by_another_workers_result(
    coded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first table is computed once the attribute names are in: two workers in a row.

    Both wait on a slow database here (a sleeping thread leaves the process idle,
    which is what Textual's own idle check looks for).
    """
    names, table = ProjectDoor.attribute_names, ProjectDoor.table

    def slow_names(self: ProjectDoor) -> list[str]:
        time.sleep(0.3)
        return names(self)

    def slow_table(self: ProjectDoor, request: TableRequest) -> Any:
        time.sleep(0.3)
        return table(self, request)

    monkeypatch.setattr(ProjectDoor, "attribute_names", slow_names)
    monkeypatch.setattr(ProjectDoor, "table", slow_table)

    async def go() -> None:
        async with running(coded) as (app, pilot):
            await pilot.press("f5")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AnalysisScreen)
            assert screen.shown is not None and screen.shown.columns == "werkplaats"
            assert screen.table.row_count > 0
            assert not list(app.workers)

    scenario(go)
