"""Codings made under an earlier definition of their code: the review queue.

Whether a coding awaits review is derived, never stored as a flag that could
drift: every coding records the codebook version it was made under, and every
revision stored a snapshot of the whole codebook. A coding awaits review when,
since its version, its code's definition changed (and was not changed back),
another code was merged into its code (a merge not undone), or its code came
out of a split. Keeping a coding re-stamps it with the current version, so it
no longer waits; the review actions are ordinary journal actions, which is
also how the report learns how many quotes were re-checked.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, CodebookEvent, Coding, Document, Turn
from codebook.domain import CodebookError
from codebook.domain.codebook import TEXT_FIELDS
from codebook.domain.review import (
    DefinitionField,
    ReviewedCount,
    ReviewItem,
    ReviewQueue,
    ReviewReason,
)
from codebook.services.codebook.codes import load_code_tree
from codebook.services.codebook.log import current_version
from codebook.services.codebook.revisions import live_code
from codebook.services.coding import coding_views
from codebook.services.journal import Recorder, recorded_updates

#: The journal kind of keeping and recoding a coding from the queue.
REVIEW_KIND = "coding.review"
_CONTEXT = 160
_CHUNK = 500

Definition = tuple[str, ...]


@dataclass
class _CodeHistory:
    """One code (by guid) through the revision log: its definitions and the merges into it."""

    versions: list[int] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    split_from: str | None = None
    merges: dict[int, int] = field(default_factory=dict)

    def definition_at(self, version: int) -> Definition | None:
        at = bisect.bisect_right(self.versions, version)
        return self.definitions[at - 1] if at else None

    def why(self, version: int) -> tuple[ReviewReason, int] | None:
        """Why a coding made under ``version`` awaits review, and since which version."""
        reasons: list[tuple[ReviewReason, int]] = []
        if self.versions[0] > version:
            reasons.append(("split", self.versions[0]))
        elif self.definition_at(version) != self.definitions[-1]:
            reasons.append(("redefined", self.versions[-1]))
        merged = [v for v in self.merges.values() if v > version]
        if merged:
            reasons.append(("merged", max(merged)))
        return max(reasons, key=lambda r: r[1]) if reasons else None


def _definition(row: dict[str, Any]) -> Definition:
    return tuple(str(row.get(f) or "") for f in TEXT_FIELDS)


def _histories(session: Session) -> dict[str, _CodeHistory]:
    """Every code's definitions and live merges, read from the revision log in one pass.

    An undone merge no longer counts; a redone one counts from its redo.
    """
    out: dict[str, _CodeHistory] = {}
    merge_targets: dict[int, str] = {}
    events = session.execute(
        select(
            CodebookEvent.version, CodebookEvent.kind, CodebookEvent.payload, CodebookEvent.snapshot
        ).order_by(CodebookEvent.version)
    )
    for version, kind, payload, snapshot in events:
        payload = payload or {}
        guid_of = {r["id"]: r["guid"] for r in snapshot}
        for row in snapshot:
            history = out.setdefault(row["guid"], _CodeHistory())
            definition = _definition(row)
            if not history.definitions:
                if kind == "split":
                    history.split_from = guid_of.get(payload.get("code_id"))
            elif history.definitions[-1] == definition:
                continue
            history.versions.append(version)
            history.definitions.append(definition)
        if kind == "merge" and payload.get("target_id") in guid_of:
            merge_targets[version] = guid_of[payload["target_id"]]
            out[merge_targets[version]].merges[version] = version
        elif kind in ("undo", "redo") and payload.get("version") in merge_targets:
            original = int(payload["version"])
            merges = out[merge_targets[original]].merges
            if kind == "undo":
                merges.pop(original, None)
            else:
                merges[original] = version
    return out


def _waiting(
    session: Session, code_ids: Collection[int] | None = None
) -> tuple[dict[str, _CodeHistory], dict[int, str], list[tuple[int, int, ReviewReason, int]]]:
    """``(coding id, code id, reason, changed in)`` of every coding awaiting review."""
    histories = _histories(session)
    guids = {i: g for i, g in session.execute(select(Code.id, Code.guid))}
    query = select(Coding.id, Coding.code_id, Coding.codebook_version).order_by(Coding.id)
    if code_ids is not None:
        query = query.where(Coding.code_id.in_(code_ids))
    found = []
    for coding_id, code_id, version in session.execute(query):
        history = histories.get(guids[code_id])
        why = None if history is None else history.why(version)
        if why is not None:
            found.append((coding_id, code_id, *why))
    return histories, guids, found


def awaiting_counts(session: Session) -> dict[int, int]:
    """How many codings await review, by code id (codes without any are left out)."""
    counts: dict[int, int] = {}
    for _, code_id, _, _ in _waiting(session)[2]:
        counts[code_id] = counts.get(code_id, 0) + 1
    return counts


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    return (ids[n : n + _CHUNK] for n in range(0, len(ids), _CHUNK))


def review_queue(session: Session, code_ids: Collection[int] | None = None) -> ReviewQueue:
    """The codings awaiting review (only those on ``code_ids`` when given), each with its
    place, its context and its code's definition then and now."""
    histories, guids, waiting = _waiting(session, code_ids)
    tree = load_code_tree(session, include_retired=True)
    order = {code_id: n for n, (code_id, _) in enumerate(tree.walk())}
    views = {
        v.id: v
        for chunk in _chunks([w[0] for w in waiting])
        for v in coding_views(session, Coding.id.in_(chunk))
    }
    documents = sorted({v.document_id for v in views.values()})
    names: dict[int, str] = {}
    texts: dict[int, str] = {}
    for doc_id, name, text in session.execute(
        select(Document.id, Document.name, Document.text).where(Document.id.in_(documents))
    ):
        names[doc_id], texts[doc_id] = name, text
    turns: dict[int, list[tuple[int, int, str | None]]] = {}
    for doc_id, start, position, speaker in session.execute(
        select(Turn.document_id, Turn.start, Turn.position, Turn.speaker)
        .where(Turn.document_id.in_(documents))
        .order_by(Turn.document_id, Turn.start)
    ):
        turns.setdefault(doc_id, []).append((start, position, speaker))
    items: list[ReviewItem] = []
    for coding_id, code_id, reason, changed_in in waiting:
        view = views[coding_id]
        history = histories[guids[code_id]]
        then = history.definition_at(view.codebook_version)
        if then is None and history.split_from in histories:
            then = histories[history.split_from].definition_at(view.codebook_version)
        now = history.definitions[-1]
        definition = tuple(
            DefinitionField(name, old, new)
            for name, old, new in zip(TEXT_FIELDS, then or ("",) * len(now), now, strict=True)
            if old or new
        )
        doc_turns = turns.get(view.document_id, [])
        at = bisect.bisect_right([t[0] for t in doc_turns], view.start) - 1
        turn = doc_turns[at] if at >= 0 else None
        text = texts[view.document_id]
        items.append(
            ReviewItem(
                coding=view,
                document=names[view.document_id],
                turn=None if turn is None else turn[1] + 1,
                speaker=None if turn is None else turn[2],
                code_path=tree.path(code_id),
                reason=reason,
                changed_in=changed_in,
                definition=definition,
                before=text[max(0, view.start - _CONTEXT) : view.start],
                after=text[view.end : view.end + _CONTEXT],
            )
        )
    items.sort(key=lambda i: (order.get(i.coding.code_id, 0), i.document, i.coding.start))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.code_path] = counts.get(item.code_path, 0) + 1
    return ReviewQueue(tuple(items), tuple(counts.items()), current_version(session))


