"""Evaluating a code query: each code's codings, combined by AND, OR, NOT and NEAR.

The result is a list of segments, each a range of one document with the
codings that make it up; ``quotes`` turns them into ``Quote`` values, and
analysis takes the codings themselves from ``fetch_codings``. What range a
segment covers depends on the operator (see ``codebook.domain.queries``).

Speed matters because the TUI retrieves as the analyst types: codings come
from one indexed query per code (with the turn their start lies in found by
an index seek in the same query), and the set operations sweep each
document's sorted segments once instead of comparing every pair.

Coders count as ``retrieval.coders`` plans: by default overlapping codings of
one code by different coders are one segment (``merge_coders``), and a
boolean query is evaluated for one coder at a time (``evaluate_counted``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Coding, Turn
from codebook.domain import CodebookError
from codebook.domain.code_tree import CodeTree
from codebook.domain.queries import NO_FILTERS, Code, CodeQuery, Filters, Near, Not, Or
from codebook.gc_pause import gc_paused
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.documents import sentence_bounds
from codebook.services.retrieval.coders import CoderPlan, plan_counting
from codebook.services.retrieval.lookups import coder_ids, matching_documents

SentenceBounds = tuple[list[int], list[int]]


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


class Segment(NamedTuple):
    """A combined segment; ``anchor`` is the coding whose start begins it (speaker, turn)."""

    doc: int
    start: int
    end: int
    leaves: tuple[CodingRecord, ...]
    anchor: CodingRecord


Span = CodingRecord | Segment


@dataclass
class Context:
    """What one retrieval reads at most once and all its steps share.

    ``documents`` and ``coders`` are the filters as ids (``None``: no filter).
    ``union``: a code's overlapping codings by different coders are one
    segment. The code tree (for paths and "with children") and each
    document's sentences (for NEAR and context) are read when a step first
    needs them.
    """

    session: Session
    documents: set[int] | None
    coders: list[int] | None
    union: bool = False
    plan: CoderPlan | None = None
    _sentences: dict[int, SentenceBounds] = field(default_factory=dict, init=False)

    @classmethod
    def for_filters(cls, session: Session, filters: Filters, *, counting: bool = True) -> Context:
        """Filters checked and turned into ids; an unknown attribute or coder is an error.

        With ``counting`` the coders count as ``plan_counting`` says (the
        reference coder only, or one segment per passage and code);
        without, every coding the coder filter allows is its own segment.
        """
        documents = matching_documents(session, filters.where)
        if not counting:
            return cls(session, documents, coder_ids(session, filters.coders))
        plan = plan_counting(session, filters)
        return cls(session, documents, plan.fetch, plan.union, plan)

    def for_coder(self, coder: int) -> Context:
        """The same retrieval for one coder, sharing what was read already."""
        one = replace(self, coders=[coder])
        one._sentences = self._sentences
        if "tree" in self.__dict__:
            one.__dict__["tree"] = self.tree
        return one

    @cached_property
    def tree(self) -> CodeTree:
        """Every code, retired ones too: their codings are still retrieved."""
        return load_code_tree(self.session, include_retired=True)

    def sentences(self, docs: Iterable[int]) -> dict[int, SentenceBounds]:
        """Sentence starts and ends per document, read once per retrieval."""
        missing = set(docs) - self._sentences.keys()
        if missing:
            self._sentences.update({doc: ([], []) for doc in missing})
            self._sentences.update(sentence_bounds(self.session, missing))
        return self._sentences


def fetch_leaves(ctx: Context, code_ids: Sequence[int] | None) -> list[CodingRecord]:
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


def _code_ids(ctx: Context, leaf: Code) -> list[int]:
    if isinstance(leaf.ref, int):
        code_id = leaf.ref
        if code_id not in ctx.tree:
            raise CodebookError("unknown code {ref}", ref=code_id)
    else:
        code_id = resolve_code(ctx.session, leaf.ref).id
    return ctx.tree.descendants(code_id) if leaf.with_children else [code_id]


_POSITION = attrgetter("start", "end")


def by_document(segs: Iterable[Span]) -> dict[int, list[Span]]:
    """Segments per document, each list in text order."""
    out: dict[int, list[Span]] = {}
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
    xs: Sequence[Span],
    ys: Sequence[Span],
    xspan: Callable[[Span], tuple[int, int]],
    yspan: Callable[[Span], tuple[int, int]],
) -> Iterator[tuple[Span, Span]]:
    """Every (x, y) whose half-open spans overlap, by one sweep over both sorted lists."""
    xs_sorted = sorted(((xspan(x), x) for x in xs), key=lambda t: t[0][0])
    ys_sorted = sorted(((yspan(y), y) for y in ys), key=lambda t: t[0][0])
    active: list[tuple[tuple[int, int], Span]] = []
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


def _chars(s: Span) -> tuple[int, int]:
    return s.start, s.end


def _merge(segs: Iterable[Span]) -> list[Span]:
    """Segments with equal ranges become one, carrying all their codings once."""
    out: dict[tuple[int, int, int], Span] = {}
    for s in segs:
        key = (s.doc, s.start, s.end)
        found = out.get(key)
        if found is None:
            out[key] = s
        else:
            leaves = tuple({leaf.id: leaf for leaf in (*found.leaves, *s.leaves)}.values())
            out[key] = Segment(s.doc, s.start, s.end, leaves, found.anchor)
    return list(out.values())


def _near(
    ctx: Context, query: Near, left: dict[int, list[Span]], right: dict[int, list[Span]]
) -> list[Span]:
    if query.sentences < 0:
        raise CodebookError("NEAR needs a distance of 0 or more sentences")
    docs = left.keys() & right.keys()
    sentences = ctx.sentences(docs)
    n = query.sentences
    out: list[Span] = []
    for doc in docs:
        starts = sentences[doc][0]

        def span(s: Span, widen: int, starts: list[int] = starts) -> tuple[int, int]:
            """Sentence indexes the segment touches, widened by ``widen`` on each side."""
            first = bisect.bisect_right(starts, s.start) - 1
            last = bisect.bisect_right(starts, s.end - 1) - 1
            return first - widen, last + widen + 1

        for a, b in _pairs(left[doc], right[doc], lambda s: span(s, n), lambda s: span(s, 0)):
            start, end = min(a.start, b.start), max(a.end, b.end)
            anchor = a.anchor if a.start <= b.start else b.anchor
            out.append(Segment(doc, start, end, (*a.leaves, *b.leaves), anchor))
    return _merge(out)


def _root(parent: list[int], i: int) -> int:
    """The representative of ``i``'s cluster (union-find, halving the path as it goes)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_coders(items: Iterable[tuple[int, Span]]) -> list[Span]:
    """(coder, segment) pairs with overlapping segments of different coders made one.

    The merged segment spans them all and carries all their codings; its
    anchor is the earliest one's. Overlap links transitively (anna's A over
    bram's A over anna's next A is one passage); segments of one coder alone
    stay apart, as that coder made them.
    """
    per_doc: dict[int, list[tuple[int, Span]]] = {}
    for item in items:
        per_doc.setdefault(item[1].doc, []).append(item)
    out: list[Span] = []
    for doc, found in per_doc.items():
        found.sort(key=lambda item: (item[1].start, item[1].end))
        parent = list(range(len(found)))
        active: list[int] = []
        for i, (coder, seg) in enumerate(found):
            active = [k for k in active if found[k][1].end > seg.start]
            for k in active:
                if found[k][0] != coder:
                    parent[_root(parent, k)] = _root(parent, i)
            active.append(i)
        clusters: dict[int, list[Span]] = {}
        for i, (_, seg) in enumerate(found):
            clusters.setdefault(_root(parent, i), []).append(seg)
        for members in clusters.values():
            if len(members) == 1:
                out.append(members[0])
                continue
            leaves = {leaf.id: leaf for m in members for leaf in m.leaves}
            out.append(
                Segment(
                    doc,
                    members[0].start,
                    max(m.end for m in members),
                    tuple(leaves.values()),
                    members[0].anchor,
                )
            )
    return out


