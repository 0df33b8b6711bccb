"""Coding search hits in one step: the hit, its sentence or its turn, merged per document.

The preview is computed the same way the coding is applied, so what the
analyst saw is what is written; applying is one journaled action, so one
undo takes every coding of it back.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coding, Document, Turn
from codebook.domain import CodebookError
from codebook.domain.search import BulkPreview, BulkScope, BulkSegment
from codebook.services.coding import NewCoding, apply_codings

HitSpan = tuple[int, int, int]
"""A hit as (document id, start, end)."""

SCOPES: tuple[BulkScope, ...] = ("word", "sentence", "turn")


def preview_bulk(
    session: Session,
    coder_id: int | None,
    hits: Sequence[HitSpan],
    code_id: int,
    scope: BulkScope,
) -> BulkPreview:
    """The segments coding the hits would make; ``already_coded`` where this coder has
    exactly that coding (no coder yet: nothing is coded by them)."""
    if scope not in SCOPES:
        raise CodebookError(
            "unknown scope '{scope}' (scopes: {scopes})", scope=scope, scopes=", ".join(SCOPES)
        )
    code = session.get(Code, code_id)
    if code is None:
        raise CodebookError("unknown code {ref}", ref=code_id)
    by_document: dict[int, list[tuple[int, int]]] = {}
    for document_id, start, end in hits:
        by_document.setdefault(document_id, []).append((start, end))
    segments: list[BulkSegment] = []
    for document_id in sorted(by_document):
        document = session.get(Document, document_id)
        if document is None:
            raise CodebookError("unknown document {document}", document=document_id)
        regions = _regions(session, document, scope)
        spans = [_widen(regions, start, end) for start, end in by_document[document_id]]
        coded = _coded(session, coder_id, document_id, code_id)
        for start, end, count in _merged(spans):
            segments.append(
                BulkSegment(
                    document.name,
                    start,
                    end,
                    document.text[start:end],
                    count,
                    (start, end) in coded,
                )
            )
    return BulkPreview(code.name, scope, tuple(segments))


def apply_bulk(
    session: Session,
    coder_id: int,
    hits: Sequence[HitSpan],
    code_id: int,
    scope: BulkScope,
) -> int:
    """Code the hits as one undoable action; returns how many codings were made."""
    preview = preview_bulk(session, coder_id, hits, code_id, scope)
    ids = {name: doc for doc, name in session.execute(select(Document.id, Document.name))}
    items = [
        NewCoding(ids[segment.document], code_id, segment.start, segment.end)
        for segment in preview.segments
        if not segment.already_coded
    ]
    return len(apply_codings(session, coder_id, items, f"apply {len(items)} codings"))


def _regions(session: Session, document: Document, scope: BulkScope) -> list[tuple[int, int]]:
    """The spans a hit widens to, in text order: sentences or turns (none for a word)."""
    if scope == "sentence":
        return sorted((int(start), int(end)) for start, end in document.sentences)
    if scope == "turn":
        rows = session.execute(
            select(Turn.start, Turn.end).where(Turn.document_id == document.id).order_by(Turn.start)
        )
        return [(start, end) for start, end in rows]
    return []


def _widen(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """From the first region overlapping the hit to the last one; the hit where none does."""
    at = max(0, bisect_right([r[0] for r in regions], start) - 1)
    low, high = start, end
    touched = False
    while at < len(regions) and regions[at][0] < end:
        region_start, region_end = regions[at]
        if region_end > start:
            low = min(low, region_start) if touched else min(start, region_start)
            high = max(high, region_end)
            touched = True
        at += 1
    return low, high


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping or adjacent spans joined, with how many hits each holds."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
            out[-1][2] += 1
        else:
            out.append([start, end, 1])
    return [(start, end, count) for start, end, count in out]


def _coded(
    session: Session, coder_id: int | None, document_id: int, code_id: int
) -> set[tuple[int, int]]:
    if coder_id is None:
        return set()
    rows = session.execute(
        select(Coding.start, Coding.end).where(
            Coding.document_id == document_id,
            Coding.code_id == code_id,
            Coding.coder_id == coder_id,
        )
    )
    return {(start, end) for start, end in rows}
