"""Correcting a turn's text from the coding screen: the plan first, one undoable action."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from textual.widgets import Static, TextArea

from codebook.db.models import Document
from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.memo import MemoEditor
from helpers import INTERVIEW
from tui.kit import Project, open_document, running, scenario, settle

ANSWER = "Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen."
ANSWER_AT = INTERVIEW.index(ANSWER)
CORRECTED = "Eerlijk gezegd gelijkwaardig. Wij bedenken de vragen samen."


def stored_text(project: Project) -> str:
    store = project.store()
    try:
        with store.read() as session:
            text = session.scalar(select(Document.text).where(Document.id == project.doc))
    finally:
        store.close()
    assert text is not None
    return text


def code(project: Project, code_id: int, start: int, end: int) -> None:
    store = project.store()
    try:
        with store.write() as session:
            apply_coding(session, coder_id(session, "bram"), project.doc, code_id, start, end)
    finally:
        store.close()


async def edit_answer(app: Any, pilot: Any, project: Project, new_text: str) -> None:
    """Open the first answer's turn in the editor and save ``new_text``."""
    screen = await open_document(app, pilot, project.doc)
    screen.transcript.move_to(ANSWER_AT + 3)
    await pilot.press("e")
    editor = app.screen
    assert isinstance(editor, MemoEditor)
    area = editor.query_one("#memo", TextArea)
    assert area.text == ANSWER  # the turn's text, without its label
    area.load_text(new_text)
    await pilot.press("ctrl+s")
    await settle(pilot)


def test_a_turn_without_codings_is_corrected_at_once_and_undone(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await edit_answer(app, pilot, project, CORRECTED)
            assert stored_text(project) == INTERVIEW.replace(ANSWER, CORRECTED)
            screen = app.screen
            assert screen.model is not None
            assert CORRECTED in screen.model.raw_text
            assert CORRECTED in screen.transcript.text
            await pilot.press("z")
            await settle(pilot)
            assert stored_text(project) == INTERVIEW
            assert ANSWER in screen.transcript.text

    scenario(go)


def test_a_coded_passage_that_changes_is_shown_before_anything_is_written(
    project: Project,
) -> None:
    vraag = ANSWER_AT + ANSWER.index("We bedenken")
    code(project, project.other, vraag, ANSWER_AT + len(ANSWER))  # "We bedenken de vraag samen."
    code(project, project.theme, ANSWER_AT, ANSWER_AT + len("Eerlijk gezegd"))
    before = project.codings()

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await edit_answer(app, pilot, project, CORRECTED)
            preview = app.screen
            assert isinstance(preview, ConfirmPreview)
            shown = str(preview.query_one("#preview", Static).render())
            assert "1 codings would read differently, 0 would vanish, 1 stay" in shown
            assert "Kennisdeling (bram): 'We bedenken de vraag samen.'" in shown
            assert "'Wij bedenken de vragen samen.'" in shown
            await pilot.press("escape")
            await settle(pilot)
            assert stored_text(project) == INTERVIEW
            assert project.codings() == before

            await edit_answer(app, pilot, project, CORRECTED)
            await pilot.press("enter")
            await settle(pilot)
            text = stored_text(project)
            assert text == INTERVIEW.replace(ANSWER, CORRECTED)
            passages = sorted(text[start:end] for _, _, start, end, _ in project.codings())
            assert passages == ["Eerlijk gezegd", "Wij bedenken de vragen samen."]

    scenario(go)


def test_emptying_a_turn_is_refused_and_nothing_changes(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await edit_answer(app, pilot, project, "   ")
            assert stored_text(project) == INTERVIEW
            assert any("empty turn 2" in n.message for n in app._notifications)

    scenario(go)
