"""A project shared on PostgreSQL: many coders at once, and revisions that would collide."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from codebook.db.models import Code, Coder, Coding
from codebook.domain import CodebookError
from codebook.project import Project
from codebook.services.codebook.revisions import rename_code
from codebook.services.project_store import coder_id, open_project
from helpers import INTERVIEW
from pg import Cluster
from tui.kit import open_document, running, scenario

pytestmark = pytest.mark.postgres

CODERS = 8
CODINGS_EACH = 8
LIVE_TIMEOUT = 60.0
"""Seconds the ninth coder's screen may take to show the others' codings (it polls every 2)."""


def shared_project(cluster: Cluster, folder: Path) -> str:
    """A server project 'gedeeld' with one interview and the code Borging > Tijd."""
    url = cluster.create_database()
    transcript = folder / "marieke.txt"
    transcript.write_text(INTERVIEW, encoding="utf-8")
    from codebook.domain.documents import ImportRequest

    with Project.create(url, "gedeeld", coder="anna") as project:
        project.import_transcripts([transcript], ImportRequest())
        project.create_code("Tijd", project.create_code("Borging"))
    return url


def blocked_on_a_lock(url: str) -> bool:
    """Whether some session of that database is waiting for a row lock right now."""
    parsed = make_url(url)
    query = dict(parsed.query)
    with psycopg.connect(
        host=str(query["host"]),
        port=int(str(query["port"])),
        user=parsed.username,
        dbname=parsed.database,
        autocommit=True,
    ) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return bool(row and row[0])


def test_the_second_of_two_revisions_of_one_code_at_once_is_refused(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    url = shared_project(pg_cluster, tmp_path)
    outcome: list[BaseException | str] = []

    def bram_renames() -> None:
        with Project.open(url, coder="bram") as door:
            try:
                outcome.append(door.rename_code("Borging > Tijd", "Ruimte").summary)
            except CodebookError as exc:
                outcome.append(exc)

    store = open_project(url)
    try:
        with store.write() as session:
            anna = coder_id(session, "anna")
            rename_code(session, anna, "Borging > Tijd", "Tijd en ruimte")
            bram = threading.Thread(target=bram_renames)
            bram.start()
            while not blocked_on_a_lock(url):
                assert bram.is_alive()
        bram.join()
        with store.read() as session:
            names = set(session.scalars(select(Code.name)))
    finally:
        store.close()

    (refused,) = outcome
    assert isinstance(refused, CodebookError)
    assert str(refused) == (
        "the project changed meanwhile (the codebook is now at version 3, by anna): "
        "reload and try again"
    )
    assert names == {"Borging", "Tijd en ruimte"}
    with Project.open(url, coder="bram") as door:
        assert door.rename_code("Borging > Tijd en ruimte", "Ruimte").version == 4
        assert door.undo() is not None
        assert {i.path for i in door.code_items()} == {"Borging", "Borging > Tijd en ruimte"}


CODER_SCRIPT = """
import sys
from codebook.cli import main

url, coder, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for n in range(first, first + count):
    args = ["--db", url, "--coder", coder, "code", "gedeeld", "marieke", "Borging > Tijd"]
    if main([*args, str(n), str(n + 5)]) != 0:
        sys.exit(1)
"""


def test_eight_coders_code_one_document_at_once_and_a_ninth_sees_it_live(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    """Nothing lost or doubled; the ninth coder's open transcript shows it without a key press."""
    url = shared_project(pg_cluster, tmp_path)
    coders = [f"coder{n}" for n in range(1, CODERS + 1)]
    expected = {
        (name, start, start + 5)
        for n, name in enumerate(coders)
        for start in range(n * 3, n * 3 + CODINGS_EACH)
    }  # every coder codes passages that overlap the next coder's

    async def ninth_coder() -> None:
        async with running(url, coder="nina") as (app, pilot):
            app.ctx.show_others = True
            screen = await open_document(app, pilot, 1)
            for _ in range(7):
                await pilot.press("right")
            cursor = screen.transcript.cursor_offset
            assert cursor > 0 and not screen.model.codings
            runs = [
                subprocess.Popen(
                    [sys.executable, "-c", CODER_SCRIPT, url, name, str(n * 3), str(CODINGS_EACH)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for n, name in enumerate(coders)
            ]
            for run in runs:
                _out, err = await asyncio.to_thread(run.communicate)
                assert run.returncode == 0, err
            async with asyncio.timeout(LIVE_TIMEOUT):
                while len(screen.model.codings) < len(expected):
                    await pilot.pause(0.1)
            shown = {(v.start, v.end) for v in screen.model.codings.values()}
            assert shown == {(start, end) for _name, start, end in expected}
            assert screen.transcript.cursor_offset == cursor

    scenario(ninth_coder)

    store = open_project(url)
    try:
        with store.read() as session:
            rows = session.execute(
                select(Coder.name, Coding.start, Coding.end).join(
                    Coder, Coder.id == Coding.coder_id
                )
            ).all()
    finally:
        store.close()
    assert Counter(map(tuple, rows)) == Counter(expected)
    with Project.open(url, coder="coder3") as door:
        assert door.undo() is not None
        assert len(door.codings(document="marieke")) == len(expected) - 1
