"""Which units exist and which coder coded each unit with each code, with array arithmetic.

All compared documents are laid end to end on one line of positions (each
document's offsets shifted by the lengths before it), so sentences, turns,
documents and codings of every document are intervals on that one line and
one vectorised pass finds every (code, coder, unit) that counts as coded.
A coder's codings of one code are merged into their union first, so two
codings that each cover a third of a sentence cover two thirds of it for
``--min-overlap``, and an overlap is never counted twice.

The ``character`` unit is never a loop over characters: the line is cut at
every coding edge and document boundary into runs within which nothing
changes, and each run is a unit weighing its length in characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from codebook.domain.agreement import AgreementUnit

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True)
class Layout:
    """The compared documents on one line: document i spans ``offsets[i]..offsets[i + 1]``."""

    offsets: Ints

    @property
    def length(self) -> int:
        return int(self.offsets[-1])

    def document_of(self, positions: Ints) -> Ints:
        """The index of the document each line position lies in."""
        return np.searchsorted(self.offsets, positions, side="right") - 1


@dataclass(frozen=True)
class Intervals:
    """Codings on the line: each with the key (target code x coder) it counts for."""

    key: Ints
    start: Ints
    end: Ints


@dataclass(frozen=True)
class UnitTable:
    """The units on the line and, per target code, which coders coded each.

    ``coded`` is codes x coders x units; ``weights`` are 1 per unit, or the
    length of a character run; ``count`` is what the output calls n units.
    """

    start: Ints
    end: Ints
    weights: Ints
    coded: Bools

    @property
    def count(self) -> int:
        return int(self.weights.sum())


def merged(intervals: Intervals, line: int) -> Intervals:
    """The union of each key's intervals, sorted by key then start.

    Shifting key k's positions by k x ``line`` keeps keys apart, so a single
    sort and a running maximum of ends merge every key at once.
    """
    keep = intervals.end > intervals.start
    key, start, end = intervals.key[keep], intervals.start[keep], intervals.end[keep]
    base = key * (line + 1)
    lo, hi = base + start, base + end
    order = np.argsort(lo, kind="stable")
    lo, hi, key = lo[order], hi[order], key[order]
    if lo.size == 0:
        return Intervals(key, lo, hi)
    reach = np.maximum.accumulate(hi)
    opens = np.ones(lo.size, dtype=bool)
    opens[1:] = lo[1:] > reach[:-1]
    first = np.flatnonzero(opens)
    last = np.append(first[1:], lo.size) - 1
    key = key[first]
    shift = key * (line + 1)
    return Intervals(key, lo[first] - shift, reach[last] - shift)


def character_runs(layout: Layout, codings: Intervals) -> tuple[Ints, Ints]:
    """The runs between consecutive coding edges and document boundaries: (starts, ends)."""
    edges = np.unique(np.concatenate([layout.offsets, codings.start, codings.end]))
    edges = edges[(edges >= 0) & (edges <= layout.length)]
    return edges[:-1], edges[1:]


def coded_units(
    starts: Ints,
    ends: Ints,
    codings: Intervals,
    shape: tuple[int, int],
    min_overlap: float | None,
) -> Bools:
    """codes x coders x units: whether the key's merged codings count for the unit.

    ``codings`` must be merged (disjoint per key, sorted by key then start):
    then the (interval, unit) pairs come out ordered by key then unit, and the
    characters each key covers in a unit are summed with one ``reduceat``.
    """
    n_codes, n_coders = shape
    n_units = starts.size
    coded = np.zeros(n_codes * n_coders * n_units, dtype=bool)
    first = np.searchsorted(ends, codings.start, side="right")
    last = np.searchsorted(starts, codings.end, side="left")
    spans = np.maximum(last - first, 0)
    total = int(spans.sum())
    if total:
        which = np.repeat(np.arange(spans.size), spans)
        step = np.arange(total) - np.repeat(np.cumsum(spans) - spans, spans)
        unit = first[which] + step
        covered = np.minimum(codings.end[which], ends[unit]) - np.maximum(
            codings.start[which], starts[unit]
        )
        flat = codings.key[which] * n_units + unit
        cut = np.flatnonzero(np.diff(flat)) + 1
        heads = np.concatenate([[0], cut])
        cells, sums = flat[heads], np.add.reduceat(covered, heads)
        if min_overlap is None:
            counts = sums > 0
        else:
            size = (ends - starts)[cells % n_units]
            counts = sums >= min_overlap * size - 1e-9
        coded[cells[counts]] = True
    return coded.reshape(n_codes, n_coders, n_units)


def unit_table(
    unit: AgreementUnit,
    layout: Layout,
    spans: tuple[Ints, Ints],
    codings: Intervals,
    shape: tuple[int, int],
    min_overlap: float | None,
) -> UnitTable:
    """The units of ``unit`` (``spans``: sentences or turns on the line) and who coded each."""
    joined = merged(codings, layout.length)
    if unit == "character":
        starts, ends = character_runs(layout, joined)
        weights = ends - starts
        min_overlap = None
    else:
        if unit == "document":
            starts, ends = layout.offsets[:-1], layout.offsets[1:]
        else:
            starts, ends = spans
        real = ends > starts
        starts, ends = starts[real], ends[real]
        weights = np.ones(starts.size, dtype=np.int64)
    return UnitTable(starts, ends, weights, coded_units(starts, ends, joined, shape, min_overlap))
