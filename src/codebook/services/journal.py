"""The undo/redo journal: every user action records the row changes it made.

Recording at row level (insert / delete / update of any table) rather than
per kind of action means undo covers everything a service can do, including
codebook revisions that move thousands of codings, with one mechanism.
Inserts keep only their ids (as ranges) until they are undone, so a batch of a
million codings does not carry a million rows in its journal entry.
Stepping an action back or forward checks that the rows are still as the
action left them and refuses otherwise, so undoing never silently destroys a
colleague's later work. Which action a coder undoes, and what else an undo
means (a codebook revision logs it), is the use case in ``services.undo``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import (
    Date,
    DateTime,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from codebook.db.models import Action, Base
from codebook.domain import CodebookError
from codebook.services.clock import now

Row = dict[str, Any]
_CHUNK = 500


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _has_int_id(table: Table) -> bool:
    return [c.name for c in table.primary_key.columns] == ["id"]


def _dump(table: Table, row: Mapping[str, Any]) -> Row:
    out: Row = {}
    for key, value in row.items():
        col = table.columns[key]
        if value is not None and isinstance(col.type, DateTime | Date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def _load(table: Table, row: Mapping[str, Any]) -> Row:
    out: Row = {}
    for key, value in row.items():
        col = table.columns[key]
        if value is not None and isinstance(col.type, DateTime):
            out[key] = datetime.fromisoformat(value)
        elif value is not None and isinstance(col.type, Date):
            out[key] = date.fromisoformat(value)
        else:
            out[key] = value
    return out


def to_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Compress sorted or unsorted ids into inclusive [first, last] runs."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def from_ranges(runs: Sequence[Sequence[int]]) -> Iterator[int]:
    for first, last in runs:
        yield from range(first, last + 1)


def _key_of(table: Table, row: Mapping[str, Any]) -> list[Any]:
    return [row[c.name] for c in table.primary_key.columns]


def _where_keys(table: Table, keys: Sequence[Sequence[Any]]) -> Any:
    cols = list(table.primary_key.columns)
    if len(cols) == 1:
        return cols[0].in_([k[0] for k in keys])
    return tuple_(*cols).in_([tuple(k) for k in keys])


def allocate_ids(session: Session, table: Table, count: int) -> list[int]:
    """Reserve ``count`` fresh primary keys for ``table`` in this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        seq = f"{table.name}_id_seq"  # the name PostgreSQL gives a SERIAL column's sequence
        rows = session.execute(
            text(f"SELECT nextval('{seq}') FROM generate_series(1, :n)"), {"n": count}
        )
        return [int(r[0]) for r in rows]
    top = session.scalar(select(func.max(table.c.id))) or 0
    return list(range(top + 1, top + 1 + count))


def bulk_insert(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    ids: Sequence[int],
    *,
    skip_duplicates: bool,
) -> None:
    """Insert many rows, with the given ids, with one ``executemany`` per chunk.

    On SQLite the statement is compiled once and the driver's C-level
    ``executemany`` gets plain tuples, with SQLAlchemy's own type processors
    applied only to the columns that have one: SQLAlchemy's per-row parameter
    handling would otherwise cost more than SQLite's work (the import and the
    million-codings benchmarks measure this). Small inserts and PostgreSQL keep
    SQLAlchemy's path: its compiled-statement cache wins for a few rows, and its
    batched multi-VALUES inserts are already the fast path for psycopg.
    """
    stmt = _insert_statement(session, table, skip_duplicates)
    if session.get_bind().dialect.name != "sqlite" or len(rows) < 50:
        with_ids = [{**r, "id": i} for r, i in zip(rows, ids, strict=True)]
        for chunk in _chunks(with_ids, 10_000):
            session.execute(stmt, list(chunk))
        return
    conn = session.connection()
    names = ("id", *(n for n in rows[0] if n != "id"))
    sql, order, active = _compiled_insert(stmt, table, names, skip_duplicates, conn.dialect)
    at = order.index("id")
    others = [n for n in order if n != "id"]
    pick = itemgetter(*others) if len(others) > 1 else lambda row: (row[others[0]],)
    picked = zip(map(pick, rows), ids, strict=True)
    params = [(i, *v) for v, i in picked] if at == 0 else [(*v[:at], i, *v[at:]) for v, i in picked]
    if active:
        for n, values in enumerate(params):
            fixed = list(values)
            for i, proc in active:
                fixed[i] = proc(fixed[i])
            params[n] = tuple(fixed)
    conn.exec_driver_sql(sql, params)


