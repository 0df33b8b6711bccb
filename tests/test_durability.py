"""Killed writers lose nothing they reported as done; concurrent writers lose nothing at all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from codebook.db.engine import Store
from codebook.db.models import Coding
from codebook.domain import CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.project_store import open_project
from helpers import add_doc

WORKER = str(Path(__file__).with_name("workers.py"))
LONG_TEXT = "Interviewer: " + "woord " * 400 + "\n"


def _prepare(store: Store, coder: int) -> None:
    with store.write() as s:
        add_doc(s, coder, "lang.txt", LONG_TEXT)
        create_code(s, coder, CodeFields("Thema"))


def _spawn(
    location: str, coder: str, count: int, report: Path, batch: int = 1
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, WORKER, "apply", location, coder, str(count), str(report), str(batch)],
        stderr=subprocess.PIPE,
    )


def test_sigkill_loses_no_committed_coding(tmp_path: Path) -> None:
    from codebook.services.project_store import coder_id, init_project

    path = tmp_path / "p.db"
    store = init_project(path)
    with store.write() as s:
        cid = coder_id(s, "setup")
    _prepare(store, cid)
    store.close()
    report = tmp_path / "done.txt"
    child = _spawn(str(path), "worker", 100_000, report)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if report.exists() and report.read_text().count("\n") >= 300:
            break
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    promised = {int(x) for x in report.read_text().split()}
    assert len(promised) >= 300
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reopened = open_project(path)
    with reopened.read() as s:
        stored = set(s.scalars(select(Coding.id)))
    reopened.close()
    assert promised <= stored


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_concurrent_writers(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from codebook.services.project_store import coder_id, init_project

    if backend == "sqlite":
        location, workers = str(tmp_path / "p.db"), 4
    else:
        location, workers = request.getfixturevalue("pg_cluster").create_database(), 8
    store = init_project(location)
    with store.write() as s:
        cid = coder_id(s, "setup")
    _prepare(store, cid)
    reports = [tmp_path / f"r{i}.txt" for i in range(workers)]
    # 10 codings per transaction: still hundreds of interleaved commits per process
    children = [_spawn(location, f"coder{i}", 1000, reports[i], 10) for i in range(workers)]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err.decode()
    with store.read() as s:
        total = s.scalar(select(func.count()).select_from(Coding))
        distinct = s.execute(
            select(func.count()).select_from(
                select(Coding.coder_id, Coding.start, Coding.end).distinct().subquery()
            )
        ).scalar()
    store.close()
    promised = [int(x) for r in reports for x in r.read_text().split()]
    assert total == distinct == len(set(promised)) == workers * 1000
