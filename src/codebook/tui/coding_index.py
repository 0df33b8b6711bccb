"""An in-memory index of one document's codings, built for rendering and navigation.

The transcript renders only the rows on screen, so it needs "which codings touch
row r" in constant time (a row -> ids bucket map) and navigation needs "the next
coding after offset o" (a sorted list of starts). Both update incrementally when
one coding is added or removed, so applying a code never rebuilds the index.

Each coding also gets a *lane*: the lowest stripe column not used by a coding it
overlaps, so the margin can draw overlapping codes side by side and a coding
keeps its column over all the rows it spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush

from codebook.domain.codings import CodingView
from codebook.tui.textmap import OffsetMap


@dataclass(frozen=True, slots=True)
class Span:
    """A coding as the transcript draws it."""

    view: CodingView
    lane: int
    mine: bool

    @property
    def id(self) -> int:
        return self.view.id

    @property
    def start(self) -> int:
        return self.view.start

    @property
    def end(self) -> int:
        return self.view.end


class CodingIndex:
    """Codings of one document by row (for drawing) and by start (for jumping)."""

    def __init__(self, offsets: OffsetMap, spans: Iterable[tuple[CodingView, bool]] = ()) -> None:
        self._map = offsets
        self._by_id: dict[int, Span] = {}
        self._rows: dict[int, list[int]] = {}
        self._starts: list[tuple[int, int]] = []
        self._bulk_load(sorted(spans, key=lambda item: (item[0].start, item[0].end, item[0].id)))

    def _bulk_load(self, items: list[tuple[CodingView, bool]]) -> None:
        """Index sorted codings in one sweep: lanes from a heap of active intervals.

        Adding one at a time would ask for the overlaps of each (quadratic in a
        dense document); the sweep hands each coding the lowest lane freed by
        codings that ended before it starts.
        """
        active: list[tuple[int, int]] = []
        free: list[int] = []
        lanes = 0
        line_starts = self._map.line_starts
        rows = self._rows
        first = 0  # starts are sorted, so the first row only ever moves forward
        for view, mine in items:
            start, end = view.start, view.end
            while active and active[0][0] <= start:
                heappush(free, heappop(active)[1])
            if free:
                lane = heappop(free)
            else:
                lane, lanes = lanes, lanes + 1
            heappush(active, (end, lane))
            self._by_id[view.id] = Span(view, lane, mine)
            first = bisect_right(line_starts, start, first) - 1
            last = bisect_right(line_starts, max(start, end - 1), first) - 1
            for row in range(first, last + 1):
                bucket = rows.get(row)
                if bucket is None:
                    rows[row] = [view.id]
                else:
                    bucket.append(view.id)
            self._starts.append((start, view.id))
        self._starts.sort()  # by (start, id), the order the bisections rely on

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, coding_id: object) -> bool:
        return coding_id in self._by_id

    def __iter__(self) -> Iterator[Span]:
        for _start, coding_id in self._starts:
            yield self._by_id[coding_id]

    def get(self, coding_id: int) -> Span | None:
        return self._by_id.get(coding_id)

    def add(self, view: CodingView, mine: bool = True) -> Span:
        """Index one coding (replacing an entry with the same id) and give it a lane."""
        if view.id in self._by_id:
            self.remove(view.id)
        taken = {s.lane for s in self.overlapping(view.start, view.end)}
        lane = next(i for i in range(len(taken) + 1) if i not in taken)
        span = Span(view, lane, mine)
        self._by_id[view.id] = span
        for row in self._map.rows_of(view.start, view.end):
            self._rows.setdefault(row, []).append(view.id)
        insort(self._starts, (view.start, view.id))
        return span

    def update(self, view: CodingView) -> None:
        """Same coding, new details (a memo): keep its lane and place."""
        old = self._by_id.get(view.id)
        if old is not None and (old.start, old.end) == (view.start, view.end):
            self._by_id[view.id] = Span(view, old.lane, old.mine)
        elif old is not None:
            self.add(view, old.mine)

    def remove(self, coding_id: int) -> Span | None:
        span = self._by_id.pop(coding_id, None)
        if span is None:
            return None
        for row in self._map.rows_of(span.start, span.end):
            bucket = self._rows.get(row)
            if bucket is not None:
                bucket.remove(coding_id)
                if not bucket:
                    del self._rows[row]
        pos = bisect_left(self._starts, (span.start, coding_id))
        del self._starts[pos]
        return span

    def in_row(self, row: int) -> list[Span]:
        """Codings touching a row, longest first, so shorter ones are painted on top."""
        spans = [self._by_id[i] for i in self._rows.get(row, ())]
        spans.sort(key=lambda s: (s.start - s.end, s.start, s.id))
        return spans

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Codings sharing at least one character with ``start..end`` (end exclusive)."""
        seen: dict[int, Span] = {}
        for row in self._map.rows_of(start, end):
            for coding_id in self._rows.get(row, ()):
                span = self._by_id[coding_id]
                if span.start < end and span.end > start:
                    seen[coding_id] = span
        return sorted(seen.values(), key=lambda s: (s.start, s.end, s.id))

    def at(self, offset: int) -> list[Span]:
        """Codings under a cursor: containing ``offset``, or ending right at it."""
        row = self._map.row_of(offset)
        found = [
            self._by_id[i]
            for i in self._rows.get(row, ())
            if self._by_id[i].start <= offset <= self._by_id[i].end
        ]
        return sorted(found, key=lambda s: (s.start, s.end, s.id))

    def next_after(self, offset: int, code_id: int | None = None) -> Span | None:
        """The first coding starting after ``offset`` (of one code, if given)."""
        pos = bisect_right(self._starts, (offset, 1 << 62))
        for _start, coding_id in self._starts[pos:]:
            span = self._by_id[coding_id]
            if code_id is None or span.view.code_id == code_id:
                return span
        return None

    def previous_before(self, offset: int, code_id: int | None = None) -> Span | None:
        """The last coding starting before ``offset`` (of one code, if given)."""
        pos = bisect_left(self._starts, (offset, -1))
        for _start, coding_id in reversed(self._starts[:pos]):
            span = self._by_id[coding_id]
            if code_id is None or span.view.code_id == code_id:
                return span
        return None

    def touching(self, spans: Sequence[tuple[int, int]]) -> set[int]:
        """Positions in ``spans`` (sorted, not overlapping: the turns) that a coding overlaps.

        One sweep over the codings' merged extents and the spans together:
        asking ``covers`` per turn costs a row lookup each, which over the
        tens of thousands of turns of a huge transcript is a noticeable wait.
        """
        merged: list[list[int]] = []
        for start, coding_id in self._starts:
            end = self._by_id[coding_id].end
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        found: set[int] = set()
        j = 0
        for i, (begin, end) in enumerate(spans):
            while j < len(merged) and merged[j][1] <= begin:
                j += 1
            if j == len(merged):
                break
            if merged[j][0] < end:
                found.add(i)
        return found

    def covers(self, start: int, end: int) -> bool:
        """Whether any indexed coding overlaps ``start..end``."""
        for row in self._map.rows_of(start, end):
            for coding_id in self._rows.get(row, ()):
                span = self._by_id[coding_id]
                if span.start < end and span.end > start:
                    return True
        return False
