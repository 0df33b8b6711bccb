"""Removing codings (choosing among several), memos, and undo/redo through the journal."""

from __future__ import annotations

from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id
from codebook.tui.modals.choose import ChooseCoding
from codebook.tui.modals.memo import MemoEditor
from tui.kit import Project, open_document, running, scenario

Q1 = (13, 54)


def add_codings(project: Project, *items: tuple[int, int, int], coder: str = "anna") -> None:
    store = project.store()
    try:
        with store.write() as session:
            who = coder_id(session, coder)
            for code, start, end in items:
                apply_coding(session, who, project.doc, code, start, end)
    finally:
        store.close()


def test_remove_the_only_coding_under_the_cursor(project: Project) -> None:
    add_codings(project, (project.sub, *Q1))

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(20)
            await pilot.press("x")
            assert project.codings() == []
            assert screen.model is not None
            assert len(screen.model.index) == 0
            await pilot.press("x")  # nothing left: a notice, no error
            assert project.codings() == []

    scenario(go)


def test_remove_asks_which_when_codings_overlap(project: Project) -> None:
    add_codings(project, (project.sub, *Q1), (project.other, 13, 30), (project.theme, 20, 40))

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(25)
            await pilot.press("x")
            assert isinstance(app.screen, ChooseCoding)
            await pilot.press("escape")
            assert len(project.codings()) == 3
            await pilot.press("x")
            # Listed by position: Kennisdeling 13-30, Schoolleider 13-54, Vormgeving 20-40.
            await pilot.press("down", "enter")
            assert sorted(c[1] for c in project.codings()) == sorted([project.other, project.theme])
            await pilot.press("x", "2")  # number keys pick directly
            assert [c[1] for c in project.codings()] == [project.other]

    scenario(go)


def test_remove_leaves_other_coders_codings_alone(project: Project) -> None:
    add_codings(project, (project.sub, *Q1), coder="bram")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("o")  # show them
            screen.transcript.move_to(20)
            await pilot.press("x")
            assert len(project.codings()) == 1

    scenario(go)


def test_memo_on_a_coding(project: Project) -> None:
    add_codings(project, (project.sub, *Q1), (project.other, 13, 30))

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(20)
            await pilot.press("m", "1")  # 1 = Kennisdeling 13-30, 2 = Schoolleider 13-54
            assert isinstance(app.screen, MemoEditor)
            await pilot.press(*"twee uur", "ctrl+s")
            notes = {c[1]: c[4] for c in project.codings()}
            assert notes == {project.sub: None, project.other: "twee uur"}
            await pilot.press("m", "1", "escape")  # cancel leaves it
            assert {c[1]: c[4] for c in project.codings()}[project.other] == "twee uur"

    scenario(go)


def test_undo_and_redo_several_steps_with_notices(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("s", "c", *"kenn", "enter")
            await pilot.press("right_square_bracket", "s", "c", *"vorm", "enter")
            assert len(project.codings()) == 2
            notices: list[str] = []
            app.notify = lambda message, **_: notices.append(str(message))  # type: ignore[assignment,method-assign]
            await pilot.press("z")
            assert [c[1] for c in project.codings()] == [project.other]
            assert notices[-1] == "Undone: apply 'Vormgeving' at 64-93"
            await pilot.press("ctrl+z")
            assert project.codings() == []
            assert notices[-1] == "Undone: apply 'Kennisdeling' at 13-54"
            await pilot.press("Z")
            assert [c[1] for c in project.codings()] == [project.other]
            assert notices[-1] == "Redone: apply 'Kennisdeling' at 13-54"
            await pilot.press("ctrl+y", "ctrl+y")
            assert len(project.codings()) == 2
            assert notices[-1] == "Nothing to redo"

    scenario(go)


def test_undo_removal_and_memo(project: Project) -> None:
    add_codings(project, (project.sub, *Q1))

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(20)
            await pilot.press("m", *"memo", "ctrl+s")
            await pilot.press("x")
            assert project.codings() == []
            await pilot.press("z")
            assert project.codings() == [(project.doc, project.sub, *Q1, "memo")]
            await pilot.press("z")
            assert project.codings() == [(project.doc, project.sub, *Q1, None)]
            model = screen.model
            assert model is not None
            assert [s.id for s in model.index] != []

    scenario(go)


def test_undo_after_restarting_the_app(project: Project) -> None:
    async def code() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("s", "c", *"kenn", "enter")

    async def undo() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            assert screen.model is not None
            assert len(screen.model.index) == 1
            await pilot.press("z")
            assert project.codings() == []
            await pilot.pause()
            assert len(screen.model.index) == 0

    scenario(code)
    assert len(project.codings()) == 1
    scenario(undo)
