"""Value types shared by every layer.

Nothing here does I/O or imports a framework, so the readers, the services,
the CLI and the TUI can all exchange these objects without pulling in
SQLAlchemy or Textual.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class CodebookError(Exception):
    """A problem the user can fix: shown as one line, never as a traceback.

    Every service raises this (or a subclass) for bad input, so the CLI and the
    TUI can print ``str(error)`` and know the project was left unchanged.
    """


class ImportFailed(CodebookError):
    """A transcript could not be read; the message names the file."""


class CodebookFileError(CodebookError):
    """A codebook file (YAML or .qdc) is malformed; the message names file, line and column."""


class AttributeType(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CATEGORY = "category"


AttributeValue = str | float | date


class TurnSpan(NamedTuple):
    """One speaker turn as offsets into the normalized text (end exclusive).

    ``start``/``end`` cover the spoken text only, not the speaker label, so the
    substring at a turn's offsets is exactly what the speaker said.
    Timecodes are seconds from the start of the recording, when known.
    A named tuple rather than a dataclass: a transcript has thousands of turns,
    and tuples are made and compared in a fraction of the time.
    """

    start: int
    end: int
    speaker: str | None = None
    timecode: float | None = None
    timecode_end: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedTranscript:
    """What every reader produces: the text to store and where the turns are.

    ``text`` is already normalized (NFC, ``\\n`` line ends, no BOM, no control
    characters but ``\\n`` and ``\\t``); offsets in ``turns`` index into it as
    Unicode code points, the REFI-QDA convention.
    """

    text: str
    turns: tuple[TurnSpan, ...]
    source_format: str
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    #: Words as ``wc -w`` counts them; counted where the transcript is read (an
    #: import worker), not again by the process that stores it.
    words: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", len(self.text.split()))

    def __reduce__(self) -> tuple[object, ...]:
        # Import workers send every transcript to the storing process. Named tuples
        # unpickle through a Python-level constructor call each; sent as plain
        # tuples, a million-word batch's turns arrive in 15 ms instead of 110 ms.
        fields = (self.text, tuple(map(tuple, self.turns)), self.source_format, self.encoding)
        return (_unpickle_transcript, (*fields, self.meta, self.words))


def _unpickle_transcript(
    text: str,
    turns: tuple[tuple[int, int, str | None, float | None, float | None], ...],
    source_format: str,
    encoding: str | None,
    meta: dict[str, str],
    words: int,
) -> ParsedTranscript:
    """A ParsedTranscript as it was pickled, without counting its words again."""
    parsed = object.__new__(ParsedTranscript)
    values = (text, tuple(map(TurnSpan._make, turns)), source_format, encoding, meta, words)
    for name, value in zip(ParsedTranscript.__slots__, values, strict=True):
        object.__setattr__(parsed, name, value)
    return parsed


@dataclass(frozen=True, slots=True)
class CodeFields:
    """The structured fields of a codebook entry (MacQueen et al. 1998)."""

    name: str
    brief_definition: str = ""
    full_definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    color: str = ""
    keywords: tuple[str, ...] = ()


#: The free-text definition fields of a code, in the order a codebook shows them.
TEXT_FIELDS: tuple[str, ...] = (
    "brief_definition",
    "full_definition",
    "when_to_use",
    "when_not_to_use",
    "example",
)
STRUCTURED_FIELDS: tuple[str, ...] = ("name", *TEXT_FIELDS, "color", "keywords")
#: How those fields are labelled where they are written as text (``.qdc`` descriptions, CLI).
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("brief_definition", "Brief definition"),
    ("full_definition", "Full definition"),
    ("when_to_use", "When to use"),
    ("when_not_to_use", "When not to use"),
    ("example", "Example"),
    ("keywords", "Keywords"),
)


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """A code as written in a codebook file: fields, a stable guid, children.

    ``retired`` and ``merged_into`` (the guid of the code it was merged into)
    only appear when a project's codebook is exported with its retired codes,
    so such a file can be imported again without losing that history.
    """

    fields: CodeFields
    guid: str | None = None
    children: tuple[CodeSpec, ...] = ()
    retired: bool = False
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class CodebookSpec:
    """A whole codebook file: title, language, description and the code tree."""

    name: str
    codes: tuple[CodeSpec, ...]
    language: str = "en"
    description: str = ""
