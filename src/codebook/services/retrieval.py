"""Retrieving coded segments ("quotes") by code, with boolean code queries and filters.

A query is a small tree of frozen dataclasses (``Code``, ``And``, ``Or``, ``Not``,
``Near``) so the CLI, the TUI and the exports build and pass the same value;
``parse_query`` turns the analyst's text (``"A" AND ("B" OR "C")``) into one.

Every result is a ``Quote``: a range of one document's text with the codings
that make it up, the speaker and position where it starts, the document's
attributes and, on demand, a few sentences of context. What range a quote
covers depends on the operator; see each query class.

Speed matters because the TUI retrieves as the analyst types: codings come
from one indexed query per code (with the containing turn found by an index
seek in the same query), document texts are read once per document and sliced
in Python, and nothing is loaded for documents the filters exclude.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Attribute, Coder, Coding, Document, DocumentAttribute, Turn
from codebook.db.models import Code as CodeRow
from codebook.domain import AttributeValue, CodebookError
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.queries import NO_FILTERS, Code, CodeQuery, Filters, Near, Not, Or, parse_query
from codebook.domain.quotes import Quote, QuoteCoding
from codebook.domain.transcripts import attribute_text
from codebook.services.codebook.codes import resolve_code
from codebook.services.documents import sentence_bounds
from codebook.services.gc_pause import gc_paused

# --------------------------------------------------------------------------- queries


# --------------------------------------------------------------------------- results


# --------------------------------------------------------------------------- parsing

# --------------------------------------------------------------------------- lookups


def code_paths(session: Session) -> dict[int, str]:
    """Every code's path (``Parent > Child``), retired ones too, in one query."""
    rows = session.execute(select(CodeRow.id, CodeRow.parent_id, CodeRow.name)).all()
    parent = {i: p for i, p, _ in rows}
    name = {i: n for i, _, n in rows}
    out: dict[int, str] = {}

    def path(i: int) -> str:
        found = out.get(i)
        if found is None:
            p = parent[i]
            found = name[i] if p is None or p not in name else path(p) + PATH_SEPARATOR + name[i]
            out[i] = found
        return found

    for i in name:
        path(i)
    return out


def children_map(session: Session) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    rows = session.execute(select(CodeRow.id, CodeRow.parent_id).order_by(CodeRow.position))
    for cid, parent in rows:
        out.setdefault(parent, []).append(cid)
    return out


def expand(children: Mapping[int | None, Sequence[int]], code_id: int) -> list[int]:
    """``code_id`` and all its descendants, parents before children, in codebook order."""
    out = [code_id]
    for child in children.get(code_id, ()):
        out.extend(expand(children, child))
    return out


def attributes_by_document(session: Session) -> dict[int, Mapping[str, AttributeValue]]:
    """Each document's attributes as a read-only mapping (shared by its quotes)."""
    out: dict[int, dict[str, AttributeValue]] = {}
    rows = session.execute(
        select(
            DocumentAttribute.document_id,
            Attribute.name,
            DocumentAttribute.value_text,
            DocumentAttribute.value_number,
            DocumentAttribute.value_date,
        ).join(Attribute, Attribute.id == DocumentAttribute.attribute_id)
    )
    for doc, name, text, number, day in rows:
        value: AttributeValue = (
            day if day is not None else number if number is not None else text or ""
        )
        out.setdefault(doc, {})[name] = value
    return {doc: MappingProxyType(values) for doc, values in out.items()}


def matching_documents(session: Session, where: Mapping[str, Sequence[str]]) -> set[int] | None:
    """Ids of documents passing the attribute filter; ``None`` when there is no filter."""
    if not where:
        return None
    known = {n.lower(): n for n in session.scalars(select(Attribute.name))}
    for key in where:
        if key.lower() not in known:
            listed = ", ".join(sorted(known.values())) or "none yet"
            raise CodebookError(f"unknown attribute '{key}' (attributes: {listed})")
    wanted = {
        known[k.lower()]: {v.casefold() for v in values} for k, values in where.items() if values
    }
    attrs = attributes_by_document(session)
    all_docs = session.scalars(select(Document.id))
    return {
        doc
        for doc in all_docs
        if all(
            name in attrs.get(doc, {}) and attribute_text(attrs[doc][name]).casefold() in accepted
            for name, accepted in wanted.items()
        )
    }


