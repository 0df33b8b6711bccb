"""Use cases of cases: a participant or a school linked to documents or to one speaker."""

from __future__ import annotations

from collections.abc import Sequence

from codebook.domain.cases import CaseChange, CaseRow
from codebook.project.base import ProjectBase
from codebook.services import cases


class CaseDoor(ProjectBase):
    def link_case(self, case: str, document: str | int, speaker: str | None = None) -> CaseChange:
        """Link a case (created when new) to a document, or to one speaker in it.

        ``changed`` is False when that link already existed.
        """
        with self._write() as session:
            found = self._document(session, document)
            linked = cases.link_case(session, self._acting(session), case, found.id, speaker)
            return CaseChange(linked, cases.clean_case_name(case), found.name, speaker)

    def unlink_case(self, case: str, document: str | int, speaker: str | None = None) -> CaseChange:
        """Remove a link; ``changed`` is True when the case, left without links, was removed."""
        with self._write() as session:
            found = self._document(session, document)
            emptied = cases.unlink_case(session, self._acting(session), case, found.id, speaker)
            return CaseChange(emptied, cases.clean_case_name(case), found.name, speaker)

    def cases(self) -> list[CaseRow]:
        """Every case with the documents and speakers it is linked to."""
        with self._read() as session:
            return cases.list_cases(session)

    def link_speakers(self, documents: Sequence[str | int]) -> list[tuple[str, list[str]]]:
        """Make each participant speaker of the documents a case for their own turns.

        One undoable action per document; per document, its name and the speakers linked.
        """
        with self._write() as session:
            me = self._acting(session)
            found = [self._document(session, ref) for ref in documents]
            return [(doc.name, cases.link_speakers_as_cases(session, me, doc.id)) for doc in found]