def evaluate(ctx: Context, query: CodeQuery) -> list[Span]:
    """The segments ``query`` matches, in no particular order."""
    if isinstance(query, Code):
        leaves = fetch_leaves(ctx, _code_ids(ctx, query))
        if ctx.union:
            return merge_coders((leaf.coder_id, leaf) for leaf in leaves)
        return list(leaves)
    if isinstance(query, Or):
        return _merge([*evaluate(ctx, query.left), *evaluate(ctx, query.right)])
    if isinstance(query, Not):
        keep = by_document(evaluate(ctx, query.include))
        drop = by_document(evaluate(ctx, query.exclude))
        hit = {
            id(a)
            for doc in keep.keys() & drop.keys()
            for a, _ in _pairs(keep[doc], drop[doc], _chars, _chars)
        }
        return [s for segs in keep.values() for s in segs if id(s) not in hit]
    left = by_document(evaluate(ctx, query.left))
    right = by_document(evaluate(ctx, query.right))
    if isinstance(query, Near):
        return _near(ctx, query, left, right)
    out: list[Span] = []
    for doc in left.keys() & right.keys():
        for a, b in _pairs(left[doc], right[doc], _chars, _chars):
            start, end = max(a.start, b.start), min(a.end, b.end)
            anchor = a.anchor if a.start >= b.start else b.anchor
            out.append(Segment(doc, start, end, (*a.leaves, *b.leaves), anchor))
    return _merge(out)


