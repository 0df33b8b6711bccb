"""Codebook revisions: rename, redefine, recolour, move, retire and unretire a code.

A codebook changes as the analysis matures, but the codings made under an
earlier version must stay explainable. So every revision here is one event in
the codebook log (who, when, why, what) that bumps the codebook version, and
one journal action, so ``undo.undo`` puts codes *and* codings back exactly.
Codes are never deleted: a code that goes away is retired and keeps its
codings, which a report of an earlier version may still need.

All changes go through the journal's ``Recorder`` (Core statements), so any
ORM ``Code`` objects are refreshed before a revision returns. The steps every
revision shares live here too; merging and splitting, the two revisions that
move codings between codes, are in ``merge_split``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code
from codebook.domain import STRUCTURED_FIELDS, CodebookError
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.revisions import Revision
from codebook.services.codebook.codes import (
    check_color,
    check_sibling_name,
    code_path,
    descendant_ids,
    resolve_code,
)
from codebook.services.codebook.log import record_event
from codebook.services.journal import Recorder

CodeRef = str | int


# ---------------------------------------------------------------------------
# shared steps


def refresh_codes(session: Session) -> None:
    """Bring ORM ``Code`` objects in this session up to date after Core changes."""
    session.execute(select(Code).execution_options(populate_existing=True)).scalars().all()


def find_code(session: Session, ref: CodeRef) -> Code:
    """A code by id, or by anything ``resolve_code`` understands."""
    if isinstance(ref, int):
        code = session.get(Code, ref, populate_existing=True)
        if code is None:
            raise CodebookError("unknown code {ref}", ref=ref)
        return code
    code = resolve_code(session, ref)
    session.refresh(code)
    return code


def live_code(session: Session, ref: CodeRef) -> Code:
    code = find_code(session, ref)
    if code.retired:
        raise CodebookError("code '{code}' is retired; unretire it first", code=code.name)
    return code


def children_of(session: Session, parent_id: int | None) -> list[tuple[int, int]]:
    """(id, position) of the codes directly under ``parent_id``, in codebook order."""
    where = Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    rows = session.execute(
        select(Code.id, Code.position).where(where).order_by(Code.position, Code.id)
    )
    return [(i, p) for i, p in rows]


def renumber(rec: Recorder, ordered: Sequence[int], positions: Mapping[int, int]) -> None:
    """Give ``ordered`` the positions 0, 1, 2 ... , touching only rows that change."""
    for index, code_id in enumerate(ordered):
        if positions.get(code_id) != index:
            rec.update(Code, [code_id], {"position": index})


def commit_revision(
    session: Session,
    rec: Recorder,
    kind: str,
    summary: str,
    payload: dict[str, Any],
    reason: str,
    details: dict[str, Any] | None = None,
) -> Revision:
    """Log the revision, close its journal action, and say what happened."""
    if not rec.changes:
        raise CodebookError("nothing to change: {summary}", summary=summary)
    version = record_event(session, rec.coder_id, kind, {"summary": summary, **payload}, reason)
    rec.finish(event_version=version)
    refresh_codes(session)
    return Revision(version, kind, summary, details or {})


# ---------------------------------------------------------------------------
# rename, redefine, recolour


def rename_code(
    session: Session, coder_id: int, code: CodeRef, new_name: str, *, reason: str = ""
) -> Revision:
    """Give a code a new name; its guid, codings and place stay."""
    target = live_code(session, code)
    name = new_name.strip()
    check_sibling_name(session, target.parent_id, name, exclude_id=target.id)
    old = target.name
    if name == old:
        raise CodebookError("code '{code}' is already called that", code=old)
    rec = Recorder(session, coder_id, "codebook.rename", f"rename '{old}' to '{name}'")
    rec.update(Code, [target.id], {"name": name})
    payload = {"code_ids": [target.id], "guid": target.guid, "old": old, "new": name}
    return commit_revision(session, rec, "rename", f"rename '{old}' to '{name}'", payload, reason)


def _field_value(name: str, value: Any) -> Any:
    if name == "keywords":
        if isinstance(value, str):
            value = [k for k in (p.strip() for p in value.split(",")) if k]
        return [str(k).strip() for k in value if str(k).strip()]
    if name == "color":
        return check_color(str(value))
    return str(value)


def redefine_code(
    session: Session,
    coder_id: int,
    code: CodeRef,
    changes: Mapping[str, Any],
    *,
    reason: str = "",
) -> Revision:
    """Change any of a code's structured fields in one revision.

    Definitions are what make coding reliable between coders, so a change to
    them is a revision with its own reason, visible in the history and diff.
    """
    target = live_code(session, code)
    unknown = [k for k in changes if k not in STRUCTURED_FIELDS]
    if unknown:
        raise CodebookError(
            "unknown field '{field}' (fields: {fields})",
            field=unknown[0],
            fields=", ".join(STRUCTURED_FIELDS),
        )
    if not changes:
        raise CodebookError("nothing to change: give at least one field")
    values = {k: _field_value(k, v) for k, v in changes.items()}
    if "name" in values:
        values["name"] = values["name"].strip()
        check_sibling_name(session, target.parent_id, values["name"], exclude_id=target.id)
    before = {k: getattr(target, k) for k in values}
    changed = [k for k in values if before[k] != values[k]]
    summary = f"redefine '{target.name}': {', '.join(changed) or 'no change'}"
    rec = Recorder(session, coder_id, "codebook.redefine", summary)
    rec.update(Code, [target.id], values)
    payload = {
        "code_ids": [target.id],
        "guid": target.guid,
        "fields": changed,
        "before": {k: before[k] for k in changed},
        "after": {k: values[k] for k in changed},
    }
    return commit_revision(session, rec, "redefine", summary, payload, reason)


def recolour_code(
    session: Session, coder_id: int, code: CodeRef, color: str, *, reason: str = ""
) -> Revision:
    target = live_code(session, code)
    new = check_color(color.strip())
    old = target.color
    summary = f"recolour '{target.name}' from {old} to {new}"
    rec = Recorder(session, coder_id, "codebook.recolour", summary)
    rec.update(Code, [target.id], {"color": new})
    payload = {"code_ids": [target.id], "guid": target.guid, "old": old, "new": new}
    return commit_revision(session, rec, "recolour", summary, payload, reason)


# ---------------------------------------------------------------------------
# move


def move_code(
    session: Session,
    coder_id: int,
    code: CodeRef,
    *,
    under: CodeRef | None = None,
    top: bool = False,
    position: int | None = None,
    reason: str = "",
) -> Revision:
    """Reparent and/or reorder a code; siblings on both sides are renumbered 0, 1, 2 ...

    Without ``under`` or ``top`` the code stays under its parent and only its
    ``position`` (0-based, among all its siblings, default last) changes.
    """
    target = live_code(session, code)
    if under is not None and top:
        raise CodebookError("give either a new parent or --top, not both")
    old_parent = target.parent_id
    new_parent: int | None
    if top:
        new_parent = None
    elif under is None:
        new_parent = old_parent
    else:
        parent = live_code(session, under)
        if parent.id in descendant_ids(session, target.id):
            if parent.id == target.id:
                raise CodebookError("cycle: cannot move '{code}' under itself", code=target.name)
            raise CodebookError(
                "cycle: cannot move '{code}' under its own descendant '{descendant}'",
                code=target.name,
                descendant=parent.name,
            )
        new_parent = parent.id
    if new_parent != old_parent:
        check_sibling_name(session, new_parent, target.name, exclude_id=target.id)
    old_path = code_path(session, target)
    siblings = children_of(session, new_parent)
    positions = dict(siblings)
    order = [i for i, _ in siblings if i != target.id]
    index = len(order) if position is None else max(0, min(position, len(order)))
    order.insert(index, target.id)
    rec = Recorder(session, coder_id, "codebook.move", f"move '{target.name}'")
    rec.update(Code, [target.id], {"parent_id": new_parent})
    if new_parent != old_parent:
        old_siblings = children_of(session, old_parent)
        renumber(rec, [i for i, _ in old_siblings if i != target.id], dict(old_siblings))
    renumber(rec, order, positions)
    refresh_codes(session)
    new_path = code_path(session, target)
    parent_path = new_path.rsplit(PATH_SEPARATOR, 1)[0]
    where = "to the top level" if new_parent is None else f"under '{parent_path}'"
    summary = f"move '{old_path}' {where} at position {index + 1}"
    rec.description = summary
    payload = {
        "code_ids": [target.id],
        "guid": target.guid,
        "from_parent_id": old_parent,
        "to_parent_id": new_parent,
        "position": index,
        "old_path": old_path,
        "new_path": new_path,
    }
    return commit_revision(session, rec, "move", summary, payload, reason)


# ---------------------------------------------------------------------------
# retire, unretire


def retire_code(session: Session, coder_id: int, code: CodeRef, *, reason: str = "") -> Revision:
    """Retire a code and its live sub-codes: they keep their codings but take no new ones."""
    target = live_code(session, code)
    ids = descendant_ids(session, target.id)
    live = list(
        session.scalars(
            select(Code.id).where(Code.id.in_(ids), Code.retired.is_(False)).order_by(Code.id)
        )
    )
    label = code_path(session, target)
    extra = len(live) - 1
    summary = f"retire '{label}'" + (f" and {extra} sub-codes" if extra else "")
    rec = Recorder(session, coder_id, "codebook.retire", summary)
    rec.update_many(Code, live, {"retired": True})
    payload = {"code_ids": live, "code_id": target.id, "guid": target.guid}
    return commit_revision(session, rec, "retire", summary, payload, reason)


def unretire_code(
    session: Session,
    coder_id: int,
    code: CodeRef,
    *,
    children: bool = False,
    reason: str = "",
) -> Revision:
    """Bring a retired code back (with ``children``, its retired sub-codes too).

    A code merged into another comes back empty: its codings stay where the
    merge put them, and it no longer counts as merged.
    """
    target = find_code(session, code)
    if not target.retired:
        raise CodebookError("code '{code}' is not retired", code=target.name)
    if target.parent_id is not None:
        parent = session.get(Code, target.parent_id, populate_existing=True)
        if parent is not None and parent.retired:
            raise CodebookError(
                "the parent '{parent}' is retired; unretire it first", parent=parent.name
            )
    check_sibling_name(session, target.parent_id, target.name, exclude_id=target.id)
    ids = [target.id]
    if children:
        todo = [target.id]
        while todo:
            current = todo.pop()
            seen: set[str] = set()
            for cid, name, retired, merged in session.execute(
                select(Code.id, Code.name, Code.retired, Code.merged_into_id)
                .where(Code.parent_id == current)
                .order_by(Code.position, Code.id)
            ):
                if retired and merged is None:
                    check_sibling_name(session, current, name, exclude_id=cid)
                    if name.lower() in seen:
                        raise CodebookError(
                            "two retired sub-codes are named '{name}'; unretire them one by one",
                            name=name,
                        )
                    seen.add(name.lower())
                    ids.append(cid)
                    todo.append(cid)
    label = code_path(session, target)
    extra = len(ids) - 1
    summary = f"unretire '{label}'" + (f" and {extra} sub-codes" if extra else "")
    rec = Recorder(session, coder_id, "codebook.unretire", summary)
    rec.update_many(Code, ids, {"retired": False, "merged_into_id": None})
    payload = {"code_ids": ids, "code_id": target.id, "guid": target.guid}
    return commit_revision(session, rec, "unretire", summary, payload, reason)
