"""Use cases of a document's speakers: count them, and correct what the import guessed."""

from __future__ import annotations

from collections.abc import Sequence

from codebook.domain.speakers import DocumentSpeakers, Resplit, SpeakerEdit
from codebook.project.base import ProjectBase
from codebook.services import speaker_edits


class SpeakerDoor(ProjectBase):
    def speakers(self, document: str | int) -> DocumentSpeakers:
        """The document's speakers with their turns and words, and text without a speaker."""
        with self._read() as session:
            return speaker_edits.speaker_counts(session, self._document(session, document))

    def rename_speakers(
        self, document: str | int, renames: Sequence[tuple[str, str]]
    ) -> SpeakerEdit:
        """Rename speakers (``(old, new)`` in order) as one undoable action; cases follow."""
        with self._write() as session:
            found = self._document(session, document)
            return speaker_edits.rename_speakers(session, self._acting(session), found, renames)

    def merge_speakers(
        self, document: str | int, speakers: Sequence[str], into: str
    ) -> SpeakerEdit:
        """Give the turns of ``speakers`` to ``into``, as one undoable action; cases follow."""
        with self._write() as session:
            found = self._document(session, document)
            me = self._acting(session)
            return speaker_edits.merge_speakers(session, me, found, speakers, into)

    def resplit_speakers(self, document: str | int, labels: Sequence[str]) -> Resplit:
        """Find the document's turns again with ``labels`` accepted, as one undoable action.

        The text does not change, so every coding keeps its place; sentences
        are split again within the new turns.
        """
        with self._write() as session:
            found = self._document(session, document)
            return speaker_edits.resplit_turns(session, self._acting(session), found, labels)
