"""What the count tables count, named once for the services, the faces and the exports.

Units: ``segments`` (coded passages: by default overlapping codings of one
code by different coders are one segment; see ``CountedCoders``),
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
    raise CodebookError(
        "unknown unit '{unit}' (use {choices})", unit=unit, choices=", ".join(UNITS)
    )


def check_within(within: str) -> Within:
    """``within`` as a ``Within``, or a clear error (for values typed by a user)."""
    for known in WITHIN:
        if within == known:
            return known
    raise CodebookError(
        "unknown co-occurrence unit '{within}' (use {choices})",
        within=within,
        choices=", ".join(WITHIN),
    )


DEFAULT_BY = ("werkplaats", "rol", "role")


KINDS = ("frequencies", "matrix", "cooccurrence", "crosstab")


@dataclass(frozen=True)
class TableRequest:
    """Which count table, counted how, over which documents and coders.

    ``columns``: for ``frequencies`` an attribute whose values are the columns
    (None: one total column); for ``matrix`` ``documents``, ``cases`` or an
    attribute (None: cases when there are any, else documents); unused for
    ``cooccurrence``, which counts within ``within``; for ``crosstab`` the
    attribute whose values are the columns, ``rows`` the one whose values are
    the rows. ``codes``: only these codes (paths or names; empty: all; a
    crosstab counts their codings, with their subtrees when ``with_children``).
    """

    kind: str = "frequencies"
    columns: str | None = None
    rows: str | None = None
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False
    filters: Filters = NO_FILTERS
    codes: tuple[str, ...] = ()


CountMode = Literal["union", "sum", "reference", "one"]

_COUNTED: dict[str, dict[str, str]] = {
    "en": {
        "union": "counted: the union of {coders} (passages coded by {both} count once)",
        "both": "both",
        "several": "several",
        "sum": "counted: every coder's codings summed ({coders})",
        "reference": "counted: {coders} (reference coder)",
        "one": "counted: {coders}",
        "none": "counted: no codings",
        "double": "warning: {n} double-coded {documents} (codings by 2 or more coders): {names}",
        "document": "document",
        "documents": "documents",
        "more": "and {n} more",
        "then_sum": "; each coder's coding of a passage counts",
        "then_union": "; overlapping codings of one code count once",
        "then_reference": "; only {coders}'s codings count",
        "then_one": "; only {coders}'s codings count",
    },
    "nl": {
        "union": "geteld: {coders} samen (een passage die {both} coderen telt één keer)",
        "both": "beiden",
        "several": "meerderen",
        "sum": "geteld: de coderingen van alle codeurs opgeteld ({coders})",
        "reference": "geteld: {coders} (referentiecodeur)",
        "one": "geteld: {coders}",
        "none": "geteld: geen coderingen",
        "double": "waarschuwing: {n} dubbel gecodeerde {documents} "
        "(coderingen van 2 of meer codeurs): {names}",
        "document": "document",
        "documents": "documenten",
        "more": "en {n} meer",
        "then_sum": "; de codering van elke codeur telt mee",
        "then_union": "; overlappende coderingen van één code tellen één keer",
        "then_reference": "; alleen de coderingen van {coders} tellen",
        "then_one": "; alleen de coderingen van {coders} tellen",
    },
}

_NAMED = 5  # double-coded documents named before "and N more"


@dataclass(frozen=True)
class CountedCoders:
    """Whose codings a table, a query or a report counted, and how: said with every count.

    ``mode``: ``union`` (each passage once per code, overlapping codings of
    one code by different coders as one segment), ``sum`` (every coding
    counts), ``reference`` (only the reference coder's codings) or ``one``
    (a coder filter naming one coder). ``coders``: the coders whose codings
    were counted. ``double_coded``: the documents in scope coded by two or
    more coders, which a sum inflates and a union merges.
    """

    mode: CountMode
    coders: tuple[str, ...]
    double_coded: tuple[str, ...] = ()

    def line(self, lang: str = "en") -> str:
        """``counted: the union of anna, bram (passages coded by both count once)``."""
        words = _COUNTED.get(lang, _COUNTED["en"])
        if not self.coders:
            return words["none"]
        coders = ", ".join(self.coders)
        if self.mode == "union" and len(self.coders) == 1:
            return words["one"].format(coders=coders)
        both = words["both"] if len(self.coders) == 2 else words["several"]
        return words[self.mode].format(coders=coders, both=both)

    def warning(self, lang: str = "en") -> str | None:
        """The double-coding warning, or None when no document is coded by two coders."""
        if not self.double_coded:
            return None
        words = _COUNTED.get(lang, _COUNTED["en"])
        names = ", ".join(self.double_coded[:_NAMED])
        if len(self.double_coded) > _NAMED:
            names += " " + words["more"].format(n=len(self.double_coded) - _NAMED)
        n = len(self.double_coded)
        head = words["double"].format(
            n=n, documents=words["document" if n == 1 else "documents"], names=names
        )
        return head + words[f"then_{self.mode}"].format(coders=", ".join(self.coders))

    def lines(self, lang: str = "en") -> list[str]:
        """The counted line, and the warning when there is one."""
        warning = self.warning(lang)
        return [self.line(lang)] + ([warning] if warning else [])


@dataclass(frozen=True)
class Tabulation:
    """A count table: row and column labels, one count per cell, what was counted, whose.

    Plain values, as everything the door hands out, rather than a pandas
    DataFrame: a count table is read, printed and exported cell by cell, and
    a command printing one should not pay pandas' import (a third of a second)
    for it. ``index_name`` names the rows ("code", or a crosstab's attribute);
    ``unit`` says what a cell counts ("segments", "words coded", ...).
    """

    index_name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    unit: str
    counted: CountedCoders

    def value(self, row: str, column: str) -> int:
        """The count in one cell, by its labels; a KeyError names a label not in the table."""
        try:
            return self.cells[self.rows.index(row)][self.columns.index(column)]
        except ValueError:
            raise KeyError((row, column)) from None

    def row(self, label: str) -> tuple[int, ...]:
        """One row's counts, in column order."""
        try:
            return self.cells[self.rows.index(label)]
        except ValueError:
            raise KeyError(label) from None

    def counted_anything(self) -> bool:
        """Whether any cell is not zero."""
        return any(any(row) for row in self.cells)
