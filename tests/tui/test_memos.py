"""Memos in the TUI: on a code from the codebook screen, on a document from home."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from textual.widgets import Input, Label, OptionList, Static, TextArea

from codebook.db.models import Coder, Memo
from codebook.services.memos import add_memo, code_target
from codebook.services.project_store import coder_id
from codebook.tui.modals.memo import ChooseMemo, MemoEditor
from codebook.tui.screens.codebook import CodebookScreen
from codebook.tui.screens.home import HomeScreen
from tui.kit import Project, running, scenario, settle

MemoRow = tuple[str, int | None, str, str, str]


def memos(project: Project) -> list[MemoRow]:
    """(kind, target id, coder, title, text) of every memo, via a fresh connection."""
    store = project.store()
    try:
        with store.read() as session:
            rows = session.execute(
                select(Memo.target_kind, Memo.target_id, Coder.name, Memo.title, Memo.text)
                .join(Coder, Coder.id == Memo.coder_id)
                .order_by(Memo.id)
            ).all()
    finally:
        store.close()
    return [(k, t, c, title, text) for k, t, c, title, text in rows]


def memo_by(project: Project, coder: str, code: int, text: str) -> None:
    store = project.store()
    try:
        with store.write() as session:
            add_memo(session, coder_id(session, coder), code_target(session, code), text)
    finally:
        store.close()


def pane(screen: CodebookScreen) -> str:
    heading = str(screen.query_one("#memos-heading", Label).render())
    return heading + "\n" + str(screen.query_one("#memos", Static).render())


async def open_codebook(app: Any, pilot: Any, code: int) -> CodebookScreen:
    await pilot.press("f3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    screen.code_tree.select_code(code)
    await pilot.pause()
    return screen


def test_write_edit_and_delete_a_memo_on_a_code(project: Project) -> None:
    memo_by(project, "bram", project.other, "Bram denkt: te breed.")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_codebook(app, pilot, project.theme)
            assert "Memos (0)" in pane(screen) and "No memos yet" in pane(screen)
            await pilot.press("M")  # no memo on it yet: straight to the editor, title first
            editor = app.screen
            assert isinstance(editor, MemoEditor)
            assert editor.focused is editor.query_one("#memo-title", Input)
            await pilot.press(*"Waarom", "enter", *"Rollen en teams.", "ctrl+s")
            await settle(pilot)
            assert app.screen is screen
            assert memos(project) == [
                ("code", project.other, "bram", "", "Bram denkt: te breed."),
                ("code", project.theme, "anna", "Waarom", "Rollen en teams."),
            ]
            assert "Memos (1)" in pane(screen) and "Rollen en teams." in pane(screen)

            # A second time: a chooser with "new memo" first, then anna's memo.
            await pilot.press("M")
            assert isinstance(app.screen, ChooseMemo)
            await pilot.press("down", "enter")
            editor = app.screen
            assert isinstance(editor, MemoEditor)
            assert editor.focused is editor.query_one("#memo", TextArea)
            await pilot.press(*" Ook vergaderingen.", "ctrl+s")
            await settle(pilot)
            assert memos(project)[1][3:] == ("Waarom", "Rollen en teams. Ook vergaderingen.")

            await pilot.press("z")  # undo covers memos
            await settle(pilot)
            assert memos(project)[1][3:] == ("Waarom", "Rollen en teams.")

            await pilot.press("M", "down", "enter")  # saving it empty deletes it
            editor = app.screen
            assert isinstance(editor, MemoEditor)
            editor.query_one("#memo", TextArea).load_text("")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert [m[2] for m in memos(project)] == ["bram"]
            assert "Memos (0)" in pane(screen)

            # Bram's memo shows in the pane and the chooser, but only he can pick it.
            screen.code_tree.select_code(project.other)
            await pilot.pause()
            assert "Memos (1)" in pane(screen) and "Bram denkt: te breed." in pane(screen)
            await pilot.press("M")
            chooser = app.screen
            assert isinstance(chooser, ChooseMemo)
            options = chooser.query_one(OptionList)
            assert options.option_count == 2
            assert options.get_option_at_index(1).disabled
            await pilot.press("escape")
            assert app.screen is screen
            assert len(memos(project)) == 1

    scenario(go)


def test_escape_writes_nothing(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_codebook(app, pilot, project.sub)
            await pilot.press("M", *"Kop", "enter", *"Tekst", "escape")
            await settle(pilot)
            assert memos(project) == []

    scenario(go)


def test_memo_on_the_highlighted_document_from_home_in_dutch(project: Project) -> None:
    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            await pilot.press(*"marieke", "ctrl+n")
            editor = app.screen
            assert isinstance(editor, MemoEditor)
            assert "Memo bij 'marieke.txt'" in str(editor.query_one(Label).render())
            await pilot.press("enter", *"Gelijkwaardig.", "ctrl+s")
            await settle(pilot)
            assert app.screen is home
            assert memos(project) == [("document", project.doc, "anna", "", "Gelijkwaardig.")]

    scenario(go)
