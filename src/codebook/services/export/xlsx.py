"""The Excel workbook: codings, code x case matrix, co-occurrence, codebook, history.

openpyxl's write-only mode streams rows to the file instead of keeping a cell
object per value, so a sheet of 100,000 codings costs seconds, not minutes.
Text is written as text even when it starts with "=" (a quote is never a
formula), cells are capped at Excel's 32,767 characters, and characters Excel
refuses are dropped.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from codebook.services.atomic import atomic_path
from codebook.services.export import Progress
from codebook.services.export.tables import Cell, ExportTable, TableOptions, build_tables

EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_WIDTHS = {"codings": {"K": 80, "L": 30, "M": 40, "N": 40}}


def export_xlsx(
    session: Session,
    out: str | Path,
    options: TableOptions | None = None,
    progress: Progress = None,
) -> list[ExportTable]:
    """Write the workbook to ``out`` atomically; returns the tables it holds (one per sheet).

    Progress steps: building the tables, one per sheet, saving.
    """
    tables = build_tables(session, options)
    write_workbook(tables, Path(out), progress)
    return tables


def write_workbook(tables: Sequence[ExportTable], out: Path, progress: Progress = None) -> None:
    """Stream the tables into a workbook at ``out``; the target folder is checked first."""
    from openpyxl import Workbook

    steps = len(tables) + 2
    if progress:
        progress(1, steps)
    with atomic_path(out) as tmp:
        book = Workbook(write_only=True)
        try:
            for done, table in enumerate(tables, start=2):
                _write_sheet(book, table)
                if progress:
                    progress(done, steps)
            book.save(str(tmp))
        except BaseException:
            _discard(book)
            raise
    if progress:
        progress(steps, steps)


def _write_sheet(book: Any, table: ExportTable) -> None:
    sheet = book.create_sheet(title=table.title[:31])
    sheet.freeze_panes = "B2" if table.key in ("matrix", "cooccurrence") else "A2"
    for column, width in _WIDTHS.get(table.key, {}).items():
        sheet.column_dimensions[column].width = width
    sheet.append([_header_cell(sheet, h) for h in table.header])
    for row in table.rows:
        sheet.append([_cell(sheet, v) for v in row])


def _discard(book: Any) -> None:
    """Close the half-written sheets and remove openpyxl's own temporary files."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _header_cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.font = Font(bold=True)
    cell.data_type = "s"
    return cell


def _cell(sheet: Any, value: Cell) -> Any:
    if not isinstance(value, str):
        return value
    text = _text(value)
    if not text.startswith("="):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # a quote that starts with "=" is text, never a formula
    return cell


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value
