"""Use cases of a document's language: correcting what the import guessed."""

from __future__ import annotations

from codebook.domain.languages import LanguageChange
from codebook.project.base import ProjectBase
from codebook.services.document_language import set_document_language


class LanguageDoor(ProjectBase):
    def set_document_language(self, document: str | int, language: str) -> LanguageChange:
        """Set the document's language and split its sentences again, as one undoable action.

        The text does not change, so every coding keeps its place.
        """
        with self._write() as session:
            found = self._document(session, document)
            return set_document_language(session, self._acting(session), found, language)
