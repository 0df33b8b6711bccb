"""Where each coding lands in a count table, and the order of its rows and columns."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from codebook.domain.analysis import MISSING, TOTAL
from codebook.services.retrieval.evaluation import CodingRecord

Row = tuple[str, frozenset[int]]
ColumnsOf = Callable[[CodingRecord], Iterable[str]]


@dataclass(frozen=True)
class Grid:
    """The shape of a count table and where each coding lands in it.

    Counting a table and listing the codings behind one of its cells both
    walk the same grid, so a cell's quotes are always exactly what it counts.
    ``codes``: the codes whose codings can land anywhere; ``places``: the
    (row, column) indexes one coding counts in.
    """

    index_name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    codes: frozenset[int]
    places: Callable[[CodingRecord], Iterable[tuple[int, int]]]


def natural_order(value: str) -> tuple[object, ...]:
    """Sort "WOU 2" before "WOU 10" and ignore case; MISSING and TOTAL go last."""
    rank = 2 if value == TOTAL else 1 if value == MISSING else 0
    parts = re.split(r"(\d+)", value.casefold())
    return (rank, *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])
