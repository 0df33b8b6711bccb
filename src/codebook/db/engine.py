"""One way to open a project, whether it is a SQLite file or a PostgreSQL URL.

SQLite is tuned for a desktop tool that must never lose a committed coding:
WAL (readers never block the writer), ``synchronous=NORMAL`` (durable across
process crashes, which is what a killed terminal is), foreign keys on, and a
busy timeout so a second writer waits instead of failing. Write transactions
start with ``BEGIN IMMEDIATE`` so two writers can never deadlock on a lock
upgrade; read transactions stay deferred so they never wait for a writer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from codebook.domain import CodebookError

BUSY_TIMEOUT_MS = 30_000
_WRITE = "codebook_write"
_SERIALIZATION_FAILURE = "40001"


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def describe(location: str | Path) -> str:
    """A location fit for an error message: the file path, or the URL without its password."""
    if not is_url(location):
        return str(location)
    from sqlalchemy.engine import make_url

    return make_url(str(location)).render_as_string(hide_password=True)


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
        # The most recently used connection first: its page cache is warm. Taken in
        # turn, each would find its cache emptied by the others' writes and read a
        # long transcript's pages again on every coding.
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            cur.close()
            raise CodebookError("{file}: cannot switch the project to WAL mode", file=path)
        cur.execute("PRAGMA synchronous = NORMAL")
        # 32 MB of page cache (the default is 2 MB): reading a short column stored
        # after a long transcript's text walks its overflow pages, from memory
        # only when they fit; a 5 MB transcript then costs no disk reads per coding.
        cur.execute("PRAGMA cache_size = -32768")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(location: str | Path) -> Engine:
    if is_url(location):
        return create_engine(str(location), pool_pre_ping=True)
    return _sqlite_engine(Path(location))


@dataclass
class Store:
    """An open project database: the engine and the two kinds of unit of work."""

    location: str
    engine: Engine

    def __post_init__(self) -> None:
        reading: dict[str, Any] = {}
        writing: dict[str, Any] = {_WRITE: True}
        if self.engine.dialect.name == "postgresql":
            # A read sees one snapshot, so what it gathers in several queries fits
            # together while colleagues write (a coding never arrives before its new
            # coder). A write sees one snapshot too, so a row that another coder changed
            # after it was read (two revisions of one code at once) fails the second
            # write instead of silently overwriting the first and journalling stale values.
            reading["isolation_level"] = "REPEATABLE READ"
            writing["isolation_level"] = "REPEATABLE READ"
        self._reader = sessionmaker(
            self.engine.execution_options(**reading), expire_on_commit=False
        )
        self._writer = sessionmaker(
            self.engine.execution_options(**writing), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that writes: committed on success, rolled back on any error."""
        with translate_errors(self.location):
            try:
                with self._writer() as session, session.begin():
                    yield session
            except OperationalError as exc:
                if getattr(exc.orig, "sqlstate", None) != _SERIALIZATION_FAILURE:
                    raise
                raise self._changed_meanwhile() from exc

    def _changed_meanwhile(self) -> CodebookError:
        """Why a write lost a race with another coder's, naming the codebook's newest version."""
        from sqlalchemy import select

        from codebook.db.models import CodebookEvent, Coder

        with self.read() as session:
            latest = session.execute(
                select(CodebookEvent.version, Coder.name)
                .join(Coder, Coder.id == CodebookEvent.coder_id)
                .order_by(CodebookEvent.version.desc())
                .limit(1)
            ).first()
        if latest is None:
            return CodebookError("the project changed meanwhile: reload and try again")
        version, coder = latest
        return CodebookError(
            "the project changed meanwhile (the codebook is now at version "
            "{version}, by {coder}): reload and try again",
            version=version,
            coder=coder,
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.location), self._reader() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(location: str) -> Iterator[None]:
    """Turn driver errors a user can meet into one-line messages naming the project."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig).lower()
        where = describe(location)
        if "locked" in text or "busy" in text:
            raise CodebookError(
                "{where}: the project is locked by another program; try again", where=where
            ) from exc
        if "disk" in text and "full" in text:
            raise CodebookError(
                "{where}: the disk is full; nothing was saved", where=where
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise CodebookError("{where}: the project file is read-only", where=where) from exc
        if "unable to open" in text:
            raise CodebookError("{where}: cannot open the project file", where=where) from exc
        if "connection" in text or "could not connect" in text:
            raise CodebookError(
                "{where}: cannot connect to the database server", where=where
            ) from exc
        raise CodebookError(
            "{where}: database error: {problem}", where=where, problem=exc.orig
        ) from exc
    except DatabaseError as exc:
        text = str(exc.orig).lower()
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            raise CodebookError(
                "{where}: not a SQLite database, or the file is damaged", where=describe(location)
            ) from exc
        raise
