"""Use cases of the review queue: codings made under an earlier definition of their code.

Keep and recode are each one write transaction and one undoable action of
the acting coder; remove is ``uncode``. Undo is the ordinary ``undo``.
"""

from __future__ import annotations

from collections.abc import Sequence

from codebook.domain.review import ReviewedCount, ReviewQueue
from codebook.project.base import ProjectBase


class ReviewDoor(ProjectBase):
    def review_queue(self, *, code: str | int | None = None) -> ReviewQueue:
        """The codings awaiting review (of one code when given), with the definition then
        and now and how many await per code."""
        from codebook.services.review import review_queue

        with self._read() as session:
            codes = None if code is None else [self._code_id(session, code)]
            return review_queue(session, codes)

    def review_counts(self) -> dict[int, int]:
        """How many codings await review, by code id; cheap enough for every screen refresh."""
        from codebook.services.review import awaiting_counts

        with self._read() as session:
            return awaiting_counts(session)

    def reviewed_counts(self) -> dict[int, ReviewedCount]:
        """By code id, how many codings were kept from the queue since the code last changed."""
        from codebook.services.review import reviewed_counts

        with self._read() as session:
            return reviewed_counts(session)

    def keep_codings(self, codings: Sequence[int]) -> int:
        """Keep codings awaiting review as they are (re-stamped with the current version)."""
        from codebook.services.review import keep_codings

        with self._write() as session:
            return keep_codings(session, self._acting(session), codings)

    def recode_codings(self, codings: Sequence[int], code: str | int) -> int:
        """Move codings awaiting review to another code (re-stamped with the current version)."""
        from codebook.services.review import recode_codings

        with self._write() as session:
            return recode_codings(session, self._acting(session), codings, code)
