"""Correcting a coded transcript as values: what a text edit would change, and what it did.

The text of a document is changed only through a plan: the codings whose
passage would read differently and the codings that would vanish are listed
before anything changes, so the analyst confirms exactly what happens to
everyone's coding work. The plan also carries everything the edit writes
(the new text, turns, sentences and where each coding goes), so applying it is
a check that nothing moved since, followed by plain row updates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from codebook.domain.transcripts import TurnSpan


class CodingMove(NamedTuple):
    """Where one coding of the document goes: ``new_start``/``new_end`` None when it vanishes.

    ``merged_into`` names the coding it becomes one with: the same code and
    coder ending up on the same passage, which the project holds once.
    """

    id: int
    code_id: int
    coder_id: int
    old_start: int
    old_end: int
    new_start: int | None
    new_end: int | None
    merged_into: int | None = None


@dataclass(frozen=True)
class CodingChange:
    """A coding whose passage reads differently after the edit, or that vanishes.

    ``new_start``, ``new_end`` and ``new_text`` are None for a coding that
    vanishes: its characters are all deleted, or it merges into ``merged_into``.
    """

    id: int
    code: str
    coder: str
    old_start: int
    old_end: int
    old_text: str
    new_start: int | None = None
    new_end: int | None = None
    new_text: str | None = None
    merged_into: int | None = None


@dataclass(frozen=True)
class SourceFile:
    """The corrected file a replacement reads: the document's format and encoding from now on."""

    path: str
    source_format: str
    encoding: str | None


@dataclass(frozen=True)
class TextEditPlan:
    """What replacing a document's text (or one turn's) will do, and all it will write.

    ``old_turns`` and the old places in ``moves`` are the document as planned:
    applying checks it is still so.

    ``changed`` and ``vanished`` are the codings that need the analyst's
    confirmation; ``unchanged`` counts the codings whose passage reads the same
    (moved or not). ``kept_share`` is the share of characters the old and new
    text have in common, over the longer of the two. ``turns_restructured``
    says the turns follow the new file because its speaker labels differ in
    number or place (``turns_added``/``turns_removed``); otherwise every turn
    keeps its speaker and timecodes, except where the file corrects a label
    (``speakers_relabelled``). ``coarse`` marks a comparison that ran out of
    time, whose changed stretches may be wider than the real edits.
    """

    document_id: int
    document: str
    description: str
    old_sha256: str
    new_sha256: str
    new_text: str
    source: SourceFile | None
    old_turns: tuple[TurnSpan, ...]
    turns: tuple[TurnSpan, ...]
    sentences: tuple[tuple[int, int], ...]
    moves: tuple[CodingMove, ...]
    changed: tuple[CodingChange, ...]
    vanished: tuple[CodingChange, ...]
    unchanged: int
    kept_share: float
    inserted: int
    deleted: int
    turns_restructured: bool = False
    turns_added: int = 0
    turns_removed: int = 0
    speakers_relabelled: int = 0
    turns_resplit: int = 0
    coarse: bool = False

    @property
    def needs_confirmation(self) -> bool:
        """A coding of anyone's would read differently or vanish."""
        return bool(self.changed or self.vanished)

    @property
    def changes_text(self) -> bool:
        return self.new_sha256 != self.old_sha256


@dataclass(frozen=True)
class TextEditResult:
    """What an applied text edit did, for the face to report (one undoable action)."""

    document_id: int
    document: str
    description: str
    changed: int
    vanished: int
    unchanged: int
    turns: int
    sentences: int
