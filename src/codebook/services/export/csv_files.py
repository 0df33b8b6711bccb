"""The same tables as the workbook, as CSV files in a folder.

Files are UTF-8 *with* a byte-order mark (``utf-8-sig``): without it Excel
reads a CSV as the system code page and shows "coÃ¶rdinator" for
"coördinator". Separator ``,``, quoting as needed, ``\\r\\n`` line ends (the
csv module's default, which Excel expects). File names are fixed
(``codings.csv``, ``matrix.csv``, ``cooccurrence.csv``, ``codebook.csv``,
``history.csv``, ``memos.csv``) whatever the language, so scripts can rely on
them. Times are ISO 8601 (``2026-03-14T09:30:00``), which every spreadsheet
and data library parses whatever its locale. Each file is written
atomically; a failure leaves earlier files complete and the failing one
absent (or as it was).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from codebook.domain import CodebookError
from codebook.domain.exports import Cell, ExportTable, TableOptions
from codebook.services.atomic import atomic_path
from codebook.services.export import Progress
from codebook.services.export.tables import build_tables

ENCODING = "utf-8-sig"


def export_csv(
    session: Session,
    folder: str | Path,
    options: TableOptions | None = None,
    progress: Progress = None,
) -> list[Path]:
    """Write one CSV per table into ``folder`` (created if missing); returns the paths."""
    tables = build_tables(session, options)
    return write_csv_files(tables, Path(folder), progress)


def write_csv_files(
    tables: Sequence[ExportTable], folder: Path, progress: Progress = None
) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CodebookError(
            "{folder}: cannot create the folder ({problem})",
            folder=folder,
            problem=exc.strerror or exc,
        ) from exc
    paths = []
    for done, table in enumerate(tables, start=1):
        path = folder / f"{table.key}.csv"
        with atomic_path(path) as tmp, open(tmp, "w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.header)
            writer.writerows([_value(v) for v in row] for row in table.rows)
        paths.append(path)
        if progress:
            progress(done, len(tables))
    return paths


def _value(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.isoformat(timespec="seconds")
    return cell
