"""Running a search over the text index: words, prefixes, lemmas, phrases, regexes.

A word query is answered from the index tables alone: the forms that match
(by norm, prefix or lemma, looked up in ``index_form`` once per query), their
postings, and the token offsets of the documents that hold a hit; spaCy
never runs. A regular expression runs over the documents' text within their
turns. Restrictions (attributes, speaker, a code's segments, documents) are
turned into document ids and spans first, with the errors the rest of the
services give for an unknown attribute or code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from codebook.db.models import Coding, Document, IndexDocument, IndexForm, IndexPosting, Turn
from codebook.domain import CodebookError
from codebook.domain.search import MAX_QUERY_CHARS, SearchQuery, SearchResult
from codebook.services.codebook.codes import descendant_ids, resolve_code
from codebook.services.documents import resolve_document
from codebook.services.retrieval.lookups import matching_documents
from codebook.services.text_index.kwic import Span, result_of
from codebook.services.text_index.store import unpack
from codebook.services.text_index.tokens import lemma


def search(session: Session, query: SearchQuery) -> SearchResult:
    """Every hit of the query in the documents its restrictions allow, with KWIC and counts."""
    check_query(query)
    allowed = _allowed_documents(session, query)
    if query.regex:
        spans = _regex_spans(session, _compiled(query.text), allowed)
    else:
        spans = _word_spans(session, query, allowed)
    if query.speaker is not None:
        spans = _inside(spans, _speaker_turns(session, query.speaker, allowed))
    if query.code is not None:
        spans = _inside(spans, _code_segments(session, query.code, allowed))
    return result_of(session, query, spans)


def check_query(query: SearchQuery) -> None:
    """Refuse what cannot be a search, before anything is read."""
    if not query.text.strip():
        raise CodebookError("empty search: give a word, a phrase or a pattern")
    if len(query.text) > MAX_QUERY_CHARS:
        raise CodebookError(
            "search of {length} characters is too long (at most {limit})",
            length=len(query.text),
            limit=MAX_QUERY_CHARS,
        )
    if query.regex:
        _compiled(query.text)


def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise CodebookError(
            "invalid regular expression '{pattern}': {problem}", pattern=pattern, problem=str(error)
        ) from None


def _allowed_documents(session: Session, query: SearchQuery) -> set[int] | None:
    """Ids of the documents the search may look in; ``None`` for all of them."""
    allowed = matching_documents(session, dict(query.where))
    if query.documents:
        named = {resolve_document(session, ref).id for ref in query.documents}
        allowed = named if allowed is None else allowed & named
    return allowed


@dataclass(frozen=True)
class _Term:
    """One query word: its norm, and whether it ends in ``*`` (a prefix)."""

    norm: str
    prefix: bool


EDGE_PUNCTUATION = '.,;:!?"()[]“”‘’'
"""Stripped from a query word's edges, as the index holds words without punctuation."""


def _terms(text: str) -> list[_Term]:
    out = []
    for word in text.split():
        norm = word.lower().strip(EDGE_PUNCTUATION)
        if not norm:
            continue
        prefix = norm.endswith("*") and len(norm.rstrip("*")) > 0
        out.append(_Term(norm.rstrip("*") if prefix else norm, prefix))
    return out


def _like_prefix(norm: str) -> str:
    return norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _form_ids(session: Session, term: _Term, lemmas: bool, languages: Sequence[str]) -> set[int]:
    """The forms a word matches: by norm or prefix, and with ``lemmas`` every form sharing
    its lemma in each language of the project (or whose lemma is the word itself)."""
    known = IndexForm.language.in_(languages)
    if term.prefix:
        match = IndexForm.norm.like(_like_prefix(term.norm), escape="\\")
        return set(session.scalars(select(IndexForm.id).where(known, match)))
    if not lemmas:
        exact = IndexForm.norm == term.norm
        return set(session.scalars(select(IndexForm.id).where(known, exact)))
    found: set[int] = set()
    for language in languages:
        wanted = {lemma(term.norm, language), term.norm}
        rows = session.scalars(
            select(IndexForm.id).where(
                IndexForm.language == language,
                or_(IndexForm.lemma.in_(wanted), IndexForm.norm == term.norm),
            )
        )
        found.update(rows)
    return found


def _postings(session: Session, forms: set[int], allowed: set[int] | None) -> dict[int, set[int]]:
    """Token positions of the forms, per document."""
    out: dict[int, set[int]] = {}
    if not forms:
        return out
    ordered = sorted(forms)
    for at in range(0, len(ordered), 500):
        rows = session.execute(
            select(IndexPosting.document_id, IndexPosting.positions).where(
                IndexPosting.form_id.in_(ordered[at : at + 500])
            )
        )
        for document_id, packed in rows:
            if allowed is None or document_id in allowed:
                out.setdefault(document_id, set()).update(unpack(packed))
    return out


