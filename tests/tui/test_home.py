"""Home: documents with attributes and progress, type-to-filter, sort, open with Enter."""

from __future__ import annotations

from textual.widgets import DataTable

from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.home import HomeScreen, matches, progress_bar
from tui.kit import Project, guid, pin, running, scenario, settle


def shown(app_screen: HomeScreen) -> list[str]:
    return [row.name for row in app_screen.shown]


def test_filter_by_attribute_then_open_and_code(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            assert shown(home) == ["jeroen.txt", "marieke.txt"]
            await pilot.press(*"wou")
            assert shown(home) == ["jeroen.txt"]
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CodingScreen)
            assert screen.document_id == project.doc2
            pin(app, guid(project, project.other))
            await pilot.press("s", "1")
            assert project.codings() == [(project.doc2, project.other, 13, 56, None)]
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is home
            row = next(r for r in home.rows if r.id == project.doc2)
            assert (row.codings, row.coded_turns) == (1, 1)

    scenario(go)


def test_filter_by_name_several_words_and_clear(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            await pilot.press(*"mar woa")
            assert shown(home) == ["marieke.txt"]
            await pilot.press(*" wou")
            assert shown(home) == []
            await pilot.press("enter")  # nothing to open
            assert app.screen is home
            await pilot.press("escape")
            assert shown(home) == ["jeroen.txt", "marieke.txt"]

    scenario(go)


def test_arrows_choose_the_row_and_typing_in_the_table_filters(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            await pilot.press("down")
            assert home.selected_document == project.doc
            home.table.focus()
            await pilot.press("j")
            assert home.query_one("#filter").has_focus
            assert shown(home) == ["jeroen.txt"]
            await pilot.press("backspace", "down", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CodingScreen)
            assert app.screen.document_id == project.doc

    scenario(go)


def test_sort_by_columns(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            await pilot.press("ctrl+r")
            assert shown(home) == ["marieke.txt", "jeroen.txt"]
            await pilot.press("ctrl+s")  # words, ascending
            assert shown(home) == ["marieke.txt", "jeroen.txt"]
            for _ in range(4):
                await pilot.press("ctrl+s")  # turns, progress, codings, rol
            assert shown(home) == ["jeroen.txt", "marieke.txt"]  # leerkracht < schoolleider
            table = home.query_one(DataTable)
            assert "▲" in str(table.ordered_columns[5].label)

    scenario(go)


def test_matching_and_progress_bar() -> None:
    from codebook.domain.documents import DocumentRow

    row = DocumentRow(1, "a.txt", "txt", 10, 4, 1, 2, {"rol": "schoolleider", "jaar": 2018.0})
    assert matches(row, "rol=school")
    assert matches(row, "A.TXT 2018")
    assert not matches(row, "leerkracht")
    assert progress_bar(0.25) == "██" + "░" * 8 + "  25%"
    assert progress_bar(1.0) == "█" * 10 + " 100%"
