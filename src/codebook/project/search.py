"""Use cases of the text index: search, its statistics, and coding search hits in bulk.

A search first makes the index match the documents (a write transaction
only when something is stale, so an unchanged project is searched with one
read), then runs the query in a read transaction. Bulk coding is one write
transaction and one undoable action of the acting coder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Coder
from codebook.domain.search import (
    BulkPreview,
    BulkScope,
    IndexStats,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from codebook.project.base import ProjectBase

Progress = Callable[[int, int], None]
HitRef = SearchHit | tuple[str | int, int, int]
"""A hit to code: a search hit, or (document name or id, start, end)."""


class SearchDoor(ProjectBase):
    def search(self, query: SearchQuery, progress: Progress | None = None) -> SearchResult:
        """Every hit of the query, with keyword-in-context lines and counts; an index that
        lags behind the documents is brought up to date first (``progress(done, total)``)."""
        from codebook.services.text_index.search import check_query, search
        from codebook.services.text_index.store import staleness

        check_query(query)
        with self._read() as session:
            if staleness(session).fresh:
                return search(session, query)
        self.refresh_index(progress)
        with self._read() as session:
            return search(session, query)

    def refresh_index(self, progress: Progress | None = None, rebuild: bool = False) -> int:
        """Build the index of documents it lacks or that changed; returns how many were
        built. ``rebuild`` builds it all again."""
        from codebook.services.text_index.store import refresh_index, staleness

        if not rebuild:
            with self._read() as session:
                if staleness(session).fresh:
                    return 0
        with self._write() as session:
            return refresh_index(session, progress, rebuild=rebuild)

    def index_stats(self) -> IndexStats:
        """Documents, words and distinct word forms in the index."""
        from codebook.services.text_index.store import index_stats

        with self._read() as session:
            return index_stats(session)

    def preview_bulk_code(
        self, hits: Sequence[HitRef], code: str | int, scope: BulkScope
    ) -> BulkPreview:
        """What coding the hits with the code at that scope would make; writes nothing."""
        from codebook.services.text_index.bulk import preview_bulk

        with self._read() as session:
            spans = self._hit_spans(session, hits)
            coder = self._coder_id_if_known(session)
            return preview_bulk(session, coder, spans, self._code_id(session, code), scope)

    def bulk_code(self, hits: Sequence[HitRef], code: str | int, scope: BulkScope) -> int:
        """Code the hits as the acting coder, as one undoable action; returns the codings made."""
        from codebook.services.text_index.bulk import apply_bulk

        with self._write() as session:
            spans = self._hit_spans(session, hits)
            code_id = self._code_id(session, code)
            return apply_bulk(session, self._acting(session), spans, code_id, scope)

    def _hit_spans(self, session: Session, hits: Sequence[HitRef]) -> list[tuple[int, int, int]]:
        ids: dict[str | int, int] = {}
        out = []
        for hit in hits:
            ref, start, end = (
                (hit.document, hit.start, hit.end) if isinstance(hit, SearchHit) else hit
            )
            if ref not in ids:
                ids[ref] = self._document_id(session, ref)
            out.append((ids[ref], start, end))
        return out

    def _coder_id_if_known(self, session: Session) -> int | None:
        """The acting coder's id without registering a new name (a preview writes nothing)."""
        if self._coder_id is not None:
            return self._coder_id
        if self._coder is None:
            return None
        return session.scalar(select(Coder.id).where(Coder.name == self._coder))