_Processor = Callable[[Any], Any]
_CompiledInsert = tuple[str, list[str], list[tuple[int, _Processor]]]
_compiled_inserts: dict[tuple[str, str, tuple[str, ...], bool], _CompiledInsert] = {}


def _compiled_insert(
    stmt: Any, table: Table, names: tuple[str, ...], skip_duplicates: bool, dialect: Dialect
) -> _CompiledInsert:
    """SQL, parameter order and type processors of a SQLite insert, compiled once per shape.

    An import inserts the turns of every file with the same statement, and
    compiling it again for each file cost more than the insert itself.
    """
    key = (dialect.name, table.name, names, skip_duplicates)
    found = _compiled_inserts.get(key)
    if found is None:
        compiled = stmt.values({n: bindparam(n) for n in names}).compile(dialect=dialect)
        order = list(compiled.positiontup or names)
        procs = [(i, table.c[n].type.bind_processor(dialect)) for i, n in enumerate(order)]
        found = (str(compiled), order, [(i, p) for i, p in procs if p is not None])
        _compiled_inserts[key] = found
    return found


def _insert_statement(session: Session, table: Table, skip_duplicates: bool) -> Any:
    if not skip_duplicates:
        return insert(table)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _is_contiguous(ids: Sequence[int]) -> bool:
    return bool(ids) and ids[-1] - ids[0] == len(ids) - 1


