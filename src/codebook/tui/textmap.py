"""Offsets (code points into the stored text) <-> TextArea locations (row, column).

The database speaks REFI-QDA offsets; Textual's ``TextArea`` speaks
``(row, column)`` where rows are split on line separators. Python's
``str.splitlines`` (which TextArea uses) also splits on characters such as
U+2028 or form feed that a normalized transcript may still contain, which would
shift every row after them. ``display_text`` replaces those with a space (same
length, so offsets stay valid) and the map splits on ``\\n`` only, so both sides
agree on what a row is.
"""

from __future__ import annotations

from bisect import bisect_right

Location = tuple[int, int]

# Everything str.splitlines() treats as a line break, except "\n" itself.
_EXTRA_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def display_text(text: str) -> str:
    """The text as the widget shows it: identical offsets, ``\\n`` the only line break."""
    for ch in _EXTRA_BREAKS:
        if ch in text:  # rare; a scan is much cheaper than str.translate on every document
            text = text.replace(ch, " ")
    return text


class OffsetMap:
    """Converts between code-point offsets and (row, column) locations of one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def rows(self) -> int:
        return len(self._starts)

    @property
    def line_starts(self) -> list[int]:
        """Offset of each row's first character (sorted; do not modify)."""
        return self._starts

    def row_of(self, offset: int) -> int:
        return bisect_right(self._starts, max(0, min(offset, self.length))) - 1

    def location(self, offset: int) -> Location:
        offset = max(0, min(offset, self.length))
        row = bisect_right(self._starts, offset) - 1
        return row, offset - self._starts[row]

    def offset(self, location: Location) -> int:
        row, column = location
        row = max(0, min(row, len(self._starts) - 1))
        start, end = self.row_span(row)
        return start + max(0, min(column, end - start))

    def row_span(self, row: int) -> tuple[int, int]:
        """Offsets of a row's first character and of its end (the ``\\n`` is not included)."""
        start = self._starts[row]
        end = self._starts[row + 1] - 1 if row + 1 < len(self._starts) else self.length
        return start, end

    def window(self, row: int, chars: int, rows: int) -> range:
        """Whole rows around ``row``: about ``chars`` characters and at most ``rows`` rows.

        What the transcript widget loads of a huge text. Budget a side cannot
        use (near the start or the end) goes to the other side; ``row`` itself
        is always in, however long it is.
        """
        starts = self._starts
        row = max(0, min(row, len(starts) - 1))
        low = starts[row] - chars // 2
        high = starts[row] + chars // 2
        if low < 0:
            low, high = 0, high - low
        elif high > self.length:
            low, high = max(0, low - (high - self.length)), self.length
        first = max(self.row_of(low) + (low > 0), row - rows // 2)
        stop = min(self.row_of(high), row + rows // 2, len(starts) - 1) + 1
        if first > row:
            first = row
        return range(first, max(stop, row + 1))

    def rows_of(self, start: int, end: int) -> range:
        """The rows a range ``start..end`` (end exclusive) touches."""
        last = self.row_of(max(start, end - 1))
        return range(self.row_of(start), last + 1)
