"""Opening a project: recognise it, migrate it, refuse what we cannot read.

Checking the schema version is a single query, so Alembic (slow to import) is
only loaded when a migration really has to run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from codebook.db.engine import Store, describe, is_url, make_engine, translate_errors
from codebook.domain import CodebookError

#: Every schema revision this version of codebook knows, oldest first.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if not path.exists():
        if not create:
            raise CodebookError(
                "{file}: no such project (create it with 'codebook init')", file=path
            )
        if not path.parent.exists():
            raise CodebookError(
                "{file}: folder {folder} does not exist", file=path, folder=path.parent
            )
        return
    if path.is_dir():
        raise CodebookError("{file}: is a folder, not a project file", file=path)
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise CodebookError("{where}: not a SQLite database, or the file is damaged", where=path)
    if not head and not create:
        raise CodebookError("{file}: empty file, not a codebook project", file=path)


def _current_revision(conn: Connection) -> str | None:
    """The schema revision, read with one query: every open of a current project pays it.

    Only when that query fails are the tables looked at, to tell an empty
    database (a new project) from someone else's, or to let a locked project's
    error through.
    """
    try:
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        conn.rollback()
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" in tables:
            raise
        if tables:
            raise CodebookError("not a codebook project (its tables are not ours)") from None
        return None
    return None if row is None else str(row[0])


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy (the SQLite backup API sees committed WAL content too)."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "codebook.db:migrations")
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def open_store(location: str | Path, *, create: bool = False) -> Store:
    """Open (or with ``create`` make) a project and bring its schema to our version.

    An existing project is never initialised again: ``create`` on a project
    that already has our schema is an error, so ``init`` cannot clobber work.
    """
    where = describe(location)
    if not is_url(location):
        _check_sqlite_file(Path(location), create=create)
    engine = make_engine(location)
    store = Store(str(location), engine)
    try:
        with translate_errors(str(location)), engine.connect() as conn:
            try:
                revision = _current_revision(conn)
            except CodebookError as exc:
                raise CodebookError("{where}: {problem}", where=where, problem=exc) from None
            conn.rollback()
            if revision is None:
                if not create:
                    raise CodebookError(
                        "{where}: no codebook project here (use 'codebook init')", where=where
                    )
                _upgrade(conn)
                conn.commit()
            elif create:
                raise CodebookError("{where}: a project already exists here", where=where)
            elif revision not in KNOWN_REVISIONS:
                raise CodebookError(
                    "{where}: written by a newer version of codebook (schema {revision}); "
                    "upgrade codebook to open it",
                    where=where,
                    revision=revision,
                )
            elif revision != HEAD_REVISION:
                if store.is_sqlite:
                    _backup_sqlite(Path(location), revision)
                _upgrade(conn)
                conn.commit()
    except BaseException:
        engine.dispose()
        raise
    return store
