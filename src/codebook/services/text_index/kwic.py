"""Turning matched spans into keyword-in-context lines and counts.

The context words come from the index's token offsets, so a line shows
whole words either side and stops at the document's edges; the text between
them is shown as written, on one line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Connection, String, cast, func, select
from sqlalchemy.orm import Session

from codebook.db.models import Attribute, Document, IndexDocument, Turn
from codebook.domain.search import CountRow, SearchHit, SearchQuery, SearchResult
from codebook.domain.transcripts import attribute_text
from codebook.services.retrieval.lookups import attributes_by_document
from codebook.services.text_index.store import unpack


class Span(NamedTuple):
    """A match in a document's text, before it is shown."""

    document_id: int
    start: int
    end: int


def one_line(text: str) -> str:
    return " ".join(text.split())


def result_of(session: Session, query: SearchQuery, spans: Sequence[Span]) -> SearchResult:
    """The hits in document order (by name, then offset) with their counts."""
    ids = sorted({span.document_id for span in spans})
    names: dict[int, str] = {}
    texts: dict[int, str] = {}
    tokens: dict[int, tuple[Sequence[int], Sequence[int]]] = {}
    turns: dict[int, _Turns] = {}
    # Core execution, fetched whole: a million-word project has tens of thousands of turns,
    # and the ORM's or a row-by-row fetch's handling would cost more than reading them.
    connection = session.connection()
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        for document_id, name, text in connection.execute(
            select(Document.id, Document.name, Document.text).where(Document.id.in_(chunk))
        ).all():
            names[document_id], texts[document_id] = name, text
        for document_id, packed in connection.execute(
            select(IndexDocument.document_id, IndexDocument.tokens).where(
                IndexDocument.document_id.in_(chunk)
            )
        ).all():
            offsets = unpack(packed)
            tokens[document_id] = (offsets[0::2], offsets[1::2])
        turns.update(_turn_starts(connection, chunk))
    _fill_turns(connection, turns, spans)
    ordered = sorted(spans, key=lambda s: (names[s.document_id].casefold(), s.start, s.end))
    no_turns = _Turns([], {})
    hits = tuple(
        _hit(
            span,
            names[span.document_id],
            texts[span.document_id],
            tokens.get(span.document_id, ((), ())),
            turns.get(span.document_id, no_turns),
            query.context,
        )
        for span in ordered
    )
    per_document = Counter(names[span.document_id] for span in ordered)
    return SearchResult(
        query,
        hits,
        tuple(CountRow(name, count) for name, count in per_document.items()),
        _per_attribute(session, ordered),
    )


class _Turns(NamedTuple):
    """A document's turn starts in text order, for bisecting, and the end and speaker of
    the turns that hold a hit (by start)."""

    starts: list[int]
    held: dict[int, tuple[int, str | None]]


def _turn_starts(connection: Connection, documents: list[int]) -> dict[int, _Turns]:
    """Every turn start per document as one string each: a million-word project has tens
    of thousands of turns, and a row per turn would cost more than the whole search."""
    rows = connection.execute(
        select(Turn.document_id, func.aggregate_strings(cast(Turn.start, String), ","))
        .where(Turn.document_id.in_(documents))
        .group_by(Turn.document_id)
    )
    return {
        document_id: _Turns(sorted(map(int, joined.split(","))), {}) for document_id, joined in rows
    }


def _fill_turns(connection: Connection, turns: dict[int, _Turns], spans: Sequence[Span]) -> None:
    """Read the end and speaker of the turns the hits fall in (by document and start, which
    the turn table's index answers)."""
    wanted: dict[int, set[int]] = {}
    for span in spans:
        held = turns.get(span.document_id)
        if held is not None:
            at = bisect_right(held.starts, span.start) - 1
            if at >= 0:
                wanted.setdefault(span.document_id, set()).add(held.starts[at])
    for document_id, starts in wanted.items():
        rows = connection.execute(
            select(Turn.start, Turn.end, Turn.speaker).where(
                Turn.document_id == document_id, Turn.start.in_(sorted(starts))
            )
        ).all()
        turns[document_id].held.update((start, (end, speaker)) for start, end, speaker in rows)


def _hit(
    span: Span,
    name: str,
    text: str,
    tokens: tuple[Sequence[int], Sequence[int]],
    turns: _Turns,
    context: int,
) -> SearchHit:
    starts, ends = tokens
    first = bisect_right(ends, span.start)
    after = bisect_left(starts, span.end)
    left = ""
    if context > 0 and first > 0:
        left = text[starts[max(0, first - context)] : span.start]
    right = ""
    if context > 0 and after < len(starts):
        right = text[span.end : ends[min(len(ends), after + context) - 1]]
    number, speaker = 0, None
    at = bisect_right(turns.starts, span.start) - 1
    if at >= 0:
        end, found = turns.held.get(turns.starts[at], (0, None))
        if span.start < end:
            number, speaker = at + 1, found
    return SearchHit(
        name,
        span.start,
        span.end,
        speaker,
        number,
        one_line(left),
        one_line(text[span.start : span.end]),
        one_line(right),
    )


def _per_attribute(
    session: Session, spans: Sequence[Span]
) -> tuple[tuple[str, tuple[CountRow, ...]], ...]:
    """Hits per value of every document attribute; documents without it under ``""``."""
    names = list(session.scalars(select(Attribute.name).order_by(Attribute.name)))
    attributes = attributes_by_document(session)
    out = []
    for name in names:
        counts: Counter[str] = Counter()
        for span in spans:
            value = attributes.get(span.document_id, {}).get(name)
            counts[attribute_text(value) if value is not None else ""] += 1
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
        out.append((name, tuple(CountRow(value, count) for value, count in rows)))
    return tuple(out)
