"""Opening, creating and migrating projects on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from codebook.db.engine import Store
from codebook.db.models import Base
from codebook.db.schema import HEAD_REVISION, open_store
from codebook.domain import CodebookError
from codebook.services.project_store import init_project, open_project


def test_new_project_has_every_table_and_head_revision(store: Store) -> None:
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert set(Base.metadata.tables) <= tables
    assert revision == HEAD_REVISION


def test_migrations_match_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_head_constant_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "codebook.db:migrations")
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION


def test_every_foreign_key_is_indexed() -> None:
    for table in Base.metadata.tables.values():
        indexed = {next(c.name for c in ix.columns) for ix in table.indexes}
        indexed |= {
            next(c.name for c in u.columns)
            for u in table.constraints
            if hasattr(u, "columns") and len(u.columns)
        }
        for fk in table.foreign_keys:
            assert fk.parent.name in indexed, f"{table.name}.{fk.parent.name} has no index"


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = init_project(tmp_path / "p.db")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    store.close()


def test_init_refuses_an_existing_project(location: str) -> None:
    init_project(location).close()
    with pytest.raises(CodebookError, match="already exists"):
        init_project(location)


def test_open_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"nope\.db: no such project"):
        open_project(tmp_path / "nope.db")


def test_open_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes\n")
    with pytest.raises(CodebookError, match="not a SQLite database"):
        open_project(path)
    assert path.read_text() == "these are my notes\n"


def test_open_refuses_a_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(CodebookError, match="not a codebook project"):
        open_project(path)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]


def test_open_refuses_a_project_from_a_newer_version(location: str) -> None:
    store = init_project(location)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(CodebookError, match=r"newer version of codebook \(schema 9999\)"):
        open_store(location)


def test_open_refuses_a_corrupt_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    init_project(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(CodebookError, match="p.db"):
        open_project(path)


def test_an_empty_postgres_database_is_not_a_project(pg_cluster: object) -> None:
    url = pg_cluster.create_database()  # type: ignore[attr-defined]
    with pytest.raises(CodebookError, match="no codebook project here"):
        open_project(url)
