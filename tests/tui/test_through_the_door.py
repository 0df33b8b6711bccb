"""The faces reach the database only through the project door, also at run time.

The import-linter contracts say which modules may import which; this checks
what really happens. Every transaction (``Store.read`` / ``Store.write``) is
traced back through the call stack to the nearest frame of ours above the
services: it must be the project door, never a screen, a dialog or a command.
A screen that opened a session itself, or called a service directly, would
show up here as a transaction whose nearest caller is the TUI or the CLI.
"""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from codebook.db.engine import Store
from codebook.tui.screens.analysis import AnalysisScreen
from codebook.tui.screens.codebook import CodebookScreen
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.retrieval import RetrievalScreen
from helpers import run_cli
from tui.kit import Project, open_document, running, scenario, settle

OURS = ("codebook.project", "codebook.tui", "codebook.cli")


def nearest_caller() -> str:
    """The module of the nearest door, TUI or CLI frame above the transaction's opener."""
    frame = sys._getframe(2)
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if name.startswith(OURS):
            return name
        frame = frame.f_back  # type: ignore[assignment]
    return "elsewhere"  # the tests' own checks


@pytest.fixture
def callers(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Who opened each transaction from now on: module names, counted."""
    seen: Counter[str] = Counter()
    read, write = Store.read, Store.write

    def traced_read(self: Store) -> AbstractContextManager[Session]:
        seen[nearest_caller()] += 1
        return read(self)

    def traced_write(self: Store) -> AbstractContextManager[Session]:
        seen[nearest_caller()] += 1
        return write(self)

    monkeypatch.setattr(Store, "read", traced_read)
    monkeypatch.setattr(Store, "write", traced_write)
    return seen


def faces(seen: Counter[str]) -> dict[str, int]:
    return {
        name: n for name, n in seen.items() if name.startswith(("codebook.tui", "codebook.cli"))
    }


def door(seen: Counter[str]) -> int:
    return sum(n for name, n in seen.items() if name.startswith("codebook.project"))


def test_every_screen_works_through_the_door(project: Project, callers: Counter[str]) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("s", "c", *"kenn", "enter")  # code
            await pilot.press("z", "Z")  # undo, redo
            await settle(pilot)
            assert isinstance(screen, CodingScreen) and screen.model is not None
            assert len(screen.model.codings) == 1
            await pilot.press("f3")
            await settle(pilot)
            assert isinstance(app.screen, CodebookScreen)
            await pilot.press("n", *"Nieuw", "enter")  # a new code
            await settle(pilot)
            await pilot.press("M", *"Waarom", "enter", *"Rollen.", "ctrl+s")  # a memo on it
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            assert isinstance(app.screen, RetrievalScreen)
            await pilot.press(*"Kennisdeling", "enter")
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, AnalysisScreen)
            assert app.screen.frame is not None

    scenario(go)
    assert faces(callers) == {}
    assert door(callers) >= 12  # documents, open, code, undo, redo, codebook, new code, memo...


def test_every_command_works_through_the_door(
    project: Project, callers: Counter[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = project.path
    commands = [
        ["info", path],
        ["docs", path],
        ["codes", path],
        ["code", path, "marieke.txt", "Kennisdeling", "13", "54"],
        ["codings", path, "--doc", "marieke.txt"],
        ["adjust", path, "1", "13", "50"],
        ["quotes", path, "Kennisdeling"],
        ["matrix", path],
        ["memo", "add", path, "--project", "a memo"],
        ["case", "link", path, "Marieke", "marieke.txt"],
        ["codebook", "show", path, "Kennisdeling"],
        ["codebook", "rename", path, "Kennisdeling", "Kennis delen"],
        ["export", "xlsx", path, str(tmp_path / "tables.xlsx")],
        ["undo", path],
        ["uncode", path, "1"],
    ]
    for args in commands:
        code, _out, err = run_cli(capsys, "--coder", "anna", *args)
        assert code == 0, (args, err)
    assert faces(callers) == {}
    assert door(callers) >= len(commands)