def evaluate_counted(ctx: Context, query: CodeQuery, *, across_coders: bool = False) -> list[Span]:
    """``query`` evaluated for one coder at a time, so anna's A never meets bram's B.

    Each coder's matches are then merged as codings are (``merge_coders``)
    when coders are counted as a union, or kept apart when they are summed.
    ``across_coders`` combines everyone's codings in one evaluation.
    """
    one_coder = ctx.coders is not None and len(set(ctx.coders)) <= 1
    if isinstance(query, Code) or across_coders or one_coder:
        return evaluate(ctx, query)
    coders = (
        ctx.coders
        if ctx.coders is not None
        else list(ctx.session.scalars(select(Coding.coder_id).distinct()))
    )
    found = [(c, seg) for c in sorted(set(coders)) for seg in evaluate(ctx.for_coder(c), query)]
    return merge_coders(found) if ctx.union else [seg for _, seg in found]


def fetch_codings(
    session: Session,
    code_ids: Sequence[int] | None = None,
    filters: Filters = NO_FILTERS,
    plan: CoderPlan | None = None,
) -> list[CodingRecord]:
    """The codings of these codes (all codes: ``None``) that ``filters`` allow, with turns.

    Sorted by document id and position. For analysis over many codings: no
    text and no names, so it stays cheap on a million rows. With a ``plan``
    only the coders it counts are read, and under a union a code's
    overlapping codings by different coders come as one record spanning them
    (with the id, coder and turn of the earliest).
    """
    if plan is None:
        ctx = Context.for_filters(session, filters, counting=False)
    else:
        documents = matching_documents(session, filters.where)
        ctx = Context(session, documents, plan.fetch, plan.union, plan)
    with gc_paused():
        found = fetch_leaves(ctx, code_ids)
        if ctx.union:
            per_code: dict[int, list[tuple[int, Span]]] = {}
            for leaf in found:
                per_code.setdefault(leaf.code_id, []).append((leaf.coder_id, leaf))
            found = [
                seg.anchor._replace(start=seg.start, end=seg.end)
                for items in per_code.values()
                for seg in merge_coders(items)
            ]
    found.sort(key=attrgetter("doc", "start", "end", "id"))
    return found
