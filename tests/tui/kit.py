"""Helpers for the TUI tests: a small SQLite project on disk and a way to drive the app.

Tests are plain functions that ``asyncio.run`` a Pilot scenario (no async test
plugin needed). Every assertion about what a key did reads the database through
a *fresh* store, so it checks what was committed, not what a widget believes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from codebook.db.engine import Store
from codebook.db.models import Code, Coding
from codebook.domain import AttributeType, CodeFields
from codebook.project import Project as ProjectDoor
from codebook.services.codebook.codes import create_code
from codebook.services.coding import apply_coding
from codebook.services.documents import add_document, set_attributes
from codebook.services.project_store import coder_id, init_project, open_project
from codebook.tui.app import CodebookApp
from codebook.tui.screens.coding import CodingScreen
from helpers import INTERVIEW, parsed

SIZE = (120, 40)
SETTLE_TIMEOUT = 30.0
"""Seconds ``settle`` waits for the app to finish what a step started."""
SECOND = (
    "Interviewer: Wat levert het onderzoek op voor de school?\n"
    "Jeroen: Veel. We delen de resultaten in het team. Iedereen leest mee.\n"
    "Interviewer: En buiten de school?\n"
    "Jeroen: Op de landelijke dag presenteren we. Dat geeft energie.\n"
)
CodingRow = tuple[int, int, int, int, str | None]


@dataclass
class Project:
    """A project file with two interviews and three codes (see ``helpers.seed``)."""

    path: str
    doc: int
    doc2: int
    theme: int
    sub: int
    other: int

    def store(self) -> Store:
        return open_project(self.path)

    def add_coding(self, code: int, start: int, end: int, coder: str = "anna") -> None:
        """Code ``start:end`` of the first interview as ``coder``, committed before the app runs."""
        store = self.store()
        try:
            with store.write() as session:
                apply_coding(session, coder_id(session, coder), self.doc, code, start, end)
        finally:
            store.close()

    def codings(self, coder: str | None = None) -> list[CodingRow]:
        """(document, code, start, end, note) of every coding, read through a fresh connection."""
        store = self.store()
        try:
            with store.read() as session:
                query = select(
                    Coding.document_id, Coding.code_id, Coding.start, Coding.end, Coding.note
                ).order_by(Coding.document_id, Coding.start, Coding.code_id)
                if coder is not None:
                    query = query.where(Coding.coder_id == coder_id(session, coder))
                rows = session.execute(query).all()
        finally:
            store.close()
        return [(d, c, s, e, n) for d, c, s, e, n in rows]

    def code(self, code_id: int) -> dict[str, Any]:
        store = self.store()
        try:
            with store.read() as session:
                code = session.get(Code, code_id)
                assert code is not None
                return {
                    "name": code.name,
                    "parent_id": code.parent_id,
                    "retired": code.retired,
                    "brief_definition": code.brief_definition,
                    "merged_into_id": code.merged_into_id,
                }
        finally:
            store.close()


def turn_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences inside each ``Name: ...`` turn, as the importer's per-turn sentencizer makes."""
    out = []
    for turn in parsed(text).turns:
        start = turn.start
        for i in range(turn.start, turn.end):
            if text[i] in ".?!" and (i + 1 == turn.end or text[i + 1] == " "):
                out.append((start, i + 1))
                start = i + 2
    return out


def add_interview(session: Any, coder: int, name: str, text: str) -> int:
    return add_document(session, coder, name, parsed(text), sentences=turn_sentences(text))


def build_project(path: Path) -> Project:
    """marieke.txt (helpers.INTERVIEW), jeroen.txt; Vormgeving > Schoolleider faciliteert,
    Kennisdeling."""
    store = init_project(str(path), "tui test")
    try:
        with store.write() as session:
            anna = coder_id(session, "anna")
            doc = add_interview(session, anna, "marieke.txt", INTERVIEW)
            doc2 = add_interview(session, anna, "jeroen.txt", SECOND)
            theme = create_code(
                session,
                anna,
                CodeFields(
                    "Vormgeving",
                    brief_definition="How the collaboration is organised.",
                    when_to_use="Teams, meetings, roles.",
                    when_not_to_use="Not for the coordinator's tasks.",
                    color="#1F77B4",
                ),
            ).id
            sub = create_code(
                session, anna, CodeFields("Schoolleider faciliteert", color="#2CA02C"), theme
            ).id
            other = create_code(session, anna, CodeFields("Kennisdeling", color="#FF7F0E")).id
            for doc_id, role, place in ((doc, "schoolleider", "WOA"), (doc2, "leerkracht", "WOU")):
                set_attributes(
                    session,
                    anna,
                    doc_id,
                    {
                        "rol": (AttributeType.CATEGORY, role),
                        "werkplaats": (AttributeType.CATEGORY, place),
                    },
                )
    finally:
        store.close()
    return Project(str(path), doc, doc2, theme, sub, other)


def scenario(fn: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run one async Pilot scenario to completion."""
    asyncio.run(fn())


def waiting_messages(app: App[Any]) -> dict[str, int]:
    """Nodes of the app and its screen with messages not yet handled, by their count."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return {repr(node): node.message_queue_size for node in nodes if node.message_queue_size}


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app has done everything the last step set off.

    Waiting for the workers that run at one moment is not enough: a worker's
    result can start the next (the analysis screen computes its first table once
    the attribute names are in), and a message can still be on its way to the
    handler that starts one, most often on a busy machine. So: let the screen
    handle what is queued, wait for every worker, and again, until no worker
    runs and no message waits. A worker cancelled because a newer one of its
    group replaced it (``exclusive``) counts as done.
    """
    try:
        async with asyncio.timeout(SETTLE_TIMEOUT):
            while True:
                await pilot.pause()
                workers = list(pilot.app.workers)
                for worker in workers:
                    with suppress(WorkerCancelled):
                        await worker.wait()
                if not workers and not waiting_messages(pilot.app):
                    return
    except TimeoutError:
        busy = [repr(worker) for worker in pilot.app.workers]
        raise AssertionError(
            f"not settled in {SETTLE_TIMEOUT}s: workers {busy}, "
            f"messages {waiting_messages(pilot.app)}"
        ) from None


@asynccontextmanager
async def running(
    location: str, coder: str | None = "anna", lang: str = "en"
) -> AsyncIterator[tuple[CodebookApp, Pilot[Any]]]:
    """The app on a project, started and settled; the project is closed afterwards."""
    with ProjectDoor.open(location, coder=coder) as project:
        app = CodebookApp(project, lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            yield app, pilot


async def open_document(app: CodebookApp, pilot: Pilot[Any], document: int) -> CodingScreen:
    screen = CodingScreen(document)
    await app.push_screen(screen)
    await settle(pilot)
    assert screen.model is not None
    return screen


def guid(project: Project, code_id: int) -> str:
    store = project.store()
    try:
        with store.read() as session:
            return session.scalars(select(Code.guid).where(Code.id == code_id)).one()
    finally:
        store.close()


def pin(app: CodebookApp, *code_guids: str) -> None:
    """Pin codes to keys 1, 2, ... without going through the tree (for tests of other keys)."""
    app.ctx.pins.slots = [*code_guids, *([None] * (9 - len(code_guids)))]
