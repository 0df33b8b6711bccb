"""Building and refreshing the text index: each document's tokens, forms and postings.

The index is derived data, not part of the undo journal: a document's row
records the digest and language its tokens were built from, and
``refresh_index`` rebuilds whatever no longer matches (an edited text, a
corrected language, a document back from an undo) and drops what belongs to
no document. So no other use case has to know the index exists, and a search
is right after any change. Arrays are stored little-endian, so a project file
moves between machines.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from codebook.db.models import Document, IndexDocument, IndexForm, IndexPosting, Turn
from codebook.domain import TurnSpan
from codebook.domain.search import IndexStats
from codebook.services.journal import allocate_ids, bulk_insert
from codebook.services.text_index.tokens import lemmas, words

Progress = Callable[[int, int], None]
_BIG_ENDIAN = sys.byteorder == "big"


def pack(values: array[int]) -> bytes:
    """uint32 values as little-endian bytes."""
    if _BIG_ENDIAN:
        values = array("I", values)
        values.byteswap()
    return values.tobytes()


def unpack(data: bytes) -> array[int]:
    """The uint32 values ``pack`` stored."""
    values: array[int] = array("I")
    values.frombytes(data)
    if _BIG_ENDIAN:
        values.byteswap()
    return values


@dataclass(frozen=True)
class Staleness:
    """What a refresh would do: documents to (re)build, index rows to drop."""

    build: list[int]
    drop: list[int]

    @property
    def fresh(self) -> bool:
        return not self.build and not self.drop


def staleness(session: Session) -> Staleness:
    """Compare each document's digest and language with its index row (two small reads)."""
    current = {
        doc: (sha, language)
        for doc, sha, language in session.execute(
            select(Document.id, Document.sha256, Document.language)
        )
    }
    indexed = {
        doc: (sha, language)
        for doc, sha, language in session.execute(
            select(IndexDocument.document_id, IndexDocument.sha256, IndexDocument.language)
        )
    }
    build = sorted(doc for doc, state in current.items() if indexed.get(doc) != state)
    drop = sorted(doc for doc in indexed if doc not in current or doc in build)
    return Staleness(build, drop)


def refresh_index(
    session: Session, progress: Progress | None = None, *, rebuild: bool = False
) -> int:
    """Make the index match the documents; returns how many documents were (re)built.

    ``rebuild`` drops the whole index first (forms too), for ``codebook index
    --rebuild`` after a change of the lemmatiser.
    """
    if rebuild:
        for table in (IndexPosting, IndexDocument, IndexForm):
            session.execute(delete(table))
    state = staleness(session)
    if state.fresh:
        return 0
    _drop(session, state.drop)
    total = len(state.build)
    if progress is not None:
        progress(0, total)
    forms = _FormTable(session)
    for done, document_id in enumerate(state.build, start=1):
        _build_document(session, document_id, forms)
        if progress is not None:
            progress(done, total)
    return total


def forget_removed(session: Session) -> None:
    """Drop the index of documents that no longer exist, and the forms no document uses.

    Undoing an import (or redoing a deletion) removes documents through the
    journal, which knows nothing of derived data; without this the project
    would keep their words, which is not "as it was". Cheap: one read of ids
    when nothing was removed. A restored document is indexed again by the
    next search, not here, so an undo never waits for spaCy.
    """
    current = set(session.scalars(select(Document.id)))
    gone = [doc for doc in session.scalars(select(IndexDocument.document_id)) if doc not in current]
    if not gone:
        return
    _drop(session, gone)
    used = select(IndexPosting.form_id).distinct()
    session.execute(delete(IndexForm).where(IndexForm.id.not_in(used)))


def index_stats(session: Session) -> IndexStats:
    """Documents indexed, words (tokens) and distinct forms."""
    documents = session.scalar(select(func.count()).select_from(IndexDocument)) or 0
    forms = session.scalar(select(func.count()).select_from(IndexForm)) or 0
    sizes = session.scalars(select(func.length(IndexDocument.forms)))
    return IndexStats(documents, sum(int(s or 0) for s in sizes) // 4, forms)


def _drop(session: Session, document_ids: list[int]) -> None:
    for chunk in _chunks(document_ids, 500):
        session.execute(delete(IndexPosting).where(IndexPosting.document_id.in_(chunk)))
        session.execute(delete(IndexDocument).where(IndexDocument.document_id.in_(chunk)))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for at in range(0, len(items), size):
        yield items[at : at + size]


class _FormTable:
    """The form ids of each language, loaded once per refresh; new forms are inserted in
    one batch per document with ids allocated together."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, dict[str, int]] = {}

    def ids(self, language: str, norms: list[str]) -> list[int]:
        known = self._ids.get(language)
        if known is None:
            rows = self._session.execute(
                select(IndexForm.norm, IndexForm.id).where(IndexForm.language == language)
            )
            known = self._ids[language] = {norm: form for norm, form in rows}
        new = sorted({norm for norm in norms if norm not in known})
        if new:
            table = IndexForm.__table__
            fresh = allocate_ids(self._session, table, len(new))  # type: ignore[arg-type]
            new_rows = [
                {"language": language, "norm": norm, "lemma": found}
                for norm, found in zip(new, lemmas(new, language), strict=True)
            ]
            bulk_insert(self._session, table, new_rows, fresh, skip_duplicates=False)  # type: ignore[arg-type]
            known.update(zip(new, fresh, strict=True))
        return [known[norm] for norm in norms]


def _build_document(session: Session, document_id: int, forms: _FormTable) -> None:
    text, sha, language = session.execute(
        select(Document.text, Document.sha256, Document.language).where(Document.id == document_id)
    ).one()
    turns = [
        TurnSpan(start, end)
        for start, end in session.execute(
            select(Turn.start, Turn.end).where(Turn.document_id == document_id).order_by(Turn.start)
        )
    ] or [TurnSpan(0, len(text))]
    found = words(text, turns, language)
    form_ids = array("I", forms.ids(language, found.norms))
    tokens: array[int] = array("I", bytes(8 * len(form_ids)))
    tokens[0::2] = found.starts
    tokens[1::2] = found.ends
    positions: dict[int, array[int]] = {}
    for at, form in enumerate(form_ids):
        held = positions.get(form)
        if held is None:
            held = positions[form] = array("I")
        held.append(at)
    session.execute(
        insert(IndexDocument),
        [
            {
                "document_id": document_id,
                "sha256": sha,
                "language": language,
                "tokens": pack(tokens),
                "forms": pack(form_ids),
            }
        ],
    )
    if positions:
        session.execute(
            insert(IndexPosting),
            [
                {"form_id": form, "document_id": document_id, "positions": pack(held)}
                for form, held in positions.items()
            ],
        )
