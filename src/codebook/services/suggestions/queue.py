"""The suggestion queue: what the keywords and the model proposed, and the analyst's decisions.

Adding suggestions is not an action of the analyst (nothing in the
project's coding changes), so runs insert plainly and undo never sees them.
Accepting and rejecting are the analyst's: each is one journaled action, so
undo removes the coding an accept made and reopens the suggestion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coding, Document
from codebook.db.models import Suggestion as SuggestionRow
from codebook.domain import CodebookError
from codebook.domain.suggestions import (
    Suggestion,
    SuggestionRun,
    SuggestionSource,
    SuggestionStatus,
)
from codebook.services.clock import now
from codebook.services.codebook.codes import load_code_tree
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.journal import Recorder

_STATUSES: dict[str, SuggestionStatus] = {
    "open": "open",
    "accepted": "accepted",
    "rejected": "rejected",
}
_SOURCES: dict[str, SuggestionSource] = {"keyword": "keyword", "model": "model"}


@dataclass(frozen=True)
class Candidate:
    """A sentence a run proposes for a code, before the queue checks it is new."""

    document_id: int
    code_id: int
    start: int
    end: int
    keyword: str | None = None
    confidence: float | None = None


def live_code_ids(session: Session) -> set[int]:
    """Codes an analyst may still code with: not retired, not merged into another."""
    return set(
        session.scalars(
            select(Code.id).where(Code.retired.is_(False), Code.merged_into_id.is_(None))
        )
    )


def coded_spans(
    session: Session, document_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, int, int]]]:
    """Every coding by anybody as (code id, start, end), per document."""
    query = select(Coding.document_id, Coding.code_id, Coding.start, Coding.end)
    if document_ids is not None:
        query = query.where(Coding.document_id.in_(list(document_ids)))
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for document_id, code_id, start, end in session.execute(query):
        spans[document_id].append((code_id, start, end))
    return spans


def add_suggestions(
    session: Session, source: SuggestionSource, candidates: Sequence[Candidate]
) -> SuggestionRun:
    """Queue the candidates that are new: never one an analyst rejected, one already coded
    with that code by anybody (any overlap), or one already in the queue."""
    documents = {c.document_id for c in candidates}
    known = {
        (row.document_id, row.code_id, row.start, row.end): row.status
        for row in session.execute(
            select(
                SuggestionRow.document_id,
                SuggestionRow.code_id,
                SuggestionRow.start,
                SuggestionRow.end,
                SuggestionRow.status,
            ).where(SuggestionRow.document_id.in_(documents))
        )
    }
    coded = coded_spans(session, documents)
    rejected = already_coded = queued = 0
    rows = []
    created = now()
    seen: set[tuple[int, int, int, int]] = set()
    for c in candidates:
        key = (c.document_id, c.code_id, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        status = known.get(key)
        if status == "rejected":
            rejected += 1
        elif any(
            code == c.code_id and start < c.end and end > c.start
            for code, start, end in coded.get(c.document_id, ())
        ):
            already_coded += 1
        elif status is not None:
            queued += 1
        else:
            rows.append(
                {
                    "document_id": c.document_id,
                    "code_id": c.code_id,
                    "start": c.start,
                    "end": c.end,
                    "source": source,
                    "keyword": c.keyword,
                    "confidence": c.confidence,
                    "status": "open",
                    "created_at": created,
                }
            )
    if rows:
        # The table, not the class: the ORM's bulk path costs more than SQLite's insert.
        session.execute(insert(cast(Table, SuggestionRow.__table__)), rows)
    return SuggestionRun(len(rows), rejected, already_coded, queued)


def suggestions(
    session: Session,
    status: str = "open",
    code: int | None = None,
    document: int | None = None,
    source: str | None = None,
) -> list[Suggestion]:
    """The suggestions in document order with their sentence; those of deleted documents or
    codes are left out, and open ones of retired or merged codes too."""
    query = (
        select(SuggestionRow, Document.name)
        .join(Document, Document.id == SuggestionRow.document_id)
        .where(SuggestionRow.status == status)
        .order_by(Document.id, SuggestionRow.start, SuggestionRow.code_id)
    )
    if code is not None:
        query = query.where(SuggestionRow.code_id == code)
    if document is not None:
        query = query.where(SuggestionRow.document_id == document)
    if source is not None:
        query = query.where(SuggestionRow.source == source)
    found = session.execute(query).all()
    tree = load_code_tree(session, include_retired=True)
    usable = live_code_ids(session) if status == "open" else set(tree)
    chosen = {row.document_id for row, _ in found}
    texts: dict[int, str] = {
        document_id: text
        for document_id, text in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(chosen))
        )
    }
    return [
        Suggestion(
            id=row.id,
            document=name,
            start=row.start,
            end=row.end,
            text=texts[row.document_id][row.start : row.end],
            code=tree.path(row.code_id),
            source=_SOURCES[row.source],
            keyword=row.keyword,
            confidence=row.confidence,
            status=_STATUSES[row.status],
        )
        for row, name in found
        if row.code_id in usable
    ]


def _open_row(session: Session, suggestion_id: int) -> SuggestionRow:
    row = session.get(SuggestionRow, suggestion_id)
    if row is None or session.get(Document, row.document_id) is None:
        raise CodebookError("unknown suggestion {suggestion}", suggestion=suggestion_id)
    if row.status == "accepted":
        raise CodebookError("suggestion {suggestion} is already accepted", suggestion=suggestion_id)
    if row.status == "rejected":
        raise CodebookError("suggestion {suggestion} is already rejected", suggestion=suggestion_id)
    return row


def accept(session: Session, coder_id: int, suggestion_id: int) -> int:
    """Code the suggested sentence as the acting analyst and mark the suggestion accepted,
    as one undoable action; returns the coding's id (the analyst's own identical coding
    when there already is one)."""
    row = _open_row(session, suggestion_id)
    code = session.get(Code, row.code_id)
    label = code.name if code is not None else str(row.code_id)
    rec = Recorder(
        session, coder_id, "suggestion.accept", f"apply '{label}' at {row.start}-{row.end}"
    )
    item = NewCoding(row.document_id, row.code_id, row.start, row.end)
    ids = apply_codings(session, coder_id, [item], recorder=rec)
    rec.update(
        SuggestionRow,
        [row.id],
        {"status": "accepted", "decided_by": coder_id, "decided_at": now()},
    )
    rec.finish()
    if ids:
        return ids[0]
    found = session.scalar(
        select(Coding.id).where(
            Coding.document_id == row.document_id,
            Coding.code_id == row.code_id,
            Coding.coder_id == coder_id,
            Coding.start == row.start,
            Coding.end == row.end,
        )
    )
    assert found is not None
    return found


def reject(session: Session, coder_id: int, suggestion_id: int) -> None:
    """Mark the suggestion rejected, as one undoable action; it is never proposed again."""
    row = _open_row(session, suggestion_id)
    code = session.get(Code, row.code_id)
    label = code.name if code is not None else str(row.code_id)
    rec = Recorder(
        session,
        coder_id,
        "suggestion.reject",
        f"reject '{label}' at {row.start}-{row.end}",
    )
    rec.update(
        SuggestionRow,
        [row.id],
        {"status": "rejected", "decided_by": coder_id, "decided_at": now()},
    )
    rec.finish()
