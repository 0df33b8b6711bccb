"""What the count tables count, named once for the services, the faces and the exports.

Units: ``segments`` (codings; two coders coding one passage are two segments),
``documents`` (documents holding at least one such coding) and ``words``
(words in the text the codings cover, each word once per cell).
"""

from __future__ import annotations

from typing import Literal

from codebook.domain.errors import CodebookError

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
