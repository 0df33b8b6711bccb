"""Transcripts as every reader hands them over, and how their values are written out.

Offsets are Unicode code points into the normalized text, end exclusive (the
REFI-QDA convention), so a coding never shifts with CRLF, a BOM or an encoding.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


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
    #: What the import repaired, left out or could not decide (label-like lines
    #: not taken as speakers, with their line numbers), one line each.
    warnings: tuple[str, ...] = ()
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
        return (_unpickle_transcript, (*fields, self.meta, self.warnings, self.words))


def _unpickle_transcript(
    text: str,
    turns: tuple[tuple[int, int, str | None, float | None, float | None], ...],
    source_format: str,
    encoding: str | None,
    meta: dict[str, str],
    warnings: tuple[str, ...],
    words: int,
) -> ParsedTranscript:
    """A ParsedTranscript as it was pickled, without counting its words again."""
    parsed = object.__new__(ParsedTranscript)
    turn_spans = tuple(map(TurnSpan._make, turns))
    values = (text, turn_spans, source_format, encoding, meta, warnings, words)
    for name, value in zip(ParsedTranscript.__slots__, values, strict=True):
        object.__setattr__(parsed, name, value)
    return parsed


def attribute_text(value: AttributeValue) -> str:
    """An attribute value as shown and compared: dates ISO, whole numbers without ``.0``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def timecode(seconds: float) -> str:
    """``01:02:03`` for 3723.4 seconds."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
