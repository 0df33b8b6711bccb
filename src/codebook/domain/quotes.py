"""A retrieved quote: a coded range of a document's text and what is known about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from codebook.domain.transcripts import AttributeValue


@dataclass(slots=True)
class QuoteCoding:
    """One coding that makes up (part of) a quote. Read-only by convention (see ``Quote``)."""

    id: int
    code_id: int
    code: str
    coder: str
    start: int
    end: int
    note: str | None
    codebook_version: int


@dataclass(slots=True)
class Quote:
    """A retrieved segment: a range of a document's text and what is known about it.

    Treat it as read-only. It is not ``frozen`` only because a frozen dataclass
    costs about eight times as much to construct, and one retrieval builds tens
    of thousands of them; ``key`` identifies a quote (e.g. for a TUI selection).

    ``speaker``, ``turn`` (1-based turn number) and ``timecode`` (seconds) come
    from the turn that contains the start of the segment; when the segment
    starts between turns (on a speaker label), from the first turn that begins
    inside it; ``None`` when neither exists. ``attributes`` is the document's,
    shared read-only between quotes of one document. ``context_before`` and
    ``context_after`` are the text from the start of the N-th sentence before
    to the quote, and from the quote to the end of the N-th sentence after.
    """

    document_id: int
    document: str
    start: int
    end: int
    text: str
    codings: tuple[QuoteCoding, ...]
    speaker: str | None
    turn: int | None
    timecode: float | None
    attributes: Mapping[str, AttributeValue]
    context_before: str = ""
    context_after: str = ""

    @property
    def key(self) -> tuple[int, int, int, tuple[int, ...]]:
        """(document, start, end, coding ids): equal for the same retrieved segment."""
        return self.document_id, self.start, self.end, tuple(c.id for c in self.codings)

    @property
    def code(self) -> str:
        """The path of the (first) code; for a single-code query the only one."""
        return self.codings[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.code for c in self.codings))

    @property
    def coders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.coder for c in self.codings))

    @property
    def note(self) -> str | None:
        """The memos of the codings, joined; ``None`` when there is none."""
        notes = [c.note for c in self.codings if c.note]
        return "\n".join(dict.fromkeys(notes)) if notes else None
