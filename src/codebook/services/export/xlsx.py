"""The Excel workbook: codings, code x case matrix, co-occurrence, codebook, history, memos.

openpyxl's write-only mode streams rows to the file instead of keeping a cell
object per value, so a sheet of 100,000 codings costs seconds, not minutes.
Text is written as text even when it starts with "=" (a quote is never a
formula), cells are capped at Excel's 32,767 characters, and characters Excel
refuses are dropped. Times are real Excel dates, so they sort and filter as
dates. A memo runs to paragraphs, so the memos sheet wraps its long text
columns and aligns every row to the top, where reading starts.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from codebook.domain.exports import Cell, ExportTable, TableOptions
from codebook.services.atomic import atomic_path
from codebook.services.export import Progress
from codebook.services.export.tables import build_tables

EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_WIDTHS = {
    "codings": {"K": 80, "L": 30, "M": 40, "N": 40},
    "memos": {"A": 12, "B": 40, "C": 24, "F": 50, "G": 30, "H": 80, "I": 16, "J": 20, "K": 20},
}
_WRAPPED = {"memos": ("F", "G", "H")}  # passage, title, memo text
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


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
    alignments = _alignments(table)
    for row in table.rows:
        sheet.append([_cell(sheet, v, a) for v, a in zip(row, alignments, strict=True)])


def _alignments(table: ExportTable) -> list[Any]:
    """One alignment per column; ``None`` (Excel's default) keeps unwrapped sheets cheap."""
    wrapped = _WRAPPED.get(table.key)
    if not wrapped:
        return [None] * len(table.header)
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    return [
        Alignment(vertical="top", wrap_text=get_column_letter(n) in wrapped)
        for n in range(1, len(table.header) + 1)
    ]


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


def _cell(sheet: Any, value: Cell, alignment: Any = None) -> Any:
    """A styled cell only where the value needs one: a plain value costs far less to stream."""
    text = _text(value) if isinstance(value, str) else None
    formula_like = text is not None and text.startswith("=")
    if alignment is None and not formula_like and not isinstance(value, datetime):
        return value if text is None else text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value if text is None else text)
    if formula_like:
        cell.data_type = "s"  # a quote that starts with "=" is text, never a formula
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value
