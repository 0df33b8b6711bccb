"""Where the cursor goes when moving or extending by word, sentence or turn.

Pure functions over offsets and sorted spans, so the rules are testable
without a screen. Sentences and turns are the stored spans (from the importer's
sentencizer and turn detection), never re-derived here; words are runs of
``\\w`` characters, the same definition the word counts use.

A *move* lands on the start of the next/previous unit. An *extend* moves the
selection's moving end to the end of the next unit (forward) or the start of
the previous one (backward), so repeated presses grow the selection one unit
at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import StrEnum

SpanList = Sequence[tuple[int, int]]
WORD = re.compile(r"\w+")


class Unit(StrEnum):
    WORD = "word"
    SENTENCE = "sentence"
    TURN = "turn"


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def next_start(spans: SpanList, offset: int) -> int | None:
    """Start of the first span starting after ``offset``."""
    pos = bisect_right(spans, (offset, 1 << 62))
    return spans[pos][0] if pos < len(spans) else None


def previous_start(spans: SpanList, offset: int) -> int | None:
    """Start of the last span starting before ``offset``."""
    pos = bisect_left(spans, (offset, -1))
    return spans[pos - 1][0] if pos > 0 else None


def next_end(spans: SpanList, offset: int) -> int | None:
    """End of the first span ending after ``offset``."""
    ends = _ends(spans)
    pos = bisect_right(ends, offset)
    return ends[pos] if pos < len(ends) else None


def _ends(spans: SpanList) -> list[int]:
    # Spans from the store are sorted by start and do not nest, so ends are sorted too.
    return [end for _start, end in spans]


def containing(spans: SpanList, offset: int) -> tuple[int, int] | None:
    """The span holding ``offset``; in a gap between spans, the next one (else the last)."""
    if not spans:
        return None
    pos = bisect_right(spans, (offset, 1 << 62)) - 1
    if pos >= 0 and spans[pos][0] <= offset < spans[pos][1]:
        return spans[pos]
    if pos + 1 < len(spans):
        return spans[pos + 1]
    return spans[-1]


def move(spans: SpanList, offset: int, forward: bool) -> int:
    target = next_start(spans, offset) if forward else previous_start(spans, offset)
    return offset if target is None else target


def extend(spans: SpanList, offset: int, forward: bool) -> int:
    target = next_end(spans, offset) if forward else previous_start(spans, offset)
    return offset if target is None else target


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at both ends of a range (a mouse selection often grabs some)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
