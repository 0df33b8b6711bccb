"""Fixtures for the TUI tests (helpers live in ``tui.kit``)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tui.kit import Project, build_project


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The test project, built once per session (migrations and imports take a while)."""
    return build_project(tmp_path_factory.mktemp("template") / "project.db")


@pytest.fixture
def project(template: Project, tmp_path: Path) -> Project:
    """A fresh copy of the test project: two interviews, three codes, coder 'anna'."""
    path = tmp_path / "project.db"
    shutil.copyfile(template.path, path)
    return replace(template, path=str(path))


@pytest.fixture(autouse=True)
def _quick_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot sleeps 20 ms twice per simulated key while it waits for the app to go idle.

    Our scenarios type a lot of keys; 5 ms slices are plenty on a test machine
    (every press still waits for all pending messages), and halve the run time.
    """
    monkeypatch.setattr("textual._wait.SLEEP_GRANULARITY", 0.005)