def coder_ids(session: Session, names: Sequence[str]) -> list[int] | None:
    """Ids of the named coders; ``None`` when no coder filter is given."""
    if not names:
        return None
    found = {k: v for k, v in session.execute(select(Coder.name, Coder.id))}
    missing = [n for n in names if n not in found]
    if missing:
        listed = ", ".join(sorted(found)) or "none yet"
        raise CodebookError(f"unknown coder '{missing[0]}' (coders: {listed})")
    return [found[n] for n in names]


# --------------------------------------------------------------------------- evaluation


class CodingRecord(NamedTuple):
    """A coding as fetched, with the turn its start lies in (``turn``: 0-based position).

    The light form analysis works on (no text, ids instead of names). It is
    also a segment of its own (``leaves``/``anchor``), so the common
    single-code retrieval builds no second object per coding.
    """

    id: int
    doc: int
    code_id: int
    start: int
    end: int
    coder_id: int
    note: str | None
    version: int
    turn: int | None
    speaker: str | None
    timecode: float | None

    @property
    def leaves(self) -> tuple[CodingRecord, ...]:
        return (self,)

    @property
    def anchor(self) -> CodingRecord:
        return self


class _Seg(NamedTuple):
    """A combined segment; ``anchor`` is the coding whose start begins it (speaker, turn)."""

    doc: int
    start: int
    end: int
    leaves: tuple[CodingRecord, ...]
    anchor: CodingRecord


_Span = CodingRecord | _Seg


@dataclass
class _Context:
    session: Session
    documents: set[int] | None
    coders: list[int] | None
    children: dict[int | None, list[int]] = field(default_factory=dict)
    sentences: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)


def _fetch_leaves(ctx: _Context, code_ids: Sequence[int] | None) -> list[CodingRecord]:
    """One indexed query: the codings and, by index seek, the turn their start lies in.

    The turn is the one containing the coding's start; a coding starting
    between turns gets the first turn that begins inside it, or none.
    ``code_ids`` ``None`` means every code.
    """
    if ctx.documents is not None and not ctx.documents:
        return []
    prev_turn = (
        select(Turn.id)
        .where(Turn.document_id == Coding.document_id, Turn.start <= Coding.start)
        .order_by(Turn.start.desc())
        .limit(1)
        .correlate(Coding)
        .scalar_subquery()
    )
    inner = select(
        Coding.id,
        Coding.document_id,
        Coding.code_id,
        Coding.start,
        Coding.end,
        Coding.coder_id,
        Coding.note,
        Coding.codebook_version,
        prev_turn.label("turn_id"),
    )
    if code_ids is not None:
        inner = inner.where(Coding.code_id.in_(code_ids))
    if ctx.coders is not None:
        inner = inner.where(Coding.coder_id.in_(ctx.coders))
    if ctx.documents is not None:
        inner = inner.where(Coding.document_id.in_(sorted(ctx.documents)))
    sub = inner.subquery()
    # No ORDER BY: callers group by document and sort there, cheaper than a SQL sort.
    query = select(
        sub, Turn.position, Turn.speaker, Turn.timecode, Turn.end.label("turn_end")
    ).outerjoin(Turn, Turn.id == sub.c.turn_id)
    leaves: list[CodingRecord] = []
    gaps: list[int] = []
    append = leaves.append
    # Core execution on the session's connection: no ORM row processing per coding.
    for row in ctx.session.connection().execute(query).all():
        cid, doc, code, start, end, coder, note, version, _tid, pos, spk, tc, tend = row
        if pos is None or tend <= start:
            gaps.append(len(leaves))
            pos = spk = tc = None
        append(CodingRecord(cid, doc, code, start, end, coder, note, version, pos, spk, tc))
    if gaps:
        _locate_gaps(ctx.session, leaves, gaps)
    return leaves