def _check_waiting(session: Session, coding_ids: Sequence[int]) -> list[int]:
    ids = sorted(set(coding_ids))
    if not ids:
        raise CodebookError("give at least one coding number")
    present = {
        i
        for chunk in _chunks(ids)
        for i in session.scalars(select(Coding.id).where(Coding.id.in_(chunk)))
    }
    missing = [i for i in ids if i not in present]
    if missing:
        raise CodebookError("unknown coding {coding}", coding=missing[0])
    waiting = {w[0] for w in _waiting(session)[2]}
    settled = [i for i in ids if i not in waiting]
    if settled:
        raise CodebookError("coding {coding} does not await review", coding=settled[0])
    return ids


def keep_codings(session: Session, coder_id: int, coding_ids: Sequence[int]) -> int:
    """Keep codings as they are, re-stamped with the current version: one undoable action."""
    ids = _check_waiting(session, coding_ids)
    what = f"keep coding {ids[0]}" if len(ids) == 1 else f"keep {len(ids)} codings"
    rec = Recorder(session, coder_id, REVIEW_KIND, what)
    changed = rec.update_many(Coding, ids, {"codebook_version": current_version(session)})
    rec.finish()
    return changed


def recode_codings(
    session: Session, coder_id: int, coding_ids: Sequence[int], code: str | int
) -> int:
    """Move codings to another (live) code, re-stamped with the current version: one action.

    A coding whose coder already coded the same passage with the target code
    would become a twin of that coding, so it is refused rather than doubled.
    """
    ids = _check_waiting(session, coding_ids)
    target = live_code(session, code)
    rows = session.execute(
        select(Coding.id, Coding.document_id, Coding.start, Coding.end, Coding.coder_id).where(
            Coding.id.in_(ids)
        )
    ).all()
    for coding_id, document_id, start, end, coder in rows:
        twin = session.scalar(
            select(Coding.id).where(
                Coding.code_id == target.id,
                Coding.document_id == document_id,
                Coding.start == start,
                Coding.end == end,
                Coding.coder_id == coder,
            )
        )
        if twin is not None:
            raise CodebookError(
                "coding {coding}: coding {twin} already codes that passage with '{code}'",
                coding=coding_id,
                twin=twin,
                code=target.name,
            )
    what = f"recode coding {ids[0]}" if len(ids) == 1 else f"recode {len(ids)} codings"
    rec = Recorder(session, coder_id, REVIEW_KIND, f"{what} to '{target.name}'")
    values = {"code_id": target.id, "codebook_version": current_version(session)}
    changed = rec.update_many(Coding, ids, values)
    rec.finish()
    return changed


def reviewed_counts(session: Session) -> dict[int, ReviewedCount]:
    """By code id: how many of its codings were kept from the queue since its code last
    changed (codes with none are left out).

    Only kept codings count: a recoded one was judged against the code it
    left, not against the definition of the code it now has.
    """
    reviewed = {
        int(u.key[0])
        for u in recorded_updates(session, REVIEW_KIND, Coding)
        if "code_id" not in u.after
    }
    if not reviewed:
        return {}
    histories = _histories(session)
    guids = {i: g for i, g in session.execute(select(Code.id, Code.guid))}
    out: dict[int, ReviewedCount] = {}
    ids = sorted(reviewed)
    for chunk in _chunks(ids):
        for code_id, version in session.execute(
            select(Coding.code_id, Coding.codebook_version).where(Coding.id.in_(chunk))
        ):
            history = histories.get(guids[code_id])
            if history is None:
                continue
            changed_in = max([history.versions[-1], *history.merges.values()])
            if version < changed_in:
                continue
            count = out.get(code_id, ReviewedCount(0, changed_in))
            out[code_id] = ReviewedCount(count.reviewed + 1, changed_in)
    return out
