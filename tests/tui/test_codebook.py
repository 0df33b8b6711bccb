"""Codebook screen: create, edit fields, rename, move, merge, split, retire, each previewed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from textual.pilot import Pilot
from textual.widgets import Input, Static

from codebook.db.models import Code
from codebook.tui.app import CodebookApp
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.palette import CodePalette
from codebook.tui.modals.split import SplitAssign
from codebook.tui.screens.codebook import CodebookScreen
from tui.kit import Project, open_document, running, scenario, settle


async def codebook(app: CodebookApp, pilot: Pilot[Any], highlight: int) -> CodebookScreen:
    await pilot.press("f3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    screen.code_tree.select_code(highlight)
    await pilot.pause()
    return screen


def preview_text(app: CodebookApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmPreview)
    title = str(screen.query_one("#title", Static).render())
    return title + "\n" + str(screen.query_one("#preview", Static).render())


def test_merge_shows_what_moves_and_escape_cancels(project: Project) -> None:
    project.add_coding(project.other, 13, 54)
    project.add_coding(project.other, 64, 93)
    project.add_coding(project.other, 164, 202)
    project.add_coding(project.theme, 164, 202)  # identical range: collapses

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("g")
            assert isinstance(app.screen, CodePalette)
            await pilot.press(*"vormgeving", "enter")
            text = preview_text(app)
            assert "Merge 'Kennisdeling' into 'Vormgeving': 2 codings move, 1 duplicates" in text
            assert "2 codings move to 'Vormgeving'" in text
            await pilot.press("escape")
            await settle(pilot)
            assert not project.code(project.other)["retired"]
            assert sorted(c[1] for c in project.codings()) == [1, 3, 3, 3]
            await pilot.press("g", *"vormgeving", "enter", "enter")
            await settle(pilot)
            assert project.code(project.other)["retired"]
            assert project.code(project.other)["merged_into_id"] == project.theme
            assert [c[1] for c in project.codings()] == [project.theme] * 3
            await pilot.press("z")  # a revision is undone like any action
            await settle(pilot)
            assert not project.code(project.other)["retired"]
            assert sorted(c[1] for c in project.codings()) == [1, 3, 3, 3]

    scenario(go)


def test_rename_with_preview(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("r")
            assert app.screen.query_one(Input).value == "Kennisdeling"
            await pilot.press("ctrl+u", *"Kennis delen", "enter")
            assert "'Kennisdeling' is renamed to 'Kennis delen'" in preview_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert project.code(project.other)["name"] == "Kennis delen"

    scenario(go)


def test_move_to_top_level_and_under_another(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await codebook(app, pilot, project.sub)
            await pilot.press("m")
            palette = app.screen
            assert isinstance(palette, CodePalette)
            await pilot.press("enter")  # first choice: (top level)
            assert "moves to (top level)" in preview_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert project.code(project.sub)["parent_id"] is None
            screen.code_tree.select_code(project.sub)
            await pilot.press("m", *"kennis", "enter", "enter")
            await settle(pilot)
            assert project.code(project.sub)["parent_id"] == project.other

    scenario(go)


def test_retire_and_unretire(project: Project) -> None:
    project.add_coding(project.sub, 13, 54)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await codebook(app, pilot, project.theme)
            await pilot.press("x")
            text = preview_text(app)
            assert "'Vormgeving' and 1 sub-codes take no new codings" in text
            assert "their 1 codings are kept" in text
            await pilot.press("enter")
            await settle(pilot)
            assert project.code(project.theme)["retired"]
            assert project.code(project.sub)["retired"]
            assert len(project.codings()) == 1
            screen.code_tree.select_code(project.theme)
            await pilot.press("u", "enter")
            await settle(pilot)
            assert not project.code(project.theme)["retired"]

    scenario(go)


def test_split_assigns_each_coding(project: Project) -> None:
    project.add_coding(project.other, 13, 54)
    project.add_coding(project.other, 64, 93)
    project.add_coding(project.other, 164, 202)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("s", *"Binnen, Buiten", "enter")
            assert isinstance(app.screen, SplitAssign)
            await pilot.press("1", "2")  # first two codings; the third goes to the default
            await pilot.press("enter")
            text = preview_text(app)
            assert "new code 'Binnen' gets 2 codings" in text
            assert "new code 'Buiten' gets 1 codings" in text
            await pilot.press("enter")
            await settle(pilot)
            assert project.code(project.other)["retired"]
            store = project.store()
            try:
                with store.read() as session:
                    ids = {
                        name: i
                        for i, name in session.execute(
                            select(Code.id, Code.name).where(Code.name.in_(["Binnen", "Buiten"]))
                        )
                    }
            finally:
                store.close()
            got = {(c[2], c[1]) for c in project.codings()}
            assert got == {(13, ids["Binnen"]), (64, ids["Buiten"]), (164, ids["Binnen"])}

    scenario(go)


def test_edit_fields_and_create_codes(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await codebook(app, pilot, project.theme)
            await pilot.press("e", "tab", "home", "ctrl+k", *"Hoe het is ingericht.", "ctrl+s")
            text = preview_text(app)
            # the whole old and new definition, word for word, nothing cut
            for word in ("How", "collaboration", "organised.", "Hoe", "het", "ingericht."):
                assert word in text
            assert "Brief definition" in text
            await pilot.press("enter")
            await settle(pilot)
            assert project.code(project.theme)["brief_definition"] == "Hoe het is ingericht."
            assert not screen.editing
            await pilot.press("a", *"Teams", "enter")
            await settle(pilot)
            await pilot.press("n", *"Borging", "enter")
            await settle(pilot)
            store = project.store()
            try:
                with store.read() as session:
                    rows = dict(session.execute(select(Code.name, Code.parent_id)).all())
                    total = session.scalar(select(func.count()).select_from(Code))
            finally:
                store.close()
            assert rows["Teams"] == project.theme
            assert rows["Borging"] is None
            assert total == 5

    scenario(go)


def test_escape_while_editing_changes_nothing(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await codebook(app, pilot, project.theme)
            await pilot.press("e", *"XX", "escape")
            assert not screen.editing
            assert app.screen is screen
            assert project.code(project.theme)["name"] == "Vormgeving"
            await pilot.press("escape")
            assert app.screen is not screen

    scenario(go)


def test_coding_screen_follows_a_merge_made_in_the_codebook(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            coding = await open_document(app, pilot, project.doc)
            await pilot.press("s", "c", *"kenn", "enter")
            screen = await codebook(app, pilot, project.sub)
            await pilot.press("p")  # pinned here, shown there
            screen.code_tree.select_code(project.other)
            await pilot.press("g", *"vormg", "enter", "enter")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is coding
            assert [c[1] for c in project.codings()] == [project.theme]
            assert coding.model is not None
            assert [s.view.code_id for s in coding.model.index] == [project.theme]
            assert "Schoolleider" in str(coding.query_one("#pins", Static).render())

    scenario(go)