def _locate_gaps(session: Session, leaves: list[CodingRecord], gaps: list[int]) -> None:
    """Codings that start between turns take the first turn beginning inside them."""
    docs = sorted({leaves[i].doc for i in gaps})
    turns: dict[int, list[tuple[int, int, str | None, float | None]]] = {}
    rows = session.execute(
        select(Turn.document_id, Turn.start, Turn.position, Turn.speaker, Turn.timecode)
        .where(Turn.document_id.in_(docs))
        .order_by(Turn.document_id, Turn.start)
    )
    for doc, start, pos, spk, tc in rows:
        turns.setdefault(doc, []).append((start, pos, spk, tc))
    for i in gaps:
        leaf = leaves[i]
        found = turns.get(leaf.doc, [])
        k = bisect.bisect_right(found, leaf.start, key=lambda t: t[0])
        if k < len(found) and found[k][0] < leaf.end:
            _, pos, spk, tc = found[k]
            leaves[i] = leaf._replace(turn=pos, speaker=spk, timecode=tc)


def _code_ids(ctx: _Context, leaf: Code) -> list[int]:
    if isinstance(leaf.ref, int):
        code_id = leaf.ref
        if ctx.session.get(CodeRow, code_id) is None:
            raise CodebookError(f"unknown code {code_id}")
    else:
        code_id = resolve_code(ctx.session, leaf.ref).id
    if not leaf.with_children:
        return [code_id]
    if not ctx.children:
        ctx.children = children_map(ctx.session)
    return expand(ctx.children, code_id)


_POSITION = attrgetter("start", "end")


def _by_doc(segs: Iterable[_Span]) -> dict[int, list[_Span]]:
    """Segments per document, each list in text order."""
    out: dict[int, list[_Span]] = {}
    for s in segs:
        found = out.get(s.doc)
        if found is None:
            out[s.doc] = [s]
        else:
            found.append(s)
    for items in out.values():
        items.sort(key=_POSITION)
    return out


def _pairs(
    xs: Sequence[_Span],
    ys: Sequence[_Span],
    xspan: Callable[[_Span], tuple[int, int]],
    yspan: Callable[[_Span], tuple[int, int]],
) -> Iterator[tuple[_Span, _Span]]:
    """Every (x, y) whose half-open spans overlap, by one sweep over both sorted lists."""
    xs_sorted = sorted(((xspan(x), x) for x in xs), key=lambda t: t[0][0])
    ys_sorted = sorted(((yspan(y), y) for y in ys), key=lambda t: t[0][0])
    active: list[tuple[tuple[int, int], _Span]] = []
    j = 0
    for (x0, x1), x in xs_sorted:
        while j < len(ys_sorted) and ys_sorted[j][0][0] < x1:
            active.append(ys_sorted[j])
            j += 1
        # x starts only grow, so a y that ends before this x starts meets no later x.
        active = [item for item in active if item[0][1] > x0]
        for (y0, _), y in active:
            if y0 < x1:
                yield x, y


def _chars(s: _Span) -> tuple[int, int]:
    return s.start, s.end


def _merge(segs: Iterable[_Span]) -> list[_Span]:
    """Segments with equal ranges become one, carrying all their codings once."""
    out: dict[tuple[int, int, int], _Span] = {}
    for s in segs:
        key = (s.doc, s.start, s.end)
        found = out.get(key)
        if found is None:
            out[key] = s
        else:
            leaves = tuple({leaf.id: leaf for leaf in (*found.leaves, *s.leaves)}.values())
            out[key] = _Seg(s.doc, s.start, s.end, leaves, found.anchor)
    return list(out.values())


def _sentences(ctx: _Context, docs: Iterable[int]) -> dict[int, tuple[list[int], list[int]]]:
    """Sentence starts and ends per document, read once per retrieval."""
    missing = set(docs) - ctx.sentences.keys()
    if missing:
        ctx.sentences.update({doc: ([], []) for doc in missing})
        ctx.sentences.update(sentence_bounds(ctx.session, missing))
    return ctx.sentences


