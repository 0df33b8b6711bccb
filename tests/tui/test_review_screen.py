"""The review screen (F7): codings made before their code was redefined, settled with one key
each (keep, recode, remove, undo), the database checked after every key, and the counts on
Home and the codebook screen."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import Static

from codebook.db.models import Coding
from codebook.project import Project as Door
from codebook.tui.modals.palette import CodePalette
from codebook.tui.screens.codebook import CodebookScreen
from codebook.tui.screens.home import HomeScreen
from codebook.tui.screens.review import ReviewScreen
from helpers import INTERVIEW
from tui.kit import Project, running, scenario, settle


def _span(text: str) -> tuple[int, int]:
    start = INTERVIEW.index(text)
    return start, start + len(text)


GELIJK = _span("Eerlijk gezegd gelijkwaardig.")
SAMEN = _span("We bedenken de vraag samen.")


def _redefined(project: Project) -> int:
    """Two codings of 'Vormgeving', then its definition changes; the new codebook version."""
    project.add_coding(project.theme, *GELIJK)
    project.add_coding(project.theme, *SAMEN)
    with Door.open(project.path, coder="anna") as door:
        door.redefine_code(project.theme, {"brief_definition": "How the team divides the work."})
        return door.summary().codebook_version


def _stamps(project: Project) -> dict[tuple[int, int], tuple[int, int]]:
    """(start, end) -> (code, codebook version) of every coding, read afresh."""
    store = project.store()
    try:
        with store.read() as session:
            rows = session.execute(
                select(Coding.start, Coding.end, Coding.code_id, Coding.codebook_version)
            ).all()
    finally:
        store.close()
    return {(s, e): (c, v) for s, e, c, v in rows}


def _static(screen: object, selector: str) -> str:
    assert isinstance(screen, ReviewScreen | HomeScreen | CodebookScreen)
    return str(screen.query_one(selector, Static).render())


def test_keep_recode_remove_and_undo_each_with_one_key(project: Project) -> None:
    version = _redefined(project)
    before = _stamps(project)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            assert "2 codings await review (F7)" in _static(app.screen, "#summary")
            await pilot.press("f7")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert _static(screen, "#summary") == "2 codings await review: Vormgeving 2"
            assert "Eerlijk gezegd gelijkwaardig." in _static(screen, "#passage")
            then, now = _static(screen, "#then"), _static(screen, "#now")
            assert "How the collaboration is organised." in then
            assert "How the team divides the work." in now

            await pilot.press("k")
            await settle(pilot)
            assert _stamps(project)[GELIJK] == (project.theme, version)
            assert _stamps(project)[SAMEN] == before[SAMEN]
            assert _static(screen, "#summary") == "1 codings await review: Vormgeving 1"

            await pilot.press("x")
            await settle(pilot)
            assert SAMEN not in _stamps(project)
            assert _static(screen, "#summary") == "0 codings await review"

            await pilot.press("z")
            await settle(pilot)
            assert _stamps(project)[SAMEN] == before[SAMEN]
            assert _static(screen, "#summary") == "1 codings await review: Vormgeving 1"

            await pilot.press("r")
            assert isinstance(app.screen, CodePalette)
            await pilot.press(*"kennis", "enter")
            await settle(pilot)
            assert _stamps(project)[SAMEN] == (project.other, version)
            assert _static(screen, "#summary") == "0 codings await review"

            await pilot.press("z", "z")
            await settle(pilot)
            assert _stamps(project) == before
            assert _static(screen, "#summary") == "2 codings await review: Vormgeving 2"

    scenario(go)


def test_the_codebook_screen_shows_the_highlighted_code_s_count(project: Project) -> None:
    _redefined(project)

    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            await pilot.press("f3")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CodebookScreen)
            screen.code_tree.select_code(project.theme)
            await settle(pilot)
            waiting = "2 coderingen wachten op herbeoordeling (F7)"
            assert _static(screen, "#awaiting") == waiting
            screen.code_tree.select_code(project.other)
            await settle(pilot)
            assert _static(screen, "#awaiting") == ""
            await pilot.press("f7")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            assert project.codings()[0][1] == project.theme

    scenario(go)