def _present(session: Session, table: Table, ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(list(ids)):
        found.extend(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return sorted(found)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Recorder:
    """Makes the changes of one user action and remembers them for undo."""

    def __init__(self, session: Session, coder_id: int, kind: str, description: str) -> None:
        self.session = session
        self.coder_id = coder_id
        self.kind = kind
        self.description = description
        self.changes: list[Row] = []

    def insert(
        self, model: type[Base], rows: Sequence[Mapping[str, Any]], *, skip_duplicates: bool = False
    ) -> list[int]:
        """Insert rows; returns the ids of the rows inserted, for tables keyed by ``id``.

        Ids are allocated up front (from the sequence on PostgreSQL, past the
        current maximum under SQLite's write lock) so a large batch is one plain
        ``executemany`` rather than a row-by-row insert with RETURNING. With
        ``skip_duplicates`` rows that would break a unique constraint are left out
        (ON CONFLICT DO NOTHING), which is also safe against a concurrent writer.
        """
        table = _table(model.__tablename__)
        if not rows:
            return []
        if not _has_int_id(table):
            self.session.execute(insert(table), list(rows))
            self.changes.append(
                {"op": "insert", "table": table.name, "keys": [_key_of(table, r) for r in rows]}
            )
            return []
        ids = allocate_ids(self.session, table, len(rows))
        bulk_insert(self.session, table, rows, ids, skip_duplicates=skip_duplicates)
        if skip_duplicates:
            ids = (
                list(
                    self.session.scalars(
                        select(table.c.id)
                        .where(table.c.id.between(ids[0], ids[-1]))
                        .order_by(table.c.id)
                    )
                )
                if _is_contiguous(ids)
                else _present(self.session, table, ids)
            )
        if ids:
            self.changes.append({"op": "insert", "table": table.name, "ids": to_ranges(ids)})
        return ids

    def delete(self, model: type[Base], keys: Sequence[Sequence[Any]]) -> list[Row]:
        """Delete rows by primary key; returns the deleted rows as they were."""
        table = _table(model.__tablename__)
        rows: list[Row] = []
        for chunk in _chunks(list(keys)):
            found = self.session.execute(select(table).where(_where_keys(table, chunk)))
            rows.extend(dict(r._mapping) for r in found)
            self.session.execute(delete(table).where(_where_keys(table, chunk)))
        if rows:
            self.changes.append(
                {"op": "delete", "table": table.name, "rows": [_dump(table, r) for r in rows]}
            )
        return rows

    def update(self, model: type[Base], key: Sequence[Any], values: Mapping[str, Any]) -> None:
        """Update one row; only columns whose value really changes are recorded."""
        table = _table(model.__tablename__)
        cols = list(table.primary_key.columns)
        cond = and_(*(c == k for c, k in zip(cols, key, strict=True)))
        current = self.session.execute(select(table).where(cond)).first()
        if current is None:
            raise CodebookError(
                "cannot update {table} {key}: it does not exist", table=table.name, key=list(key)
            )
        before = {k: current._mapping[k] for k in values if current._mapping[k] != values[k]}
        if not before:
            return
        after = {k: values[k] for k in before}
        self.session.execute(update(table).where(cond).values(**after))
        self.changes.append(
            {
                "op": "update",
                "table": table.name,
                "key": list(key),
                "before": _dump(table, before),
                "after": _dump(table, after),
            }
        )

    def update_many(self, model: type[Base], ids: Sequence[int], values: Mapping[str, Any]) -> int:
        """Set the same values on many rows keyed by ``id``; returns how many changed.

        One statement per chunk instead of one per row, so a codebook merge that
        moves thousands of codings stays fast; the journal still gets one
        ordinary ``update`` entry per changed row, so undo and redo need nothing new.
        """
        table = _table(model.__tablename__)
        cols = [table.c[k] for k in values]
        changed = 0
        for chunk in _chunks(sorted(set(ids))):
            found = self.session.execute(select(table.c.id, *cols).where(table.c.id.in_(chunk)))
            rows = {r._mapping["id"]: r._mapping for r in found}
            missing = [i for i in chunk if i not in rows]
            if missing:
                raise CodebookError(
                    "cannot update {table} {key}: it does not exist",
                    table=table.name,
                    key=missing[0],
                )
            todo = []
            for row_id in chunk:
                current = rows[row_id]
                before = {k: current[k] for k in values if current[k] != values[k]}
                if not before:
                    continue
                todo.append(row_id)
                self.changes.append(
                    {
                        "op": "update",
                        "table": table.name,
                        "key": [row_id],
                        "before": _dump(table, before),
                        "after": _dump(table, {k: values[k] for k in before}),
                    }
                )
            if todo:
                self.session.execute(update(table).where(table.c.id.in_(todo)).values(**values))
                changed += len(todo)
        return changed

    def finish(self, event_version: int | None = None) -> None:
        """Write the journal entry; an action that changed nothing leaves none."""
        if not self.changes:
            return
        self.session.execute(_DISCARD_REDO, {"coder": self.coder_id})
        self.session.execute(
            _RECORD_ACTION,
            {
                "coder_id": self.coder_id,
                "kind": self.kind,
                "description": self.description,
                "created_at": now(),
                "state": "done",
                "event_version": event_version,
                "changes": self.changes,
            },
        )


# Both run once per user action (per coding applied, per file imported), so they are
# built once, on the table rather than the mapped class: the ORM's update and
# unit-of-work paths cost four times the SQL itself. No caller reads an undone
# Action's state after recording a new action in the same transaction, so the
# session needs no synchronising.
_ACTIONS = _table("action")
_DISCARD_REDO = (
    update(_ACTIONS)
    .where(_ACTIONS.c.coder_id == bindparam("coder"), _ACTIONS.c.state == "undone")
    .values(state="discarded")
)
_RECORD_ACTION = insert(_ACTIONS)


class Direction(enum.Enum):
    """Which way an action is stepped: taken back (undo) or made again (redo)."""

    UNDO = "undo"
    REDO = "redo"


def _conflict(action: Action, direction: Direction) -> CodebookError:
    if direction is Direction.UNDO:
        return CodebookError(
            "cannot undo '{action}': the data it touched was changed since",
            action=action.description,
        )
    return CodebookError(
        "cannot redo '{action}': the data it touched was changed since",
        action=action.description,
    )


def _keys(table: Table, change: Row) -> list[list[Any]]:
    """The primary keys of the rows a change inserted or deleted."""
    if "ids" in change:
        return [[i] for i in from_ranges(change["ids"])]
    if "keys" in change:
        return list(change["keys"])
    return [_key_of(table, _load(table, r)) for r in change["rows"]]


def _remove_rows(session: Session, action: Action, change: Row, direction: Direction) -> Row:
    """Undo an insert or redo a delete: delete the rows, keeping them to put back later."""
    table = _table(change["table"])
    keys = _keys(table, change)
    rows: list[Row] = []
    for chunk in _chunks(keys):
        found = session.execute(select(table).where(_where_keys(table, chunk)))
        rows.extend(_dump(table, dict(r._mapping)) for r in found)
        session.execute(delete(table).where(_where_keys(table, chunk)))
    if len(rows) != len(keys):
        raise _conflict(action, direction)
    return {**change, "rows": rows}


def _restore_rows(session: Session, action: Action, change: Row, direction: Direction) -> Row:
    """Undo a delete or redo an insert: put the saved rows back."""
    table = _table(change["table"])
    rows = [_load(table, r) for r in change["rows"]]
    keys = [_key_of(table, r) for r in rows]
    for chunk in _chunks(keys):
        taken = session.execute(select(*table.primary_key.columns).where(_where_keys(table, chunk)))
        if taken.first() is not None:
            raise _conflict(action, direction)
    for chunk in _chunks(rows, 5000):
        session.execute(insert(table), list(chunk))
    return {k: v for k, v in change.items() if k != "rows"} if change["op"] == "insert" else change


def _set_values(session: Session, action: Action, change: Row, direction: Direction) -> None:
    """Undo or redo an update, provided the row still holds the values it was left with."""
    src, dst = ("after", "before") if direction is Direction.UNDO else ("before", "after")
    table = _table(change["table"])
    cols = list(table.primary_key.columns)
    cond = and_(*(c == k for c, k in zip(cols, change["key"], strict=True)))
    expected = _load(table, change[src])
    current = session.execute(select(*(table.c[k] for k in expected)).where(cond)).first()
    if current is None or any(current._mapping[k] != v for k, v in expected.items()):
        raise _conflict(action, direction)
    session.execute(update(table).where(cond).values(**_load(table, change[dst])))


def _step_change(session: Session, action: Action, change: Row, direction: Direction) -> Row:
    """Step one change; returns it as the journal keeps it for stepping back the other way."""
    if change["op"] == "update":
        _set_values(session, action, change, direction)
        return change
    if (change["op"] == "insert") == (direction is Direction.UNDO):
        return _remove_rows(session, action, change, direction)
    return _restore_rows(session, action, change, direction)


def last_action(session: Session, coder_id: int, direction: Direction) -> Action | None:
    """The action of this coder that stepping in ``direction`` would take.

    Undo takes the newest action still done, redo the oldest of those undone
    since (any newer action discards them, see ``Recorder.finish``).
    """
    if direction is Direction.UNDO:
        state, order = "done", Action.id.desc()
    else:
        state, order = "undone", Action.id.asc()
    return session.scalars(
        select(Action).where(Action.coder_id == coder_id, Action.state == state).order_by(order)
    ).first()


def step_action(session: Session, action: Action, direction: Direction) -> None:
    """Take back or make again all of ``action``'s changes, or none of them.

    Undo steps the changes newest first, redo in the order they were made.
    When any row is no longer as the action left it, nothing is stepped and a
    ``CodebookError`` says so.
    """
    undoing = direction is Direction.UNDO
    ordered = reversed(action.changes) if undoing else action.changes
    try:
        with session.begin_nested():
            changes = [_step_change(session, action, c, direction) for c in ordered]
    except IntegrityError as exc:
        raise _conflict(action, direction) from exc
    action.changes = changes[::-1] if undoing else changes
    action.state = "undone" if undoing else "done"


class RecordedUpdate(NamedTuple):
    """One row update as an action recorded it: when, which row, its values before and after."""

    at: datetime
    key: list[Any]
    before: Row
    after: Row


def recorded_updates(session: Session, kind: str, model: type[Base]) -> list[RecordedUpdate]:
    """The updates of ``model``'s rows that still-done actions of ``kind`` made, oldest first.

    A row keeps only its present. When a reader needs its past (when was this
    coding's note first written?), the journal is the only record of it; this
    hands the updates over as values so that how the journal stores its
    changes stays the journal's own business.
    """
    table = _table(model.__tablename__)
    actions = session.execute(
        select(Action.created_at, Action.changes)
        .where(Action.kind == kind, Action.state == "done")
        .order_by(Action.id)
    )
    return [
        RecordedUpdate(
            when, change["key"], _load(table, change["before"]), _load(table, change["after"])
        )
        for when, changes in actions
        for change in changes
        if change.get("op") == "update" and change.get("table") == table.name
    ]
