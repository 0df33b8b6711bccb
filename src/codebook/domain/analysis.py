"""What the count tables count, named once for the services, the faces and the exports.

Units: ``segments`` (codings; two coders coding one passage are two segments),
``documents`` (documents holding at least one such coding) and ``words``
(words in the text the codings cover, each word once per cell).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codebook.domain.errors import CodebookError
from codebook.domain.queries import NO_FILTERS, Filters

Unit = Literal["segments", "documents", "words"]
Within = Literal["segment", "sentence", "turn"]


UNITS: tuple[Unit, ...] = ("segments", "documents", "words")


WITHIN: tuple[Within, ...] = ("segment", "sentence", "turn")
MISSING = "(none)"
TOTAL = "total"


UNIT_LABELS: dict[str, str] = {
    "segments": "segments",
    "documents": "documents",
    "words": "words coded",
    "segment": "overlapping coded segments",
    "sentence": "sentences",
    "turn": "turns",
}


def check_unit(unit: str) -> Unit:
    """``unit`` as a ``Unit``, or a clear error (for values typed by a user)."""
    for known in UNITS:
        if unit == known:
            return known
    raise CodebookError(f"unknown unit '{unit}' (use {', '.join(UNITS)})")


def check_within(within: str) -> Within:
    """``within`` as a ``Within``, or a clear error (for values typed by a user)."""
    for known in WITHIN:
        if within == known:
            return known
    raise CodebookError(f"unknown co-occurrence unit '{within}' (use {', '.join(WITHIN)})")


DEFAULT_BY = ("werkplaats", "rol", "role")


KINDS = ("frequencies", "matrix", "cooccurrence")


@dataclass(frozen=True)
class TableRequest:
    """Which count table, counted how, over which documents and coders.

    ``columns``: for ``frequencies`` an attribute whose values are the columns
    (None: one total column); for ``matrix`` ``documents``, ``cases`` or an
    attribute (None: cases when there are any, else documents); unused for
    ``cooccurrence``, which counts within ``within``. ``codes``: only these
    codes (paths or names; empty: all).
    """

    kind: str = "frequencies"
    columns: str | None = None
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False
    filters: Filters = NO_FILTERS
    codes: tuple[str, ...] = ()