def _word_spans(session: Session, query: SearchQuery, allowed: set[int] | None) -> list[Span]:
    terms = _terms(query.text)
    if not terms:
        raise CodebookError("empty search: give a word, a phrase or a pattern")
    languages = list(session.scalars(select(IndexDocument.language).distinct()))
    per_term = [
        _postings(session, _form_ids(session, term, query.lemma, languages), allowed)
        for term in terms
    ]
    if query.phrase and len(terms) > 1:
        starts = _phrase_starts(per_term)
        width = len(terms)
    else:
        starts = {}
        for postings in per_term:
            for document_id, positions in postings.items():
                starts.setdefault(document_id, set()).update(positions)
        width = 1
    tokens = _token_offsets(session, starts)
    spans = []
    for document_id, positions in starts.items():
        offsets = tokens[document_id]
        for at in sorted(positions):
            spans.append(Span(document_id, offsets[2 * at], offsets[2 * (at + width - 1) + 1]))
    return spans


def _phrase_starts(per_term: list[dict[int, set[int]]]) -> dict[int, set[int]]:
    """Positions where the terms follow each other, token after token."""
    first, rest = per_term[0], per_term[1:]
    out: dict[int, set[int]] = {}
    for document_id, positions in first.items():
        later = [postings.get(document_id, set()) for postings in rest]
        hits = {p for p in positions if all(p + i in s for i, s in enumerate(later, start=1))}
        if hits:
            out[document_id] = hits
    return out


def _token_offsets(session: Session, documents: Iterable[int]) -> dict[int, Sequence[int]]:
    ids = sorted(documents)
    out: dict[int, Sequence[int]] = {}
    for at in range(0, len(ids), 500):
        rows = session.execute(
            select(IndexDocument.document_id, IndexDocument.tokens).where(
                IndexDocument.document_id.in_(ids[at : at + 500])
            )
        )
        out.update((document_id, unpack(packed)) for document_id, packed in rows)
    return out


def _regex_spans(
    session: Session, pattern: re.Pattern[str], allowed: set[int] | None
) -> list[Span]:
    """Non-empty matches within each document's turns (the whole text when it has none)."""
    turns: dict[int, list[tuple[int, int]]] = {}
    for document_id, start, end in session.execute(
        select(Turn.document_id, Turn.start, Turn.end).order_by(Turn.document_id, Turn.start)
    ):
        turns.setdefault(document_id, []).append((start, end))
    query = select(Document.id, Document.text)
    if allowed is not None:
        query = query.where(Document.id.in_(sorted(allowed)))
    spans: list[Span] = []
    for document_id, text in session.execute(query):
        for start, end in turns.get(document_id) or [(0, len(text))]:
            spans.extend(
                Span(document_id, m.start(), m.end())
                for m in pattern.finditer(text, start, end)
                if m.end() > m.start()
            )
    return spans


def _speaker_turns(
    session: Session, speaker: str, allowed: set[int] | None
) -> dict[int, list[tuple[int, int]]]:
    wanted = speaker.strip().casefold()
    rows = session.execute(select(Turn.document_id, Turn.start, Turn.end, Turn.speaker))
    out: dict[int, list[tuple[int, int]]] = {}
    known: set[str] = set()
    for document_id, start, end, name in rows:
        if name is None:
            continue
        known.add(name)
        if name.casefold() == wanted and (allowed is None or document_id in allowed):
            out.setdefault(document_id, []).append((start, end))
    if not any(name.casefold() == wanted for name in known):
        raise CodebookError(
            "unknown speaker '{speaker}' (speakers: {speakers})",
            speaker=speaker,
            speakers=", ".join(sorted(known, key=str.casefold)) or "-",
        )
    return out


def _code_segments(
    session: Session, code: str, allowed: set[int] | None
) -> dict[int, list[tuple[int, int]]]:
    """The segments coded with the code or one of its children, by any coder."""
    codes = descendant_ids(session, resolve_code(session, code).id)
    out: dict[int, list[tuple[int, int]]] = {}
    rows = session.execute(
        select(Coding.document_id, Coding.start, Coding.end).where(Coding.code_id.in_(codes))
    )
    for document_id, start, end in rows:
        if allowed is None or document_id in allowed:
            out.setdefault(document_id, []).append((start, end))
    return out


def _inside(spans: list[Span], regions: dict[int, list[tuple[int, int]]]) -> list[Span]:
    return [
        span
        for span in spans
        if any(
            start <= span.start and span.end <= end
            for start, end in regions.get(span.document_id, ())
        )
    ]
