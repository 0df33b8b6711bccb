"""Shared fixtures: a project on SQLite and the same on a real PostgreSQL server."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from codebook.db.engine import Store
from codebook.services.project_store import coder_id, init_project
from helpers import INTERVIEW
from pg import Cluster, start_cluster

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the developer's real codebook settings."""
    monkeypatch.setenv("CODEBOOK_CONFIG", str(tmp_path_factory.mktemp("cfg") / "config.json"))
    monkeypatch.delenv("CODEBOOK_CODER", raising=False)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new project goes: a SQLite file path, or a fresh PostgreSQL database URL."""
    if request.param == "sqlite":
        return str(tmp_path / "project.db")
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    project = init_project(location, "test project")
    try:
        yield project
    finally:
        project.close()


@pytest.fixture
def coder(store: Store) -> int:
    with store.write() as session:
        return coder_id(session, "anna")


@pytest.fixture
def thawed_gc() -> Iterator[None]:
    """The collector enabled and nothing frozen, as in a fresh process; restored afterwards.

    A TUI test in the same worker freezes the heap (the app does at start-up).
    """
    frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()
    if frozen:
        gc.freeze()


@pytest.fixture
def interview(tmp_path: Path) -> Path:
    """A short Dutch interview in the ``Name: text`` shape, as a UTF-8 .txt file."""
    path = tmp_path / "marieke.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    return path
