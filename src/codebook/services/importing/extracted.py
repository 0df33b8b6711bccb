"""What a format reader hands back before pseudonymisation and turn detection.

Readers only get text out of a file format. Everything that must be the same
for every format (normalization, pseudonymisation, where the turns are) is
done once by ``readers.read_transcript`` on one of these two shapes: running
prose in which speaker labels still have to be found, or caption cues that
already carry their speaker and timing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocumentText:
    """Prose from a document format; speaker labels, if any, are still in the text."""

    text: str
    encoding: str | None = None
    #: What the reader had to repair or leave out, one line each, for the import summary.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption cue (or the part of it one voice speaks), times in seconds."""

    text: str
    start: float
    end: float
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class CaptionTrack:
    """The cues of a subtitle file, in file order."""

    cues: tuple[Cue, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


Extracted = DocumentText | CaptionTrack
