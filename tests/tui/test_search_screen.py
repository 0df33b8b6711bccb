"""Search (F9), bulk coding from its hits, and ``/`` in the coding screen: all checked in the DB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.palette import CodePalette
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.search import SearchScreen, parse_where
from codebook.tui.widgets.table import FittedTable
from helpers import INTERVIEW
from tui.kit import SECOND, Project, build_project, open_document, running, scenario, settle

SCHOOL = [SECOND.index("school?"), SECOND.rindex("school?")]
"""jeroen.txt says "de school" twice; marieke.txt only "schoolleider"."""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return build_project(tmp_path / "search.db")


async def search_for(pilot: Pilot[Any], text: str) -> SearchScreen:
    await pilot.press("f9")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one("#query", Input).value = text
    screen.query_one("#query", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


def cells(screen: SearchScreen) -> list[list[str]]:
    table = screen.query_one("#hits", FittedTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def test_a_lemma_search_finds_other_forms_and_enter_opens_the_hit(project: Project) -> None:
    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            screen = await search_for(pilot, "scholen")  # all forms is on by default
            rows = cells(screen)
            assert [row[1] for row in rows] == ["jeroen.txt", "jeroen.txt"]
            assert [row[5] for row in rows] == ["school", "school"]
            assert rows[0][2] == "Interviewer" and rows[0][4].endswith("op voor de")
            counts = str(screen.query_one("#counts", Static).render())
            assert "2 treffers in 1 documenten" in counts and "jeroen.txt 2" in counts
            assert "werkplaats: WOU 2" in counts
            await pilot.press("down", "enter")
            await settle(pilot)
            coding = app.screen
            assert isinstance(coding, CodingScreen) and coding.document_id == project.doc2
            assert coding.transcript.selected_range() == (SCHOOL[1], SCHOOL[1] + 6)

    scenario(go)


def test_exact_forms_only_without_all_forms_and_a_bad_regex_says_so(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await pilot.press("f9")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            screen.query_one("#lemma", Checkbox).value = False
            screen = await search_for(pilot, "scholen")
            assert cells(screen) == []
            assert "Nothing found for 'scholen'" in str(screen.query_one("#counts").render())
            screen.query_one("#regex", Checkbox).value = True
            await search_for(pilot, "school(")
            assert cells(screen) == []  # the error is a notification; nothing else changed
            assert any("school(" in n.message for n in app._notifications)

    scenario(go)


def test_marked_hits_are_coded_by_sentence_after_a_preview_and_undone_at_once(
    project: Project,
) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await search_for(pilot, "school")
            assert len(cells(screen)) == 2
            await pilot.press("c")
            assert isinstance(app.screen, CodePalette)
            await pilot.press(*"kenn", "enter")
            await settle(pilot)
            preview = app.screen
            assert isinstance(preview, ConfirmPreview)
            shown = str(preview.query_one("#preview", Static).render())
            assert "Wat levert het onderzoek op voor de school?" in shown
            await pilot.press("enter")
            await settle(pilot)
            coded = [(d, c, SECOND[s:e]) for d, c, s, e, _ in project.codings()]
            assert coded == [
                (project.doc2, project.other, "Wat levert het onderzoek op voor de school?"),
                (project.doc2, project.other, "En buiten de school?"),
            ]
            await pilot.press("z")
            await settle(pilot)
            assert project.codings() == []

    scenario(go)


def test_one_marked_hit_coded_by_word(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (_app, pilot):
            screen = await search_for(pilot, "school")
            await pilot.press("down", "space")
            assert screen.marked == {1}
            await pilot.press("s")  # sentence -> word
            assert screen.scope == "word"
            await pilot.press("c", *"kenn", "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert project.codings() == [
                (project.doc2, project.other, SCHOOL[1], SCHOOL[1] + 6, None)
            ]

    scenario(go)


def test_slash_in_the_coding_screen_steps_through_the_documents_hits(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc2)
            await pilot.press("slash")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"scholen", "enter")
            await settle(pilot)
            assert screen.transcript.selected_range() == (SCHOOL[0], SCHOOL[0] + 6)
            await pilot.press("ctrl+n")
            assert screen.transcript.selected_range() == (SCHOOL[1], SCHOOL[1] + 6)
            await pilot.press("ctrl+n")  # wraps around
            assert screen.transcript.selected_range() == (SCHOOL[0], SCHOOL[0] + 6)
            await pilot.press("ctrl+p")
            assert screen.transcript.selected_range() == (SCHOOL[1], SCHOOL[1] + 6)
            await pilot.press("1")  # a hit is a selection like any: a pinned code codes it

    scenario(go)


def test_finding_a_plural_stops_at_the_singular_and_a_missing_word_moves_nothing(
    project: Project,
) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("slash", *"hogescholen", "enter")
            await settle(pilot)
            at = INTERVIEW.index("hogeschool")
            assert screen.transcript.selected_range() == (at, at + len("hogeschool"))
            await pilot.press("slash", "ctrl+u", *"bestuur", "enter")
            await settle(pilot)
            assert screen.transcript.selected_range() == (at, at + len("hogeschool"))
            assert any("bestuur" in n.message for n in app._notifications)

    scenario(go)


def test_where_text_becomes_the_querys_filter() -> None:
    assert parse_where("werkplaats=WOA, rol=lo, werkplaats=WOU,  , x") == (
        ("werkplaats", ("WOA", "WOU")),
        ("rol", ("lo",)),
    )
