"""What an export is asked for and what it wrote, independent of Word, Excel or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from codebook.domain.analysis import Unit, Within
from codebook.domain.exchange import ExchangeReport
from codebook.domain.queries import NO_FILTERS, Filters

Highlight = Literal["none", "bold", "colour"]
HIGHLIGHTS: tuple[Highlight, ...] = ("none", "bold", "colour")


@dataclass(frozen=True)
class ReportOptions:
    """What to put in a report.

    ``themes``: code references, one chapter each (default: every top-level
    code). ``by``: attributes for the count tables (default: werkplaats and
    rol/role when they exist, else up to two category attributes).
    ``max_quotes``: per sub-code; the rest is counted, not shown.
    ``citation``: attributes named in each quote's citation (default: ``by``).
    ``highlight``: how the quotes show their code's keywords (and the theme's):
    not at all, in bold, or bold in the code's colour.
    ``figures``: each chapter's figures (its questionnaire items, its coded
    segments per group); ``split_threshold``: the p-value below which an
    item's figure is split per group.
    """

    themes: Sequence[str] = ()
    filters: Filters = NO_FILTERS
    max_quotes: int | None = None
    by: Sequence[str] = ()
    lang: str = "en"
    citation: Sequence[str] | None = None
    highlight: Highlight = "none"
    figures: bool = True
    split_threshold: float = 0.05


Cell = str | int | float | datetime | None


@dataclass(frozen=True)
class ExportTable:
    """One table: ``key`` names its CSV file, ``title`` its sheet (in the report language)."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class TableOptions:
    filters: Filters = NO_FILTERS
    lang: str = "en"
    context: int = 1
    cases: str | None = None
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False


@dataclass(frozen=True)
class ReportResult:
    path: Path
    themes: int
    quotes: int


EXPORT_KINDS = ("docx", "xlsx", "csv", "qdpx", "pdf")


@dataclass(frozen=True)
class QdpxOptions:
    """A REFI-QDA project export; with ``check`` the file is read back and compared with
    the project, and every difference is reported."""

    check: bool = False


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: the Word report's themes and quotes, the workbook's sheets
    (title and rows), the CSV files, or the exchange report of a .qdpx."""

    kind: str
    path: Path
    themes: int = 0
    quotes: int = 0
    sheets: tuple[tuple[str, int], ...] = ()
    files: tuple[Path, ...] = ()
    report: ExchangeReport | None = None
