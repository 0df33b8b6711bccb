"""Use cases of correcting a coded transcript: plan a new text (a file, one turn), apply it.

Planning reads; only ``apply_text_edit`` writes, as one undoable action, and
only if the document is still as the plan saw it. A face shows the plan (the
codings whose passage reads differently, those that vanish) and asks before
applying when ``plan.needs_confirmation``.
"""

from __future__ import annotations

from pathlib import Path

from codebook.domain.documents import ImportRequest
from codebook.domain.text_edits import TextEditPlan, TextEditResult
from codebook.project.base import ProjectBase


class TextEditDoor(ProjectBase):
    def plan_replacement(
        self,
        document: str | int,
        path: Path,
        *,
        force: bool = False,
        request: ImportRequest | None = None,
    ) -> TextEditPlan:
        """What replacing a document's text by a corrected transcript file would change.

        The file is read as an import reads it, with the request's speaker
        aliases, pseudonyms and size limit (its other fields do not apply: the
        document keeps its attributes and cases). ``force`` accepts a file that
        looks like another one: little text in common, another encoding, or a
        comparison that took too long to be reliable.
        """
        from codebook.services.importing import read_transcript
        from codebook.services.importing.pseudonymise import load_pseudonyms
        from codebook.services.importing.sidecar import parse_speaker_flag
        from codebook.services.text_edits import plan as planning

        how = request or ImportRequest()
        parsed = read_transcript(
            path,
            speaker_aliases=dict(parse_speaker_flag(flag) for flag in how.speakers),
            pseudonyms=load_pseudonyms(how.pseudonyms) if how.pseudonyms else None,
            max_bytes=int(how.max_mb * 1024 * 1024),
        )
        with self._read() as session:
            found = self._document(session, document)
            return planning.plan_replacement(session, found, parsed, path, force=force)

    def plan_turn_edit(
        self, document: str | int, turn_position: int, new_text: str
    ) -> TextEditPlan:
        """What rewriting one turn's text (0-based position, label not included) would change."""
        from codebook.services.text_edits import plan as planning

        with self._read() as session:
            found = self._document(session, document)
            return planning.plan_turn_edit(session, found, turn_position, new_text)

    def apply_text_edit(self, plan: TextEditPlan) -> TextEditResult:
        """Make a planned text edit as one undoable action of the acting coder.

        Refused when the document's text or codings changed since the plan.
        """
        from codebook.services.text_edits import apply as applying

        with self._write() as session:
            return applying.apply_text_edit(session, self._acting(session), plan)
