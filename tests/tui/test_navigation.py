"""Moving and selecting by word, sentence and turn, and jumping between codings.

marieke.txt: sentences 13-54 | 64-93, 94-121 | 135-154 | 164-202, 203-221 (turns
between the bars: 13-54, 64-121, 135-154, 164-221). Each test ends by coding
what the keys selected, so the database shows the navigation was exact.
"""

from __future__ import annotations

from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id
from codebook.tui.screens.coding import CodingScreen
from tui.kit import Project, guid, open_document, pin, running, scenario


def where(screen: CodingScreen) -> tuple[int, int]:
    view = screen.transcript
    return view.anchor_offset, view.cursor_offset


def test_words(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            await pilot.press("w")
            assert where(screen) == (13, 13)
            await pilot.press("w", "ctrl+right")
            assert where(screen) == (20, 20)  # Hoe is de
            await pilot.press("b", "ctrl+left")
            assert where(screen) == (13, 13)
            await pilot.press("W", "W")
            assert where(screen) == (13, 19)
            await pilot.press("B")
            assert where(screen) == (13, 17)
            await pilot.press("ctrl+shift+right")
            assert where(screen) == (13, 19)
            await pilot.press("1")
            assert project.codings() == [(project.doc, project.other, 13, 19, None)]

    scenario(go)


def test_sentences(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            await pilot.press("right_square_bracket", "right_square_bracket")
            assert where(screen) == (64, 64)
            await pilot.press("left_square_bracket")
            assert where(screen) == (13, 13)
            await pilot.press("alt+right")
            assert where(screen) == (64, 64)
            await pilot.press("right_curly_bracket", "right_curly_bracket")
            assert where(screen) == (64, 121)
            await pilot.press("left_curly_bracket")
            assert where(screen) == (64, 94)
            await pilot.press("alt+shift+right")
            assert where(screen) == (64, 121)
            await pilot.press("1")
            assert project.codings() == [(project.doc, project.other, 64, 121, None)]

    scenario(go)


def test_turns(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            await pilot.press("full_stop", "full_stop", "alt+down")
            assert where(screen) == (135, 135)
            await pilot.press("comma", "alt+up")
            assert where(screen) == (13, 13)
            await pilot.press("greater_than_sign", "greater_than_sign")
            assert where(screen) == (13, 121)
            await pilot.press("less_than_sign")
            assert where(screen) == (13, 64)
            await pilot.press("alt+shift+down")
            assert where(screen) == (13, 121)
            await pilot.press("1")
            assert project.codings() == [(project.doc, project.other, 13, 121, None)]

    scenario(go)


def test_select_current_sentence_and_turn(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other), guid(project, project.theme))
            screen.transcript.move_to(100)
            await pilot.press("s")
            assert screen.transcript.selected_range() == (94, 121)
            await pilot.press("1")
            screen.transcript.move_to(170)
            await pilot.press("t")
            assert screen.transcript.selected_range() == (164, 221)
            await pilot.press("2")
            assert project.codings() == [
                (project.doc, project.other, 94, 121, None),
                (project.doc, project.theme, 164, 221, None),
            ]
            await pilot.press("escape")  # clears nothing (no selection): back home
            assert not isinstance(app.screen, CodingScreen)

    scenario(go)


def add(project: Project, code: int, start: int, end: int) -> None:
    store = project.store()
    try:
        with store.write() as session:
            apply_coding(session, coder_id(session, "anna"), project.doc, code, start, end)
    finally:
        store.close()


def test_next_and_previous_coding_and_coding_of_a_code(project: Project) -> None:
    add(project, project.other, 13, 30)
    add(project, project.sub, 64, 93)
    add(project, project.other, 164, 202)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("n")
            assert where(screen) == (13, 13)
            await pilot.press("n", "n")
            assert where(screen) == (164, 164)
            await pilot.press("n")  # none further: stays
            assert where(screen) == (164, 164)
            await pilot.press("N")
            assert where(screen) == (64, 64)
            screen.code_tree.select_code(project.other)
            screen.transcript.move_to(0)
            await pilot.press("f", "f")
            assert where(screen) == (164, 164)
            await pilot.press("F")
            assert where(screen) == (13, 13)
            assert len(project.codings()) == 3

    scenario(go)


def test_next_uncoded_turn(project: Project) -> None:
    add(project, project.other, 13, 30)
    add(project, project.sub, 64, 93)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.theme))
            await pilot.press("u")
            assert where(screen) == (135, 135)
            await pilot.press("t", "1", "u")  # code that turn: the next gap is the last turn
            assert where(screen) == (164, 164)
            await pilot.press("t", "1", "u")  # all coded now: stays
            assert where(screen) == (221, 221)
            assert [c[2:4] for c in project.codings()] == [
                (13, 30),
                (64, 93),
                (135, 154),
                (164, 221),
            ]

    scenario(go)
