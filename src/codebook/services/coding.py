"""Applying and removing codings, one at a time or in batches.

Every call validates against the stored text (offsets are code points into
the normalized text, end exclusive) and refuses retired codes, so a coding in
the database always points at real text under a live code.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, literal, or_, select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coder, Coding, Document
from codebook.domain import CodebookError
from codebook.domain.codings import CodingView
from codebook.services.clock import now
from codebook.services.codebook.log import current_version
from codebook.services.document_texts import document_lengths
from codebook.services.journal import Recorder


@dataclass(frozen=True)
class NewCoding:
    """A coding to make; ``created_at`` keeps the date an imported coding was made."""

    document_id: int
    code_id: int
    start: int
    end: int
    note: str | None = None
    created_at: datetime | None = None


def _live_codes(session: Session, ids: set[int]) -> dict[int, Code]:
    return {c.id: c for c in session.scalars(select(Code).where(Code.id.in_(ids)))}


def validate(session: Session, items: Sequence[NewCoding], *, allow_retired: bool = False) -> None:
    """Every coding on real text of a known document, under a code that may be used.

    ``allow_retired`` is for restoring codings that were made before their code
    was retired (a project coming back from an exchange file), never for new work.
    """
    lengths = document_lengths(session, {i.document_id for i in items})
    codes = _live_codes(session, {i.code_id for i in items})
    for item in items:
        if item.document_id not in lengths:
            raise CodebookError("unknown document {document}", document=item.document_id)
        code = codes.get(item.code_id)
        if code is None:
            raise CodebookError("unknown code {ref}", ref=item.code_id)
        if code.retired and not allow_retired:
            raise CodebookError(
                "code '{code}' is retired; codings need a live code", code=code.name
            )
        length = lengths[item.document_id]
        if not 0 <= item.start < item.end <= length:
            raise CodebookError(
                "offsets {start}-{end} out of range: need 0 <= start < end <= {length}",
                start=item.start,
                end=item.end,
                length=length,
            )


def apply_codings(
    session: Session,
    coder_id: int,
    items: Sequence[NewCoding],
    description: str | None = None,
    *,
    recorder: Recorder | None = None,
    allow_retired: bool = False,
) -> list[int]:
    """Apply many codings as one undoable action; exact duplicates of existing ones are skipped.

    With ``recorder`` they become part of a larger action (a project's import,
    whose codings each keep the coder who made them). Returns the ids of the
    codings that were new.
    """
    if not items:
        return []
    validate(session, items, allow_retired=allow_retired)
    unique = list({(i.document_id, i.code_id, i.start, i.end): i for i in items}.values())
    version = current_version(session)
    created = now()
    rows = [
        {
            "document_id": i.document_id,
            "code_id": i.code_id,
            "start": i.start,
            "end": i.end,
            "coder_id": coder_id,
            "codebook_version": version,
            "created_at": i.created_at or created,
            "note": i.note,
        }
        for i in unique
    ]
    what = description or f"apply {len(rows)} codings"
    rec = recorder or Recorder(session, coder_id, "coding.apply", what)
    ids = rec.insert(Coding, rows, skip_duplicates=True)
    if recorder is None:
        rec.finish()
    return ids


def apply_coding(
    session: Session,
    coder_id: int,
    document_id: int,
    code_id: int,
    start: int,
    end: int,
    note: str | None = None,
) -> int:
    """Apply one coding; returns its id (the existing one if this coder already made it)."""
    item = NewCoding(document_id, code_id, start, end, note)
    code = session.get(Code, code_id)
    label = code.name if code is not None else str(code_id)
    ids = apply_codings(session, coder_id, [item], f"apply '{label}' at {start}-{end}")
    if ids:
        return ids[0]
    found = session.scalar(
        select(Coding.id).where(
            Coding.document_id == document_id,
            Coding.code_id == code_id,
            Coding.coder_id == coder_id,
            Coding.start == start,
            Coding.end == end,
        )
    )
    assert found is not None
    return found


def remove_codings(session: Session, coder_id: int, coding_ids: Sequence[int]) -> int:
    """Remove codings as one undoable action; returns how many were removed."""
    ids = sorted(set(coding_ids))
    present = set(session.scalars(select(Coding.id).where(Coding.id.in_(ids))))
    missing = [i for i in ids if i not in present]
    if missing:
        raise CodebookError("unknown coding {coding}", coding=missing[0])
    what = f"remove coding {ids[0]}" if len(ids) == 1 else f"remove {len(ids)} codings"
    rec = Recorder(session, coder_id, "coding.remove", what)
    rows = rec.delete(Coding, [[i] for i in ids])
    rec.finish()
    return len(rows)


def adjust_coding(session: Session, coder_id: int, coding_id: int, start: int, end: int) -> None:
    """Move a coding's edges, as one undoable action; its code, coder and memo stay.

    Only the coding's own coder may adjust it (the range is what they chose),
    and only under a live code, as for a new coding. Adjusting onto a range
    the same coder already coded with the same code is refused: that coding
    exists.
    """
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise CodebookError("unknown coding {coding}", coding=coding_id)
    if coding.coder_id != coder_id:
        raise CodebookError(
            "coding {coding} is another coder's; only they can adjust it", coding=coding_id
        )
    validate(session, [NewCoding(coding.document_id, coding.code_id, start, end)])
    clash = session.scalar(
        select(Coding.id).where(
            Coding.document_id == coding.document_id,
            Coding.code_id == coding.code_id,
            Coding.coder_id == coder_id,
            Coding.start == start,
            Coding.end == end,
            Coding.id != coding_id,
        )
    )
    if clash is not None:
        raise CodebookError(
            "coding {coding} already covers {start}-{end} with this code",
            coding=clash,
            start=start,
            end=end,
        )
    what = f"adjust coding {coding_id} to {start}-{end}"
    rec = Recorder(session, coder_id, "coding.adjust", what)
    rec.update(Coding, [coding_id], {"start": start, "end": end})
    rec.finish()


def set_note(session: Session, coder_id: int, coding_id: int, note: str | None) -> None:
    """Attach (or clear) the memo on one coding, undoably."""
    if session.get(Coding, coding_id) is None:
        raise CodebookError("unknown coding {coding}", coding=coding_id)
    rec = Recorder(session, coder_id, "coding.note", f"memo on coding {coding_id}")
    rec.update(Coding, [coding_id], {"note": note or None})
    rec.finish()


def coding_views(
    session: Session, where: ColumnElement[bool], *order: Any, cut_text: bool = True
) -> list[CodingView]:
    """Plain columns in ``CodingView`` order: no ORM identity map for thousands of rows.

    ``cut_text=False`` leaves each view's text empty, for a caller that cuts it
    from a text it holds (the database would read the whole text per coding).
    """
    query = (
        select(
            Coding.id,
            Coding.document_id,
            Coding.code_id,
            Code.name,
            Code.color,
            Coding.start,
            Coding.end,
            Coder.name,
            Coding.codebook_version,
            Coding.note,
            func.substr(Document.text, Coding.start + 1, Coding.end - Coding.start)
            if cut_text
            else literal(""),
        )
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .join(Document, Document.id == Coding.document_id)
        .where(where)
        .order_by(*order)
    )
    return [CodingView(*row) for row in session.execute(query)]


def codings_of_document(session: Session, document_id: int) -> list[CodingView]:
    return coding_views(
        session, Coding.document_id == document_id, Coding.start, Coding.end, Coding.id
    )


def codings_of_code(session: Session, code_ids: Sequence[int]) -> list[CodingView]:
    return coding_views(
        session, Coding.code_id.in_(code_ids), Coding.document_id, Coding.start, Coding.id
    )


@dataclass(frozen=True)
class NotedCoding:
    """A coding as a list of memos names it: where it is, who made it when, note and passage."""

    id: int
    document_id: int
    document: str
    code_id: int
    start: int
    end: int
    coder_id: int
    coder: str
    note: str | None
    created_at: datetime
    passage: str


def noted_codings(session: Session, memo_targets: Collection[int]) -> dict[int, NotedCoding]:
    """Every coding with a note, and the codings of ``memo_targets`` (memos on one coding), by id.

    A note is a memo on its coding, so the memo exports list these codings
    beside the other memos; one query, with the passage cut by the database.
    """
    found = session.execute(
        select(
            Coding.id,
            Coding.document_id,
            Document.name,
            Coding.code_id,
            Coding.start,
            Coding.end,
            Coding.coder_id,
            Coder.name,
            Coding.note,
            Coding.created_at,
            func.substr(Document.text, Coding.start + 1, Coding.end - Coding.start),
        )
        .join(Document, Document.id == Coding.document_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(or_(Coding.note.is_not(None), Coding.id.in_(memo_targets)))
        .order_by(Coding.id)
    )
    return {row[0]: NotedCoding(*row) for row in found}


class CodingRecord(NamedTuple):
    """A coding as an exchange file holds it: where, which code (by guid), who, when, its note.

    A named tuple: a project has a hundred thousand codings, made from rows in
    a fraction of a dataclass's time.
    """

    id: int
    document_id: int
    code_guid: str
    start: int
    end: int
    coder: str
    created_at: datetime
    note: str | None


def all_codings(session: Session) -> list[CodingRecord]:
    """Every coding of the project, by document and position, in one column query."""
    rows = session.execute(
        select(
            Coding.id,
            Coding.document_id,
            Code.guid,
            Coding.start,
            Coding.end,
            Coder.name,
            Coding.created_at,
            Coding.note,
        )
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .order_by(Coding.document_id, Coding.start, Coding.end, Coding.id)
    )
    return [CodingRecord._make(row) for row in rows]