def _near(
    ctx: _Context, query: Near, left: dict[int, list[_Span]], right: dict[int, list[_Span]]
) -> list[_Span]:
    if query.sentences < 0:
        raise CodebookError("NEAR needs a distance of 0 or more sentences")
    docs = left.keys() & right.keys()
    sentences = _sentences(ctx, docs)
    n = query.sentences
    out: list[_Span] = []
    for doc in docs:
        starts = sentences[doc][0]

        def span(s: _Span, widen: int, starts: list[int] = starts) -> tuple[int, int]:
            """Sentence indexes the segment touches, widened by ``widen`` on each side."""
            first = bisect.bisect_right(starts, s.start) - 1
            last = bisect.bisect_right(starts, s.end - 1) - 1
            return first - widen, last + widen + 1

        for a, b in _pairs(left[doc], right[doc], lambda s: span(s, n), lambda s: span(s, 0)):
            start, end = min(a.start, b.start), max(a.end, b.end)
            anchor = a.anchor if a.start <= b.start else b.anchor
            out.append(_Seg(doc, start, end, (*a.leaves, *b.leaves), anchor))
    return _merge(out)


def _evaluate(ctx: _Context, query: CodeQuery) -> list[_Span]:
    if isinstance(query, Code):
        return list(_fetch_leaves(ctx, _code_ids(ctx, query)))
    if isinstance(query, Or):
        return _merge([*_evaluate(ctx, query.left), *_evaluate(ctx, query.right)])
    if isinstance(query, Not):
        keep = _by_doc(_evaluate(ctx, query.include))
        drop = _by_doc(_evaluate(ctx, query.exclude))
        hit = {
            id(a)
            for doc in keep.keys() & drop.keys()
            for a, _ in _pairs(keep[doc], drop[doc], _chars, _chars)
        }
        return [s for segs in keep.values() for s in segs if id(s) not in hit]
    left = _by_doc(_evaluate(ctx, query.left))
    right = _by_doc(_evaluate(ctx, query.right))
    if isinstance(query, Near):
        return _near(ctx, query, left, right)
    out: list[_Span] = []
    for doc in left.keys() & right.keys():
        for a, b in _pairs(left[doc], right[doc], _chars, _chars):
            start, end = max(a.start, b.start), min(a.end, b.end)
            anchor = a.anchor if a.start >= b.start else b.anchor
            out.append(_Seg(doc, start, end, (*a.leaves, *b.leaves), anchor))
    return _merge(out)


# --------------------------------------------------------------------------- assembly


