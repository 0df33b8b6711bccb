"""Dialogs show their whole title and prompt on small terminals, wrapped, never cut.

A merge preview whose last words ("... 3 duplicates collapse") fall off the
edge hides exactly what the analyst must confirm; so each dialog is opened at
80x24 and at 60x20 and every word of its texts must be on screen, inside the
dialog's frame.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual.containers import Vertical
from textual.pilot import Pilot

from codebook.project import Project as ProjectDoor
from codebook.tui.app import CodebookApp
from codebook.tui.labels import label
from codebook.tui.modals.coder import CoderPrompt
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.modals.split import SplitAssign
from codebook.tui.screens.codebook import CodebookScreen
from tui.kit import Project, scenario, settle

SIZES = [(80, 24), (60, 20)]
LONG_NAME = "Schoolleider faciliteert het praktijkonderzoek in de werkplaats"


@asynccontextmanager
async def running_at(
    location: str, size: tuple[int, int], coder: str | None = "anna", lang: str = "en"
) -> AsyncIterator[tuple[CodebookApp, Pilot[Any]]]:
    with ProjectDoor.open(location, coder=coder) as project:
        app = CodebookApp(project, lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            yield app, pilot


def dialog_text(app: CodebookApp) -> str:
    """The characters drawn inside the open dialog's frame, line by line, as on screen."""
    frame = app.screen.query_one(Vertical).region
    strips = app.screen._compositor.render_strips()
    lines = strips[frame.y : frame.bottom]
    return "\n".join(strip.crop(frame.x, frame.right).text for strip in lines)


def missing_words(app: CodebookApp, *texts: str) -> list[str]:
    shown = dialog_text(app).split()
    return [word for text in texts for word in text.split() if word not in shown]


def lengthen(project: Project) -> None:
    with ProjectDoor.open(project.path, coder="anna") as door:
        door.rename_code(project.sub, LONG_NAME)
    project.add_coding(project.sub, 13, 54)
    project.add_coding(project.sub, 64, 93)


async def codebook(app: CodebookApp, pilot: Pilot[Any], highlight: int) -> None:
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, CodebookScreen)
    app.screen.code_tree.select_code(highlight)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_merge_preview_shows_its_whole_title(project: Project, size: tuple[int, int]) -> None:
    lengthen(project)

    async def go() -> None:
        async with running_at(project.path, size) as (app, pilot):
            await codebook(app, pilot, project.sub)
            await pilot.press("g", *"kennis", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmPreview)
            title = label("preview_merge", "en").format(
                source=f"Vormgeving > {LONG_NAME}",
                target="Kennisdeling",
                moving=2,
                collapsing=0,
            )
            keys = label("confirm_keys", "en")
            assert missing_words(app, title, keys) == []

    scenario(go)


@pytest.mark.parametrize("size", SIZES)
def test_split_dialogs_show_their_whole_titles(project: Project, size: tuple[int, int]) -> None:
    lengthen(project)

    async def go() -> None:
        async with running_at(project.path, size, lang="nl") as (app, pilot):
            await codebook(app, pilot, project.sub)
            await pilot.press("s")
            assert isinstance(app.screen, TextPrompt)
            names_prompt = label("split_names_title", "nl").format(code=LONG_NAME)
            assert missing_words(app, names_prompt) == []
            await pilot.press(*"Binnen de school, Buiten de school", "enter")
            await settle(pilot)
            assert isinstance(app.screen, SplitAssign)
            path = f"Vormgeving > {LONG_NAME}"
            title = label("split_title", "nl").format(code=path, count=2)
            assert missing_words(app, title, "1: Binnen de school", "2: Buiten de school") == []
            await pilot.press("1", "2", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmPreview)
            preview = label("preview_split", "nl").format(code=path)
            assert missing_words(app, preview, label("confirm_keys", "nl")) == []

    scenario(go)


@pytest.mark.parametrize("size", SIZES)
def test_first_start_coder_prompt_shows_its_whole_question(
    project: Project, size: tuple[int, int]
) -> None:
    async def go() -> None:
        async with running_at(project.path, size, coder=None) as (app, _pilot):
            assert isinstance(app.screen, CoderPrompt)
            texts = (label("coder_prompt_title", "en"), label("coder_prompt_hint", "en"))
            assert missing_words(app, *texts) == []

    scenario(go)
