"""Documents as listed, opened for coding, and as an import reports them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codebook.domain.codings import CodingView
from codebook.domain.errors import CodebookError
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
    """One file of an import; ``problem`` says why it was skipped or failed.

    The problem is kept as the error itself rather than its English line, so a
    face can show it in the reader's language with ``detail_text``.
    """

    path: Path
    status: str  # "imported", "duplicate", "failed" or "interrupted" (Ctrl-C came first)
    problem: CodebookError | None = None
    document_id: int | None = None
    encoding: str | None = None
    turns: int = 0
    words: int = 0
    cases: tuple[str, ...] = ()
    #: Distinct speakers found; 0 for a file read as one turn without a speaker.
    speakers: int = 0
    #: What the import repaired or could not decide, one line each (see ParsedTranscript).
    warnings: tuple[str, ...] = ()
    #: The language the sentences were split in: given, detected, or the project's.
    language: str | None = None
    #: True when ``language`` is the project's because the text was too short or unclear.
    language_defaulted: bool = False

    @property
    def detail(self) -> str:
        """The problem in English, as logs and scripts read it."""
        return "" if self.problem is None else str(self.problem)

    def detail_text(self, lang: str) -> str:
        """The problem in ``lang``, for a face to show."""
        return "" if self.problem is None else self.problem.text(lang)


@dataclass(frozen=True)
class DocumentRef:
    """A document named as the user sees it, with its id."""

    id: int
    name: str


@dataclass(frozen=True)
class ImportRequest:
    """How to import transcripts, as the user says it; the project door reads the files named.

    ``attributes`` are ``key=value`` or ``key:type=value`` for every file,
    ``sidecar`` a CSV or YAML file of attributes per file, ``speakers`` aliases
    ``LABEL=NAME`` (``I=Interviewer``), ``pseudonyms`` a CSV of ``name,pseudonym``
    replaced before storing. ``cases`` link every file to those cases;
    ``speaker_cases`` makes each participant speaker a case of their own.
    ``language`` None detects each file's language (the project's when unclear).
    """

    language: str | None = None
    attributes: tuple[str, ...] = ()
    sidecar: Path | None = None
    speakers: tuple[str, ...] = ()
    pseudonyms: Path | None = None
    max_mb: float = 50.0
    cases: tuple[str, ...] = ()
    speaker_cases: bool = False
