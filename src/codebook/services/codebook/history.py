"""The codebook's history and the difference between any two of its versions.

Every revision stored a snapshot of the whole codebook, so both are reads:
the history lists the events (with who, when and why), and a diff compares
two snapshots. Codes are matched by guid, which never changes and is never
reused, unlike ids (SQLite may hand an undone code's id to a new one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import CodebookEvent, Coder
from codebook.domain import CodebookError
from codebook.domain.code_tree import CodeTree
from codebook.domain.codebook import TEXT_FIELDS
from codebook.domain.history import (
    CodebookDiff,
    DiffEntry,
    FieldChange,
    HistoryEntry,
    word_changes,
)
from codebook.services.codebook.log import current_version
from codebook.services.codebook.revisions import CodeRef, find_code

#: The fields a "redefined" entry compares, in the order they are shown.
DEFINITION_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "keywords", "color")

Snapshot = list[dict[str, Any]]


# ---------------------------------------------------------------------------
# history


def _summary(event: CodebookEvent) -> str:
    payload = event.payload or {}
    if "summary" in payload:
        return str(payload["summary"])
    if event.kind in ("undo", "redo"):
        return f"{event.kind} of version {payload.get('version')}: {event.reason}"
    if event.kind == "create":
        return f"create '{payload.get('name', '?')}'"
    return event.kind


def _touched_ids(payload: dict[str, Any]) -> set[int]:
    ids = {int(i) for i in payload.get("code_ids", []) or []}
    for key in ("code_id", "source_id", "target_id"):
        if isinstance(payload.get(key), int):
            ids.add(int(payload[key]))
    ids.update(int(i) for i in payload.get("new_ids", []) or [])
    return ids


def codebook_history(session: Session, code: CodeRef | None = None) -> list[HistoryEntry]:
    """Every revision, oldest first; with ``code`` only those that touched that code.

    A revision touched a code if it names it (a merge names its target, whose
    row does not change) or if the code's row differs from the version before
    (which also catches undo, redo and imports).
    """
    guid: str | None = None
    code_id: int | None = None
    if code is not None:
        found = find_code(session, code)
        guid, code_id = found.guid, found.id
    coders = {i: n for i, n in session.execute(select(Coder.id, Coder.name))}
    out: list[HistoryEntry] = []
    previous: dict[str, Any] | None = None
    for event in session.scalars(select(CodebookEvent).order_by(CodebookEvent.version)):
        if guid is not None:
            row = next((r for r in event.snapshot if r["guid"] == guid), None)
            touched = row != previous or (
                code_id in _touched_ids(event.payload or {}) and event.kind != "undo"
            )
            previous = row
            if not touched:
                continue
        out.append(
            HistoryEntry(
                version=event.version,
                kind=event.kind,
                coder=coders.get(event.coder_id, "?"),
                created_at=event.created_at,
                reason=event.reason or "",
                summary=_summary(event),
            )
        )
    return out


# ---------------------------------------------------------------------------
# diff


def word_diff(old: str, new: str) -> str:
    """``old`` turned into ``new`` word by word, ``[-removed-]{+added+}`` (git --word-diff)."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[change.op].format(change.text) for change in word_changes(old, new))


def snapshot_at(session: Session, version: int) -> Snapshot:
    """The codebook as it was right after ``version`` (version 0: before any revision)."""
    latest = current_version(session)
    if not 0 <= version <= latest:
        raise CodebookError(
            "unknown codebook version {version} (versions are 0 to {latest})",
            version=version,
            latest=latest,
        )
    if version == 0:
        return []
    event = session.scalar(select(CodebookEvent).where(CodebookEvent.version == version))
    if event is None:
        raise CodebookError("codebook version {version} is missing from the log", version=version)
    return list(event.snapshot)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def codebook_diff(session: Session, old_version: int, new_version: int) -> CodebookDiff:
    """What changed in the codebook between two versions (in either direction)."""
    old_rows, new_rows = snapshot_at(session, old_version), snapshot_at(session, new_version)
    old_paths = CodeTree.from_snapshot(old_rows).paths()
    new_paths = CodeTree.from_snapshot(new_rows).paths()
    old_by_guid = {r["guid"]: r for r in old_rows}
    new_by_guid = {r["guid"]: r for r in new_rows}
    old_guid_of = {r["id"]: r["guid"] for r in old_rows}
    new_guid_of = {r["id"]: r["guid"] for r in new_rows}
    new_id_of = {r["guid"]: r["id"] for r in new_rows}
    entries: list[DiffEntry] = []
    for row in new_rows:
        if row["guid"] not in old_by_guid:
            status = " (retired)" if row["retired"] else ""
            entries.append(DiffEntry("added", new_paths[row["id"]], status.strip()))
    for row in old_rows:
        if row["guid"] not in new_by_guid:
            entries.append(DiffEntry("removed", old_paths[row["id"]]))
    for old in old_rows:
        new = new_by_guid.get(old["guid"])
        if new is None:
            continue
        old_path, new_path = old_paths[old["id"]], new_paths[new["id"]]
        if old["name"] != new["name"]:
            entries.append(DiffEntry("renamed", old_path, f"-> '{new['name']}'"))
        old_parent = old_guid_of.get(old["parent_id"]) if old["parent_id"] else None
        new_parent = new_guid_of.get(new["parent_id"]) if new["parent_id"] else None
        if old_parent != new_parent:
            entries.append(DiffEntry("moved", new_path, f"(was '{old_path}')"))
        changes = tuple(
            FieldChange(f, _text(old[f]), _text(new[f]), word_diff(_text(old[f]), _text(new[f])))
            for f in DEFINITION_FIELDS
            if _text(old[f]) != _text(new[f])
        )
        if changes:
            entries.append(
                DiffEntry(
                    "redefined", new_path, f"({', '.join(c.field for c in changes)})", changes
                )
            )
        if not old["retired"] and new["retired"]:
            merged = new["merged_into_id"]
            if merged is not None and merged in new_guid_of:
                target = new_paths[new_id_of[new_guid_of[merged]]]
                entries.append(DiffEntry("merged", new_path, f"into '{target}'"))
            else:
                entries.append(DiffEntry("retired", new_path))
        if old["retired"] and not new["retired"]:
            entries.append(DiffEntry("unretired", new_path))
    entries.extend(_reordered(old_rows, new_rows, new_paths))
    return CodebookDiff(old_version, new_version, tuple(entries))


def _reordered(
    old_rows: Snapshot, new_rows: Snapshot, new_paths: Mapping[int, str]
) -> list[DiffEntry]:
    """Parents whose children (present in both versions) are in a different order."""

    def orders(rows: Snapshot) -> dict[str | None, list[str]]:
        guid_of = {r["id"]: r["guid"] for r in rows}
        groups: dict[str | None, list[dict[str, Any]]] = {}
        for r in rows:
            parent = guid_of.get(r["parent_id"]) if r["parent_id"] else None
            groups.setdefault(parent, []).append(r)
        return {
            p: [r["guid"] for r in sorted(g, key=lambda r: (r["position"], r["id"]))]
            for p, g in groups.items()
        }

    before, after = orders(old_rows), orders(new_rows)
    new_id_of = {r["guid"]: r["id"] for r in new_rows}
    out = []
    for parent, guids in after.items():
        old_guids = before.get(parent, [])
        common = set(guids) & set(old_guids)
        if [g for g in guids if g in common] != [g for g in old_guids if g in common]:
            where = "(top level)" if parent is None else new_paths[new_id_of[parent]]
            out.append(DiffEntry("reordered", where, "(children in a new order)"))
    return out
