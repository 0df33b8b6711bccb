"""Use cases of coding: code, uncode, adjust a coding, its memo, list codings, undo and redo."""

from __future__ import annotations

from collections.abc import Sequence

from codebook.domain import CodebookError
from codebook.domain.codings import CodingView
from codebook.project.base import ProjectBase
from codebook.services.coding import (
    adjust_coding,
    apply_coding,
    codings_of_code,
    codings_of_document,
    remove_codings,
    set_note,
)
from codebook.services.workspace import coding_view


class CodingDoor(ProjectBase):
    def code(
        self,
        document: str | int,
        code: str | int,
        start: int,
        end: int,
        note: str | None = None,
    ) -> CodingView:
        """Code the passage ``start..end`` (code points, end exclusive) of a document.

        Coding a passage the acting coder already coded with that code returns
        the existing coding instead of a second one.
        """
        with self._write() as session:
            document_id = self._document_id(session, document)
            code_id = self._code_id(session, code)
            me = self._acting(session)
            coding = apply_coding(session, me, document_id, code_id, start, end, note)
            return coding_view(session, coding)

    def uncode(self, codings: Sequence[int]) -> int:
        """Remove codings by number, as one undoable action; returns how many."""
        with self._write() as session:
            return remove_codings(session, self._acting(session), codings)

    def adjust(self, coding: int, start: int, end: int) -> CodingView:
        """Move a coding's edges (one of the acting coder's own), as one undoable action."""
        with self._write() as session:
            adjust_coding(session, self._acting(session), coding, start, end)
            return coding_view(session, coding)

    def set_coding_memo(self, coding: int, text: str | None) -> None:
        """Write, change or (with an empty text) clear the memo on one coding, undoably."""
        with self._write() as session:
            set_note(session, self._acting(session), coding, text or None)

    def codings(
        self, *, document: str | int | None = None, code: str | int | None = None
    ) -> list[CodingView]:
        """The codings of one document (in text order) or of one code (by document)."""
        with self._read() as session:
            if document is not None and code is None:
                return codings_of_document(session, self._document_id(session, document))
            if code is not None and document is None:
                return codings_of_code(session, [self._code_id(session, code)])
        raise CodebookError("give either a document or a code")

    def undo(self) -> str | None:
        """Undo the acting coder's last action of any kind; its description, or None."""
        return self._step(redo=False)

    def redo(self) -> str | None:
        """Redo the action the acting coder undid last; its description, or None."""
        return self._step(redo=True)

    def _step(self, *, redo: bool) -> str | None:
        from codebook.services import undo
        from codebook.services.text_index.store import forget_removed

        with self._write() as session:
            action = (undo.redo if redo else undo.undo)(session, self._acting(session))
            forget_removed(session)
            return None if action is None else action.description
