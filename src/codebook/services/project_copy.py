"""Copying a whole project between SQLite and PostgreSQL, row for row, and proving it.

A team moves a project from a laptop to a shared server (or back, to archive
it), so nothing may change on the way: every table with its ids, the JSON
values and dates, and the undo journal, whose row changes name ids. The copy
is read from one consistent snapshot of the source, written into a target
created for it, and checked before it becomes visible: each table's rows and
a content digest are read back from the target and compared with what the
source held. A failed or unequal copy leaves no target at all: a SQLite copy
is built in a hidden folder beside the target and renamed into place; a
PostgreSQL copy (schema and rows) is one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from codebook.db.engine import describe, is_url, make_engine, translate_errors
from codebook.db.models import Base
from codebook.db.schema import _upgrade
from codebook.domain import CodebookError
from codebook.domain.project_copy import CopyReport, TableCheck
from codebook.services.project_store import open_project

_BATCH = 1000


def copy_project(source: str | Path, target: str | Path) -> CopyReport:
    """Copy the project at ``source`` into the new, empty ``target``; the check per table."""
    if str(source) == str(target) or (
        not is_url(source) and not is_url(target) and _same_file(Path(source), Path(target))
    ):
        raise CodebookError(
            "{where}: the copy must go somewhere else than the source", where=describe(target)
        )
    if not is_url(target):
        _check_new_file(Path(target))
    store = open_project(source)
    try:
        with translate_errors(store.location), _snapshot(store.engine) as reader:
            if is_url(target):
                return _copy_to_server(reader, str(source), str(target))
            return _copy_to_file(reader, str(source), Path(target))
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise CodebookError(
            "{where}: the copy failed ({problem}); nothing was written",
            where=describe(target),
            problem=reason,
        ) from exc
    finally:
        store.close()


# --- targets ----------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.samefile(b)


def _check_new_file(target: Path) -> None:
    if target.is_dir():
        raise CodebookError("{file}: is a folder, not a project file", file=target)
    if target.exists() and target.stat().st_size > 0:
        raise CodebookError("{file}: already exists; a copy needs a new file", file=target)
    if not target.parent.is_dir():
        raise CodebookError(
            "{file}: folder {folder} does not exist", file=target, folder=target.parent
        )


def _copy_to_file(reader: Connection, source: str, target: Path) -> CopyReport:
    """Build the copy in a hidden folder beside ``target``, then rename it into place."""
    folder = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.copying")
    try:
        folder.mkdir()
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        building = folder / target.name
        engine = make_engine(building)
        try:
            with translate_errors(str(target)), engine.connect() as writer:
                checks = _fill(reader, writer, str(target))
                writer.commit()
        finally:
            engine.dispose()
        _fold_wal(building)
        if target.exists() and target.stat().st_size > 0:
            raise CodebookError("{file}: appeared while copying; nothing was written", file=target)
        os.replace(building, target)
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return CopyReport(source, str(target), checks)


def _unwritable(target: Path, exc: OSError) -> CodebookError:
    return CodebookError(
        "{file}: cannot write ({problem})", file=target, problem=exc.strerror or exc
    )


def _fold_wal(path: Path) -> None:
    """Move everything into the main file, so renaming that one file moves the whole project.

    Opening the project switches it back to WAL mode.
    """
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _copy_to_server(reader: Connection, source: str, target: str) -> CopyReport:
    engine = make_engine(target)
    try:
        with translate_errors(target), engine.connect() as writer:
            if inspect(writer).get_table_names():
                raise CodebookError(
                    "{where}: the database is not empty; a copy needs an empty one",
                    where=describe(target),
                )
            checks = _fill(reader, writer, target)
            writer.commit()
    finally:
        engine.dispose()
    return CopyReport(source, describe(target), checks)


# --- copying and checking ---------------------------------------------------------


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction that sees a single moment of the source, however others write."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _fill(reader: Connection, writer: Connection, target: str) -> tuple[TableCheck, ...]:
    """Create the schema in ``writer``'s transaction, copy every table, compare; no commit.

    The transaction is open before the migrations run, so Alembic joins it
    instead of committing the schema on its own.
    """
    if not writer.in_transaction():
        writer.begin()
    _upgrade(writer)
    copied = [(table, *_copy_table(reader, writer, table)) for table in _tables()]
    if writer.dialect.name == "postgresql":
        _advance_sequences(writer)
    checks = []
    for table, rows, digest in copied:
        target_rows, target_digest = _digest(_rows(writer, table), table)
        checks.append(TableCheck(table.name, rows, target_rows, digest, target_digest))
    unequal = [c.table for c in checks if not c.equal]
    if unequal:
        raise CodebookError(
            "{where}: the copy differs from the source in {tables}; nothing was written",
            where=describe(target),
            tables=", ".join(unequal),
        )
    return tuple(checks)


def _copy_table(reader: Connection, writer: Connection, table: Table) -> tuple[int, str]:
    """Insert every row with its own id; returns the source's row count and digest.

    A column that refers to its own table (a code's parent, the code it was
    merged into) is filled in afterwards, so rows may come in any order.
    """
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    later: list[dict[str, Any]] = []
    hashed: list[tuple[tuple[Any, ...], bytes]] = []
    for batch in _batches(_rows(reader, table)):
        hashed.extend(_row_hash(row, table) for row in batch)
        if own:
            later.extend({"key": row["id"], **{c: row[c] for c in own}} for row in batch)
            batch = [{**row, **dict.fromkeys(own)} for row in batch]
        writer.execute(insert(table), batch)
    pending = [row for row in later if any(row[c] is not None for c in own)]
    if pending:
        stmt = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values({c: bindparam(c) for c in own})
        )
        for chunk in _batches(iter(pending)):
            writer.execute(stmt, chunk)
    return len(hashed), _combine(hashed)


def _advance_sequences(writer: Connection) -> None:
    """Move each id sequence past the copied ids, so the next insert does not collide."""
    quote = writer.dialect.identifier_preparer.quote
    for table in _tables():
        if [c.name for c in table.primary_key.columns] != ["id"]:
            continue
        name = quote(table.name)
        writer.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
            ),
            {"table": name},
        )


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    result = conn.execution_options(yield_per=_BATCH).execute(select(table))
    for row in result.mappings():
        yield dict(row)


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # packed index tokens, a trained model
        return hashlib.sha256(value).hexdigest()
    raise TypeError(f"cannot digest {type(value).__name__}")


def _row_hash(row: dict[str, Any], table: Table) -> tuple[tuple[Any, ...], bytes]:
    """The row's primary key and a hash of its values as Python reads them from either backend."""
    values = [row[c.name] for c in table.columns]
    encoded = json.dumps(values, default=_plain, ensure_ascii=False, separators=(",", ":"))
    key = tuple(row[c.name] for c in table.primary_key.columns)
    return key, hashlib.sha256(encoded.encode()).digest()


def _combine(hashed: Sequence[tuple[tuple[Any, ...], bytes]]) -> str:
    """One digest over the rows in primary-key order, whatever order the database gave them."""
    total = hashlib.sha256()
    for _key, digest in sorted(hashed, key=lambda pair: pair[0]):
        total.update(digest)
    return total.hexdigest()


def _digest(rows: Iterator[dict[str, Any]], table: Table) -> tuple[int, str]:
    hashed = [_row_hash(row, table) for row in rows]
    return len(hashed), _combine(hashed)
