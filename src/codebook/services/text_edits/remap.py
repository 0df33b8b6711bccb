"""Moving offsets into an old text to the same characters in its correction (pure functions).

The rule: an offset inside an unchanged stretch moves with it. A range is
carried by the characters it covers: its start by its first character, its
end by its last, so text inserted right at a coding's edge stays outside it
and text inserted inside it is covered. An edge whose character was replaced
or deleted snaps outward to the edge of that changed stretch in the new text,
so the coding covers the replacement; a range whose characters were all
deleted (and nothing put in their place) is gone. A snapped edge steps over
whitespace the passage did not begin or end with, so a coding on "elke week"
after deleting " elke" covers "week", not " week". Every lookup is a binary
search over the changed stretches: remapping thousands of codings costs less
than computing the diff.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from codebook.domain import TurnSpan
from codebook.services.text_edits.diffing import Hunk, TextDiff

Span = tuple[int, int]


class OffsetMap:
    """Old offsets to new ones, and back for stretches no edit touched."""

    def __init__(self, diff: TextDiff) -> None:
        self._hunks = diff.hunks
        self._old_starts = [h.old_start for h in diff.hunks]
        self._new_starts = [h.new_start for h in diff.hunks]
        self._old_length = diff.old_length
        self._new_length = diff.new_length

    def _locate(self, char: int) -> tuple[Hunk | None, int]:
        """The changed stretch holding old character ``char``, or the shift it moves by."""
        i = bisect_right(self._old_starts, char) - 1
        if i < 0:
            return None, 0
        hunk = self._hunks[i]
        if char < hunk.old_end:
            return hunk, 0
        return None, hunk.new_end - hunk.old_end

    def range(self, start: int, end: int) -> Span | None:
        """Where the text of ``start:end`` went; None when all of it was deleted."""
        hunk, shift = self._locate(start)
        new_start = hunk.new_start if hunk else start + shift
        hunk, shift = self._locate(end - 1)
        new_end = hunk.new_end if hunk else end + shift
        return (new_start, new_end) if new_start < new_end else None

    def position(self, at: int) -> int:
        """Where the old character at ``at`` went (the end of the text for the end)."""
        if at >= self._old_length:
            return self._new_length
        hunk, shift = self._locate(at)
        return hunk.new_start if hunk else at + shift

    def span(self, start: int, end: int) -> Span:
        """A turn's place in the new text, also for an empty or deleted turn (then empty)."""
        if end > start:
            found = self.range(start, end)
            if found is not None:
                return found
        at = self.position(start)
        return at, at

    def unchanged_source(self, start: int, end: int) -> Span | None:
        """The old stretch that ``start:end`` of the new text is an untouched copy of, if any."""
        i = bisect_right(self._new_starts, start) - 1
        shift = 0
        if i >= 0:
            hunk = self._hunks[i]
            if start < hunk.new_end:
                return None
            shift = hunk.new_end - hunk.old_end
        if i + 1 < len(self._hunks) and end > self._hunks[i + 1].new_start:
            return None
        return start - shift, end - shift


def coding_range(offsets: OffsetMap, old: str, new: str, start: int, end: int) -> Span | None:
    """Where the coding on ``old[start:end]`` goes in ``new``; None when it vanishes."""
    found = offsets.range(start, end)
    if found is None:
        return None
    new_start, new_end = found
    if not old[start].isspace():
        while new_start < new_end and new[new_start].isspace():
            new_start += 1
    if not old[end - 1].isspace():
        while new_end > new_start and new[new_end - 1].isspace():
            new_end -= 1
    return (new_start, new_end) if new_start < new_end else None


def carried_sentences(
    offsets: OffsetMap,
    old_turns: Sequence[Span],
    old_sentences: Sequence[Span],
    new_turns: Sequence[TurnSpan],
) -> tuple[list[Span], list[TurnSpan]]:
    """The sentences of the new turns whose text no edit touched, and the turns to split again.

    A new turn that is an untouched copy of an old turn keeps that turn's
    sentences, moved along; only the others go through the sentence splitter,
    so correcting a few words of a 5 MB transcript splits a few turns, not all.
    """
    old_spans = set(old_turns)
    starts = [start for start, _ in old_sentences]
    carried: list[Span] = []
    to_split: list[TurnSpan] = []
    for turn in new_turns:
        if turn.end <= turn.start:
            continue
        source = offsets.unchanged_source(turn.start, turn.end)
        if source is None or source not in old_spans:
            to_split.append(turn)
            continue
        shift = turn.start - source[0]
        first = bisect_left(starts, source[0])
        for start, end in old_sentences[first:]:
            if start >= source[1]:
                break
            if end <= source[1]:
                carried.append((start + shift, end + shift))
    return carried, to_split
