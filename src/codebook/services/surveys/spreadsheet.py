"""One sheet of an XLSX workbook as rows of text cells, the way a questionnaire is read.

The sheet is read with openpyxl in read-only mode (a 10,000-row export would
take seconds and hundreds of megabytes otherwise), values rather than
formulas, every row numbered as Excel numbers it. Cells become the text a
CSV export of the sheet would hold (3.0 as "3", a date as yyyy-mm-dd), so one
questionnaire reads the same from either file.

Read-only mode does not give a sheet's merged cells, and a header merged
over several columns (a question group above its statements) would otherwise
pass as columns without a name or as a respondent. The merged ranges are
listed at the end of the sheet's XML, which is found in the workbook's zip
and searched as bytes.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from codebook.domain import ImportFailed
from codebook.services.importing.normalize import normalize_text

_MERGED_RANGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref="([^"]+)"')


def column_letter(position: int) -> str:
    """The spreadsheet name of a 0-based column position ("A", ..., "AA")."""
    from openpyxl.utils.cell import get_column_letter

    return str(get_column_letter(position + 1))


def read_sheet(path: Path, sheet: str | None) -> list[tuple[int, list[str]]]:
    """The non-blank rows of one sheet (``sheet``, or the only one) as ``(row, cells)``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ImportFailed("{file}: file not found", file=path) from None
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise ImportFailed(
            "{file}: not a readable .xlsx workbook ({problem})", file=path, problem=error
        ) from None
    try:
        worksheet = book[_sheet_name(path, book.sheetnames, sheet)]
        # the size a writer records can be wrong; without it every row is read
        worksheet.reset_dimensions()
        rows: list[tuple[int, list[str]]] = []
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(value) for value in values]
                if any(cells):
                    rows.append((number, cells))
        except (SyntaxError, zipfile.BadZipFile, KeyError, ValueError) as error:
            raise ImportFailed(
                "{file}: not a readable .xlsx workbook ({problem})", file=path, problem=error
            ) from None
        if rows:
            _refuse_merged_header(path, book, worksheet, rows[0][0])
        return rows
    finally:
        book.close()


def _sheet_name(path: Path, names: list[str], sheet: str | None) -> str:
    if sheet is None:
        if len(names) > 1:
            raise ImportFailed(
                "{file}: {count} sheets ({sheets}); choose one with --sheet",
                file=path,
                count=len(names),
                sheets=", ".join(f"'{name}'" for name in names),
            )
        return names[0]
    if sheet not in names:
        raise ImportFailed(
            "{file}: no sheet '{sheet}'; the sheets are: {sheets}",
            file=path,
            sheet=sheet,
            sheets=", ".join(f"'{name}'" for name in names),
        )
    return sheet


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return normalize_text(value).strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _refuse_merged_header(path: Path, book: Any, worksheet: Any, header_row: int) -> None:
    """Refuse a header row any merged range covers, naming the ranges."""
    from openpyxl.utils.cell import range_boundaries

    # read-only sheets keep their zip open and know their part's name, but do not parse merges
    xml = book._archive.read(worksheet._worksheet_path)
    if b"mergeCell" not in xml:
        return
    covering = []
    for match in _MERGED_RANGE.finditer(xml):
        ref = match.group(1).decode("ascii", "replace")
        _, first_row, _, last_row = range_boundaries(ref)
        if first_row <= header_row <= last_row:
            covering.append(ref)
    if covering:
        raise ImportFailed(
            "{file}, row {row}: merged header cells {cells}; give every column its own header",
            file=path,
            row=header_row,
            cells=", ".join(covering),
        )
