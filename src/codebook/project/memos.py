"""Use cases of analytic memos on the project, a document or a code."""

from __future__ import annotations

from codebook.domain.memos import MemoTarget, MemoView
from codebook.project.base import ProjectBase
from codebook.services import memos


class MemoDoor(ProjectBase):
    def memo_target(
        self, *, code: str | None = None, document: str | None = None, project: bool = False
    ) -> MemoTarget | None:
        """What a memo is on, from a code or document as typed, or the project; None: none given."""
        with self._read() as session:
            return memos.resolve_target(session, code=code, document=document, project=project)

    def memos(
        self, target: MemoTarget | None = None, *, coder: str | None = None
    ) -> list[MemoView]:
        """Memos (all, or on one target, or by one coder), the project's first."""
        with self._read() as session:
            return memos.list_memos(session, target, coder=coder)

    def code_memos(self) -> dict[int, list[MemoView]]:
        """The memos on each code, by code id (retired codes too)."""
        with self._read() as session:
            return memos.code_memos(session)

    def add_memo(self, target: MemoTarget, text: str, title: str = "") -> int:
        """Write a memo; returns its number.

        The target is looked up again in the writing transaction: a document
        removed meanwhile (another coder undid its import while this memo was
        being written) is refused instead of getting a memo on nothing.
        """
        with self._write() as session:
            if target.kind == "code" and target.id is not None:
                target = memos.code_target(session, target.id)
            elif target.kind == "document" and target.id is not None:
                target = memos.document_target(session, target.id)
            return memos.add_memo(session, self._acting(session), target, text, title)

    def edit_memo(self, memo: int, *, text: str | None = None, title: str | None = None) -> bool:
        """Change one of the acting coder's memos; False when nothing changed."""
        with self._write() as session:
            me = self._acting(session)
            return memos.edit_memo(session, me, memo, text=text, title=title)

    def delete_memo(self, memo: int) -> MemoView:
        """Delete one of the acting coder's memos (undo brings it back); the memo as it was."""
        with self._write() as session:
            return memos.delete_memo(session, self._acting(session), memo)