def _texts(session: Session, docs: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Name and full text of each document, read once: slicing in Python beats one
    ``substr`` per coding, which makes the database read the whole text every time."""
    ids = sorted(set(docs))
    rows = session.connection().execute(
        select(Document.id, Document.name, Document.text).where(Document.id.in_(ids))
    )
    return {i: (name, text) for i, name, text in rows}


def _context(
    text: str, sentences: tuple[list[int], list[int]], start: int, end: int, n: int
) -> tuple[str, str]:
    """From the start of the n-th sentence before the quote, to the end of the n-th after it.

    A quote starting between sentences (on a speaker label) counts the sentence
    just before it as the first one before. Fewer sentences than ``n`` on a
    side: as many as there are.
    """
    starts, ends = sentences
    if n <= 0 or not starts:
        return "", ""
    first = bisect.bisect_right(starts, start) - 1
    if first >= 0 and start >= ends[first]:
        first += 1
    before_from = starts[first - n] if first - n >= 0 else min(start, starts[0])
    last = bisect.bisect_right(starts, end - 1) - 1
    after_to = ends[min(last + n, len(ends) - 1)] if last + n >= 0 else end
    return text[before_from:start], text[end : max(after_to, end)]


def _quote_coding(
    leaf: CodingRecord, paths: Mapping[int, str], coders: Mapping[int, str]
) -> QuoteCoding:
    return QuoteCoding(
        leaf.id,
        leaf.code_id,
        paths[leaf.code_id],
        coders[leaf.coder_id],
        leaf.start,
        leaf.end,
        leaf.note,
        leaf.version,
    )


def _quotes(ctx: _Context, segs: Sequence[_Span], context: int) -> list[Quote]:
    by_doc = _by_doc(segs)
    texts = _texts(ctx.session, by_doc)
    paths = code_paths(ctx.session)
    coders = {k: v for k, v in ctx.session.connection().execute(select(Coder.id, Coder.name))}
    attrs = attributes_by_document(ctx.session)
    empty: Mapping[str, AttributeValue] = MappingProxyType({})
    sentences = _sentences(ctx, by_doc) if context > 0 else {}
    out: list[Quote] = []
    append = out.append
    for doc in sorted(by_doc, key=lambda d: texts[d][0]):
        name, text = texts[doc]
        doc_attrs = attrs.get(doc, empty)
        doc_sentences = sentences.get(doc)
        for s in by_doc[doc]:
            # one coding per quote is the common case (a single code's quotes): no list
            leaves = s.leaves
            codings = (
                (_quote_coding(leaves[0], paths, coders),)
                if len(leaves) == 1
                else tuple([_quote_coding(leaf, paths, coders) for leaf in leaves])
            )
            before, after = (
                _context(text, doc_sentences, s.start, s.end, context)
                if doc_sentences is not None
                else ("", "")
            )
            a = s.anchor
            append(
                Quote(
                    doc,
                    name,
                    s.start,
                    s.end,
                    text[s.start : s.end],
                    codings,
                    a.speaker,
                    None if a.turn is None else a.turn + 1,
                    a.timecode,
                    doc_attrs,
                    before,
                    after,
                )
            )
    return out


def retrieve(
    session: Session,
    query: CodeQuery | str,
    filters: Filters = NO_FILTERS,
    *,
    context: int = 0,
) -> list[Quote]:
    """All quotes matching ``query`` in the documents and by the coders ``filters`` allow.

    A string is parsed with ``parse_query``. Quotes come sorted by document
    name, then position. ``context`` adds that many sentences of surrounding
    text before and after each quote (from the sentence table). An unknown
    code, attribute or coder is a ``CodebookError``.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    ctx = _Context(
        session,
        matching_documents(session, filters.where),
        coder_ids(session, filters.coders),
    )
    with gc_paused():
        return _quotes(ctx, _evaluate(ctx, parsed), context)


def quotes_of_code(
    session: Session,
    code: str | int,
    filters: Filters = NO_FILTERS,
    *,
    with_children: bool = True,
    context: int = 0,
) -> list[Quote]:
    """Shorthand for ``retrieve(session, Code(code, with_children), ...)``."""
    return retrieve(session, Code(code, with_children), filters, context=context)


def all_quotes(session: Session, filters: Filters = NO_FILTERS, *, context: int = 0) -> list[Quote]:
    """Every coding the filters allow as its own quote (for exports of all codings)."""
    ctx = _Context(
        session, matching_documents(session, filters.where), coder_ids(session, filters.coders)
    )
    with gc_paused():
        return _quotes(ctx, _fetch_leaves(ctx, None), context)


def fetch_codings(
    session: Session, code_ids: Sequence[int] | None = None, filters: Filters = NO_FILTERS
) -> list[CodingRecord]:
    """The codings of these codes (all codes: ``None``) that ``filters`` allow, with turns.

    Sorted by document id and position. For analysis over many codings: no
    text and no names, so it stays cheap on a million rows.
    """
    ctx = _Context(
        session, matching_documents(session, filters.where), coder_ids(session, filters.coders)
    )
    with gc_paused():
        found = _fetch_leaves(ctx, code_ids)
    found.sort(key=attrgetter("doc", "start", "end", "id"))
    return found


def quote_rows(quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    """Quotes as flat dicts (one per quote), the shape tables and exports want."""
    names = sorted({k for q in quotes for k in q.attributes})
    return [
        {
            "document": q.document,
            "start": q.start,
            "end": q.end,
            "code": "; ".join(q.codes),
            "coder": "; ".join(q.coders),
            "speaker": q.speaker or "",
            "turn": q.turn,
            "timecode": q.timecode,
            "text": q.text,
            "note": q.note or "",
            **{n: attribute_text(q.attributes[n]) if n in q.attributes else "" for n in names},
        }
        for q in quotes
    ]
