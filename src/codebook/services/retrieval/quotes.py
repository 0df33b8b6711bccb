"""Quotes: the segments a code query matches, with their text, codes, speaker and context.

Every result is a ``Quote``: a range of one document's text with the codings
that make it up, the speaker and position where it starts, the document's
attributes and, on demand, a few sentences of context.

Texts are read once per document and sliced in Python, codes, coders and
attributes once per retrieval, and nothing is loaded for documents the
filters exclude: a retrieval of tens of thousands of quotes stays fast
enough to run as the analyst types.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Coder, Document
from codebook.domain import AttributeValue
from codebook.domain.queries import NO_FILTERS, Code, CodeQuery, Filters, parse_query
from codebook.domain.quotes import Quote, QuoteCoding
from codebook.gc_pause import gc_paused
from codebook.services.retrieval.evaluation import (
    CodingRecord,
    Context,
    SentenceBounds,
    Span,
    by_document,
    evaluate_counted,
    fetch_leaves,
)
from codebook.services.retrieval.lookups import attributes_by_document


def _texts(session: Session, docs: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Name and full text of each document, read once: slicing in Python beats one
    ``substr`` per coding, which makes the database read the whole text every time."""
    ids = sorted(set(docs))
    rows = session.connection().execute(
        select(Document.id, Document.name, Document.text).where(Document.id.in_(ids))
    )
    return {i: (name, text) for i, name, text in rows}


def _context(text: str, sentences: SentenceBounds, start: int, end: int, n: int) -> tuple[str, str]:
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


def _quotes(ctx: Context, segs: Sequence[Span], context: int) -> list[Quote]:
    by_doc = by_document(segs)
    texts = _texts(ctx.session, by_doc)
    paths = ctx.tree.paths()
    coders = {k: v for k, v in ctx.session.connection().execute(select(Coder.id, Coder.name))}
    attrs = attributes_by_document(ctx.session)
    empty: Mapping[str, AttributeValue] = MappingProxyType({})
    sentences = ctx.sentences(by_doc) if context > 0 else {}
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

    Coders count as the filters say (``Filters``): by default a passage
    coded alike by two coders is one quote carrying both codings, and a
    boolean query combines one coder's codings at a time.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    ctx = Context.for_filters(session, filters)
    with gc_paused():
        found = evaluate_counted(ctx, parsed, across_coders=filters.across_coders)
        return _quotes(ctx, found, context)


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
    """Every coding the filters allow as its own quote, whoever made it (for exports of
    all codings, which name each coding's coder)."""
    ctx = Context.for_filters(session, filters, counting=False)
    with gc_paused():
        return _quotes(ctx, fetch_leaves(ctx, None), context)
