"""Documents as listed, opened for coding, and as an import reports them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codebook.domain.codings import CodingView
from codebook.domain.transcripts import AttributeValue, TurnSpan


@dataclass(frozen=True)
class DocumentData:
    """One document with what coding it needs: text, turns, sentences, codings."""

    id: int
    name: str
    text: str
    turns: tuple[TurnSpan, ...]
    sentences: tuple[tuple[int, int], ...]
    codings: tuple[CodingView, ...]


@dataclass(frozen=True)
class DocumentRow:
    id: int
    name: str
    source_format: str
    words: int
    turns: int
    coded_turns: int
    codings: int
    attributes: dict[str, AttributeValue]

    @property
    def progress(self) -> float:
        """Share of turns that hold at least one coding (0..1)."""
        return self.coded_turns / self.turns if self.turns else 0.0


@dataclass
class ImportOutcome:
    path: Path
    status: str  # "imported", "duplicate" or "failed"
    detail: str = ""
    document_id: int | None = None
    encoding: str | None = None
    turns: int = 0
    words: int = 0
    cases: tuple[str, ...] = ()
