"""The .qdpx in the TUI: exported from the export dialog (checked), imported from Home."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Static

from codebook.domain.exports import QdpxOptions
from codebook.project import Project as Door
from codebook.tui.modals.export import ExportDialog
from codebook.tui.modals.import_qdpx import ImportDialog
from codebook.tui.screens.home import HomeScreen
from tui.coded import copy_of, record_notices, template
from tui.kit import Project, running, scenario, settle


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory)


def test_the_export_dialog_writes_a_checked_qdpx(study_file: Path, tmp_path: Path) -> None:
    coded = copy_of(study_file, tmp_path)

    async def go() -> None:
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            await pilot.press("ctrl+e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#kind", RadioSet).focus()
            await pilot.press("down", "down", "down", "enter")  # the REFI-QDA project
            target = dialog.query_one("#target", Input)
            assert target.value == str(tmp_path / "Werkplaatsen-PO.qdpx")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)
            assert notices == [(f"Wrote {tmp_path / 'Werkplaatsen-PO.qdpx'}", "information")]

    scenario(go)
    with zipfile.ZipFile(tmp_path / "Werkplaatsen-PO.qdpx") as archive:
        names = archive.namelist()
    assert "project.qde" in names and any(n.startswith("sources/") for n in names)


def test_home_imports_a_qdpx_and_lists_its_documents(
    study_file: Path, project: Project, tmp_path: Path
) -> None:
    file = tmp_path / "study.qdpx"
    with Door.open(copy_of(study_file, tmp_path), coder="anna") as study:
        study.export("qdpx", file, QdpxOptions())

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            home = app.screen
            assert isinstance(home, HomeScreen)
            before = len(home.rows)
            await pilot.press("ctrl+o")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ImportDialog)
            dialog.query_one("#source", Input).value = str(file)
            await pilot.press("enter")
            await settle(pilot)
            report = str(dialog.query_one("#status", Static).render())
            assert "Imported study.qdpx: 3 sources" in report
            assert "check: the project and the file agree" in report
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is home
            assert len(home.rows) == before + 3

    scenario(go)
    assert len(project.codings()) == 9  # the study's codings, by its own coders


def test_a_broken_file_is_said_in_the_dialog(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.qdpx"
    bad.write_bytes(b"no zip")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await pilot.press("ctrl+o")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ImportDialog)
            dialog.query_one("#source", Input).value = str(bad)
            await pilot.press("enter")
            await settle(pilot)
            status = str(dialog.query_one("#status", Static).render())
            assert status.startswith(str(bad))
            assert not dialog.query_one("#source", Input).disabled

    scenario(go)
