"""Who is coding (asked once, remembered), other coders' codings, and Dutch labels."""

from __future__ import annotations

import pytest

from codebook import config
from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id, coder_names
from codebook.tui.modals.coder import CoderPrompt
from codebook.tui.screens.home import HomeScreen
from codebook.tui.widgets.keybar import KeyBar
from tui.kit import Project, guid, open_document, pin, running, scenario


def test_first_start_asks_for_the_coder_and_remembers(project: Project) -> None:
    assert config.remembered_coder() is None

    async def first() -> None:
        async with running(project.path, coder=None) as (app, pilot):
            assert isinstance(app.screen, CoderPrompt)
            await pilot.press("enter")  # an empty name is not accepted
            assert isinstance(app.screen, CoderPrompt)
            await pilot.press(*"Chris", "enter")
            assert isinstance(app.screen, HomeScreen)
            assert app.ctx.coder == "Chris"
            await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            await pilot.press("s", "1")

    async def second() -> None:
        async with running(project.path, coder=None) as (app, _pilot):
            assert isinstance(app.screen, HomeScreen)  # not asked again
            assert app.ctx.coder == "Chris"

    scenario(first)
    assert config.remembered_coder() == "Chris"
    assert len(project.codings("Chris")) == 1
    assert project.codings("anna") == []
    scenario(second)


def test_ctrl_q_quits_while_the_first_start_asks_for_the_coder(project: Project) -> None:
    async def first() -> None:
        async with running(project.path, coder=None) as (app, pilot):
            assert isinstance(app.screen, CoderPrompt)
            await pilot.press(*"Chr")  # the name field has the keys
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert not app.is_running

    scenario(first)
    assert config.remembered_coder() is None


def test_coder_option_wins_and_is_not_remembered(project: Project) -> None:
    config.save(coder="anna")

    async def go() -> None:
        async with running(project.path, coder="bram") as (app, _pilot):
            assert not isinstance(app.screen, CoderPrompt)
            assert app.ctx.coder == "bram"

    scenario(go)
    assert config.remembered_coder() == "anna"
    store = project.store()
    try:
        with store.read() as session:
            assert "bram" in coder_names(session)
    finally:
        store.close()


def test_other_coders_codings_are_hidden_until_toggled(project: Project) -> None:
    store = project.store()
    try:
        with store.write() as session:
            apply_coding(session, coder_id(session, "bram"), project.doc, project.sub, 13, 54)
            apply_coding(session, coder_id(session, "anna"), project.doc, project.other, 64, 93)
    finally:
        store.close()

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            model = screen.model
            assert model is not None
            assert [s.view.coder for s in model.index] == ["anna"]
            await pilot.press("o")
            assert sorted(s.view.coder for s in model.index) == ["anna", "bram"]
            assert {s.view.coder: s.mine for s in model.index} == {"anna": True, "bram": False}
            await pilot.press("n")  # jumping sees bram's coding now
            assert screen.transcript.cursor_offset == 13
            await pilot.press("o")
            assert [s.view.coder for s in model.index] == ["anna"]
            assert len(project.codings()) == 2  # showing and hiding changes no data

    scenario(go)


@pytest.mark.parametrize(("lang", "word"), [("en", "remove"), ("nl", "verwijderen")])
def test_labels_follow_the_language(project: Project, lang: str, word: str) -> None:
    async def go() -> None:
        async with running(project.path, lang=lang) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.pause()
            bar = str(app.screen.query_one(KeyBar).render())
            assert word in bar

    scenario(go)
