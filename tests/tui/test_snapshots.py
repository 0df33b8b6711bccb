"""SVG snapshots of the main screens on the demo project (``make demo``'s data).

Everything shown is deterministic: the demo is built from the files in the
repository, the coder is fixed, no clock or random value reaches the screen,
and cursors do not blink. Update with ``pytest tests/tui --snapshot-update``
after checking the new pictures.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from codebook.project import Project
from codebook.services.demo import DEMO_CODER, build_demo
from codebook.services.documents import resolve_document
from codebook.services.project_store import open_project
from codebook.tui.app import CodebookApp
from codebook.tui.screens.coding import CodingScreen
from tui.kit import SIZE, settle

ROOT = Path(__file__).resolve().parents[2]
SnapCompare = Callable[..., bool]


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory, testrun_uid: str) -> str:
    """The demo project, built once per test run even when xdist workers share the tests.

    Building it imports fifteen transcripts (seconds of sentence splitting); the
    first worker builds it in the run's shared temp folder, the others wait.
    The snapshot tests only read it.
    """
    shared = tmp_path_factory.getbasetemp().parent
    path = shared / f"codebook-demo-{testrun_uid}.db"
    done = shared / f"codebook-demo-{testrun_uid}.done"
    try:
        os.close(os.open(shared / f"codebook-demo-{testrun_uid}.lock", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        deadline = time.monotonic() + 300
        while not done.exists():
            if time.monotonic() > deadline:
                raise TimeoutError("another worker did not finish building the demo") from None
            time.sleep(0.1)
    else:
        build_demo(path, ROOT)
        done.touch()
    return str(path)


@pytest.fixture
def app(demo: str) -> Iterator[CodebookApp]:
    with Project.open(demo, coder=DEMO_CODER) as project:
        yield CodebookApp(project, "en")


def document_id(demo: str, name: str) -> int:
    store = open_project(demo)
    try:
        with store.read() as session:
            return resolve_document(session, name).id
    finally:
        store.close()


def test_home(snap_compare: SnapCompare, app: CodebookApp) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_coding(snap_compare: SnapCompare, app: CodebookApp, demo: str) -> None:
    """A VTT interview (timecodes) coded by two analysts, both shown, with pins."""
    document = document_id(demo, "woa-03-schoolleider.vtt")

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = CodingScreen(document)
        await pilot.app.push_screen(screen)
        await settle(pilot)
        screen.code_tree.focus()
        for item in screen.items[1:4]:
            screen.code_tree.select_code(item.id)
            await pilot.press("p")
        await pilot.press("o")
        screen.transcript.focus()
        screen.transcript.move_to(1200)
        screen.code_tree.select_code(screen.items[2].id)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_codebook(snap_compare: SnapCompare, app: CodebookApp) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
