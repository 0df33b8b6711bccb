"""Document texts kept by their SHA-256, for the few documents being coded.

Coding a passage needs the document's length (to check the offsets) and the
coded text (to show it back). Asked of the database, each makes SQLite (or
PostgreSQL, detoasting) read the whole text: for a million-word transcript
that is 6 MB read three times per key press, most of a frame. A stored text
never changes under its hash (a corrected transcript gets a new one, and undo
restores both), so a text read once is kept under its hash, and each later
use costs a 64-character read. Only a few texts are kept, the most recently
used, so a session over many documents holds no more than a handful.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import Document

KEPT = 4
"""Texts kept: the document on screen, and the ones a coder just left."""

_texts: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()  # the TUI reads from worker threads and the UI thread


def document_texts(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The texts of the documents ``ids`` that exist, by id; unknown ids are left out."""
    wanted = set(ids)
    if not wanted:
        return {}
    digests = dict(
        session.execute(select(Document.id, Document.sha256).where(Document.id.in_(wanted))).all()
    )
    out: dict[int, str] = {}
    with _lock:
        for doc_id, digest in digests.items():
            text = _texts.get(digest)
            if text is not None:
                _texts.move_to_end(digest)
                out[doc_id] = text
    missing = [doc_id for doc_id in digests if doc_id not in out]
    if missing:
        rows = session.execute(
            select(Document.id, Document.sha256, Document.text).where(Document.id.in_(missing))
        )
        with _lock:
            for doc_id, digest, text in rows:
                out[doc_id] = text
                _texts[digest] = text
                _texts.move_to_end(digest)
            while len(_texts) > KEPT:
                _texts.popitem(last=False)
    return out


_lengths: dict[str, int] = {}  # a few bytes per document ever coded: all are kept


def document_lengths(session: Session, ids: Iterable[int]) -> dict[int, int]:
    """The lengths (code points) of the documents ``ids`` that exist, by id.

    Counted once per text, by the database (a bulk import of many documents
    should not pull every text into memory to count it).
    """
    wanted = set(ids)
    if not wanted:
        return {}
    digests = dict(
        session.execute(select(Document.id, Document.sha256).where(Document.id.in_(wanted))).all()
    )
    with _lock:
        out = {d: _lengths[h] for d, h in digests.items() if h in _lengths}
    missing = [doc_id for doc_id in digests if doc_id not in out]
    if missing:
        rows = session.execute(
            select(Document.id, Document.sha256, func.length(Document.text)).where(
                Document.id.in_(missing)
            )
        )
        with _lock:
            for doc_id, digest, length in rows:
                out[doc_id] = _lengths[digest] = length
    return out
