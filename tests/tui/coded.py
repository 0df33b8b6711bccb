"""A coded project for the quotes, analysis and export screens: the analysis tests' study.

Three interviews (WOA, POINT, WOU), themes with subcodes, two coders and memos
(see ``analysis.study``), on a SQLite file so the app and a fresh store can
both open it. Each test module builds it once and copies it per test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from analysis.study import build_study
from codebook.db.engine import Store
from codebook.services.project_store import init_project, open_project
from tui.kit import settle

PROJECT_NAME = "Werkplaatsen PO"


def build_coded(path: Path) -> Path:
    store = init_project(str(path), PROJECT_NAME)
    try:
        build_study(store)
    finally:
        store.close()
    return path


def copy_of(template: Path, folder: Path) -> str:
    target = folder / "study.db"
    shutil.copyfile(template, target)
    return str(target)


def fresh_store(location: str) -> Store:
    """A store of its own, to compare the screen with what the services return."""
    return open_project(location)


def template(factory: pytest.TempPathFactory) -> Path:
    """The study project, built once per test module (``scope="module"`` fixtures call it)."""
    return build_coded(factory.mktemp("coded") / "study.db")


def record_notices(app: App[Any]) -> list[tuple[str, str]]:
    """(message, severity) of every notification the app shows from now on."""
    notices: list[tuple[str, str]] = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        notices.append((str(message), str(options.get("severity", "information"))))
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notices


async def typed(pilot: Pilot[Any]) -> None:
    """Wait out the screens' typing pause, then for their workers."""
    await pilot.pause(0.35)
    await settle(pilot)
