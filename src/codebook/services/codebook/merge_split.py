"""Merging and splitting codes: the two revisions that move codings between codes.

Both are planned before anything changes (``plan_merge``, ``plan_split``), so
the analyst sees how many codings, sub-codes and memos move where; applying
checks again and makes the revision one journal action and one logged event,
like every other revision (``revisions``). A merge never drops a coding:
identical codings (same document, range and coder) collapse into one, their
memos joined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coding, Memo
from codebook.domain import CodebookError, CodeFields
from codebook.domain.revisions import MergePlan, Revision, SplitPlan
from codebook.services.codebook.codes import (
    check_color,
    check_sibling_name,
    code_path,
    code_row,
    descendant_ids,
)
from codebook.services.codebook.revisions import (
    CodeRef,
    children_of,
    commit_revision,
    live_code,
    renumber,
)
from codebook.services.journal import Recorder

# ---------------------------------------------------------------------------
# merge


def plan_merge(session: Session, source: CodeRef, target: CodeRef) -> MergePlan:
    """Check a merge and work out what it moves, without changing anything."""
    src = live_code(session, source)
    tgt = live_code(session, target)
    if src.id == tgt.id:
        raise CodebookError("cannot merge '{code}' into itself", code=src.name)
    if tgt.id in descendant_ids(session, src.id):
        raise CodebookError(
            "cycle: cannot merge '{code}' into its own descendant '{descendant}'",
            code=src.name,
            descendant=tgt.name,
        )
    children = [i for i, _ in children_of(session, src.id)]
    taken = {
        name.lower()
        for (name,) in session.execute(
            select(Code.name).where(
                Code.parent_id == tgt.id, Code.retired.is_(False), Code.id != src.id
            )
        )
    }
    for name, retired in session.execute(
        select(Code.name, Code.retired).where(Code.id.in_(children))
    ):
        if not retired and name.lower() in taken:
            raise CodebookError(
                "'{target}' already has a sub-code '{name}', like '{code}'; "
                "rename or merge that one first",
                target=tgt.name,
                name=name,
                code=src.name,
            )
    on_target = {
        (d, s, e, c): i
        for i, d, s, e, c in session.execute(
            select(Coding.id, Coding.document_id, Coding.start, Coding.end, Coding.coder_id).where(
                Coding.code_id == tgt.id
            )
        )
    }
    moving: list[int] = []
    collapsing: list[tuple[int, int]] = []
    for i, d, s, e, c in session.execute(
        select(Coding.id, Coding.document_id, Coding.start, Coding.end, Coding.coder_id)
        .where(Coding.code_id == src.id)
        .order_by(Coding.id)
    ):
        twin = on_target.get((d, s, e, c))
        if twin is None:
            moving.append(i)
        else:
            collapsing.append((i, twin))
    return MergePlan(
        src.id,
        tgt.id,
        code_path(session, src),
        code_path(session, tgt),
        moving,
        collapsing,
        children,
        _memos_on_code(session, src.id),
    )


def _memos_on_code(session: Session, code_id: int) -> list[int]:
    """Memos written on a code: they follow its codings when it is merged or split,
    so no analytic note stays behind on a retired code where nobody looks."""
    return list(
        session.scalars(
            select(Memo.id)
            .where(Memo.target_kind == "code", Memo.target_id == code_id)
            .order_by(Memo.id)
        )
    )


def _joined_note(kept: str | None, dropped: str | None) -> str | None:
    if not dropped or dropped == kept:
        return kept
    return dropped if not kept else f"{kept}\n\n{dropped}"


def merge_codes(
    session: Session, coder_id: int, source: CodeRef, target: CodeRef, *, reason: str = ""
) -> Revision:
    """Merge ``source`` into ``target``: codings and sub-codes follow, the source is retired.

    A coding identical to one already on the target (same document, start,
    end and coder) collapses into the target's; a memo on it is appended to
    the target coding's memo, so no note is lost.
    """
    plan = plan_merge(session, source, target)
    summary = f"merge '{plan.source}' into '{plan.target}'"
    rec = Recorder(session, coder_id, "codebook.merge", summary)
    if plan.collapsing:
        dropped = rec.delete(Coding, [[s] for s, _ in plan.collapsing])
        notes = {row["id"]: row["note"] for row in dropped}
        for src_id, twin_id in plan.collapsing:
            twin = session.execute(select(Coding.note).where(Coding.id == twin_id)).scalar_one()
            note = _joined_note(twin, notes.get(src_id))
            if note != twin:
                rec.update(Coding, [twin_id], {"note": note})
    rec.update_many(Coding, plan.moving, {"code_id": plan.target_id})
    if plan.children:
        existing = children_of(session, plan.target_id)
        rec.update_many(Code, plan.children, {"parent_id": plan.target_id})
        renumber(rec, [i for i, _ in existing] + plan.children, {})
    rec.update_many(Memo, plan.memos, {"target_id": plan.target_id})
    rec.update(Code, [plan.source_id], {"retired": True, "merged_into_id": plan.target_id})
    payload = {
        "code_ids": [plan.source_id, plan.target_id],
        "source_id": plan.source_id,
        "target_id": plan.target_id,
        "moved": len(plan.moving),
        "collapsed": len(plan.collapsing),
        "children": plan.children,
        "memos": len(plan.memos),
    }
    details = {"moved": len(plan.moving), "collapsed": len(plan.collapsing)}
    return commit_revision(session, rec, "merge", summary, payload, reason, details)


# ---------------------------------------------------------------------------
# split


def plan_split(
    session: Session,
    code: CodeRef,
    new_codes: Sequence[str | CodeFields],
    assign: Mapping[int, str],
    default: str | None = None,
) -> SplitPlan:
    """Check a split: every coding of the old code must end up on exactly one new code."""
    old = live_code(session, code)
    specs = [CodeFields(n.strip()) if isinstance(n, str) else n for n in new_codes]
    if len(specs) < 2:
        raise CodebookError("a split needs at least two new codes")
    index: dict[str, int] = {}
    for i, spec in enumerate(specs):
        check_sibling_name(session, old.parent_id, spec.name, exclude_id=old.id)
        if spec.name.lower() in index:
            raise CodebookError("new code '{name}' is named twice", name=spec.name)
        if spec.color:
            check_color(spec.color)
        index[spec.name.lower()] = i

    def pick(name: str) -> int:
        found = index.get(name.strip().lower())
        if found is None:
            names = ", ".join(s.name for s in specs)
            raise CodebookError(
                "'{name}' is not one of the new codes ({names})", name=name, names=names
            )
        return found

    codings = list(
        session.scalars(select(Coding.id).where(Coding.code_id == old.id).order_by(Coding.id))
    )
    own = set(codings)
    assignment: dict[int, int] = {}
    for coding_id, name in assign.items():
        if coding_id not in own:
            raise CodebookError(
                "coding {coding} is not a coding of '{code}'", coding=coding_id, code=old.name
            )
        assignment[coding_id] = pick(name)
    fallback = None if default is None else pick(default)
    rest = [c for c in codings if c not in assignment]
    if rest and fallback is None:
        shown = ", ".join(str(c) for c in rest[:5]) + (" ..." if len(rest) > 5 else "")
        raise CodebookError(
            "{count} codings of '{code}' are not assigned ({shown}); "
            "assign them or give a default new code",
            count=len(rest),
            code=old.name,
            shown=shown,
        )
    for coding_id in rest:
        assert fallback is not None
        assignment[coding_id] = fallback
    return SplitPlan(
        old.id,
        code_path(session, old),
        specs,
        assignment,
        fallback if fallback is not None else 0,
        _memos_on_code(session, old.id),
    )


def split_code(
    session: Session,
    coder_id: int,
    code: CodeRef,
    new_codes: Sequence[str | CodeFields],
    assign: Mapping[int, str],
    *,
    default: str | None = None,
    reason: str = "",
) -> Revision:
    """Split a code into new ones that each take the codings assigned to them.

    The new codes become siblings of the old one, right after it, in the order
    given; the old code is retired (keeping nothing: every coding moves), and
    its sub-codes and memos move to the default new code (the first one if
    there is no default), so nothing is left under a retired code.
    """
    plan = plan_split(session, code, new_codes, assign, default)
    old = live_code(session, plan.code_id)
    names = ", ".join(f"'{s.name}'" for s in plan.new_codes)
    summary = f"split '{plan.code}' into {names}"
    rec = Recorder(session, coder_id, "codebook.split", summary)
    rec.update(Code, [old.id], {"retired": True})
    siblings = children_of(session, old.parent_id)
    start = next(i for i, (cid, _) in enumerate(siblings) if cid == old.id) + 1
    rows = [
        code_row(spec, parent_id=old.parent_id, position=start + n)
        for n, spec in enumerate(plan.new_codes)
    ]
    new_ids = rec.insert(Code, rows)
    order = [cid for cid, _ in siblings]
    order[start:start] = new_ids
    renumber(
        rec,
        order,
        {**dict(siblings), **{i: r["position"] for i, r in zip(new_ids, rows, strict=True)}},
    )
    children = [cid for cid, _ in children_of(session, old.id)]
    if children:
        rec.update_many(Code, children, {"parent_id": new_ids[plan.children_to]})
    rec.update_many(Memo, plan.memos, {"target_id": new_ids[plan.children_to]})
    by_code: dict[int, list[int]] = {}
    for coding_id, n in plan.assignment.items():
        by_code.setdefault(new_ids[n], []).append(coding_id)
    for new_id, coding_ids in by_code.items():
        rec.update_many(Coding, coding_ids, {"code_id": new_id})
    payload = {
        "code_ids": [old.id, *new_ids],
        "code_id": old.id,
        "new_ids": new_ids,
        "assigned": {str(i): len(by_code.get(i, [])) for i in new_ids},
    }
    details = {"new_ids": new_ids, "counts": plan.counts()}
    return commit_revision(session, rec, "split", summary, payload, reason, details)
