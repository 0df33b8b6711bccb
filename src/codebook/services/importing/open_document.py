"""Reading OpenDocument text (.odt) transcripts, as written by LibreOffice.

Paragraphs and headings are read in document order; tables are read as for
Word (``conversation_tables``: a conversation becomes turns, any other table
tab-separated rows). Comments and footnotes are left out: they are the
transcriber's notes, not what was said. Tracked changes are read as accepted:
inserted text stands in the paragraphs, deleted text only in the list of
changes, which is skipped; a warning says the file still holds them.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codebook.domain import CodebookError, ImportFailed
from codebook.services.importing.conversation_tables import table_lines
from codebook.services.importing.extracted import DocumentText
from codebook.services.importing.tracked_changes import accepted_changes_warning

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

_PARAGRAPHS = {(_TEXT_NS, "p"), (_TEXT_NS, "h")}
_TABLE = (_TABLE_NS, "table")
_TABLE_ROW = (_TABLE_NS, "table-row")
_TABLE_CELL = (_TABLE_NS, "table-cell")
_COVERED_CELL = (_TABLE_NS, "covered-table-cell")
_COLUMNS_SPANNED = (_TABLE_NS, "number-columns-spanned")
_COLUMNS_REPEATED = (_TABLE_NS, "number-columns-repeated")
_TRACKED_CHANGES = (_TEXT_NS, "tracked-changes")
_CHANGED_REGION = (_TEXT_NS, "changed-region")
_INSERTION = (_TEXT_NS, "insertion")
_DELETION = (_TEXT_NS, "deletion")
_SKIPPED = {
    (_OFFICE_NS, "annotation"),
    (_OFFICE_NS, "annotation-end"),
    (_TEXT_NS, "note"),
    (_TEXT_NS, "tracked-changes"),
}
_TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_MAX_COLUMNS = 64
_ELEMENT_NODE = 1
_TEXT_NODE = 3


def read(path: Path, data: bytes) -> DocumentText:
    """The text of the document body, one line per paragraph or heading."""
    _check_package(path, data)
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
        body = document.text
        if body is None:
            raise ValueError("no text body")
    except Exception as error:  # odfpy lets zip, XML and attribute errors through
        message = str(error).strip().splitlines()
        reason = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
        raise _invalid(path, reason) from None
    return DocumentText("\n".join(_block_lines(body)), warnings=_tracked_change_warnings(body))


def _invalid(path: Path, reason: CodebookError | str) -> ImportFailed:
    return ImportFailed(
        "{file}: not a valid OpenDocument text ({reason})", file=path, reason=reason
    )


def _check_package(path: Path, data: bytes) -> None:
    if not data:
        raise _invalid(path, CodebookError("empty file"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "content.xml" not in names:
                raise _invalid(path, CodebookError("a zip archive without content.xml"))
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if not mimetype.startswith(_TEXT_MIMETYPE):
                    raise _invalid(
                        path,
                        CodebookError(
                            "a different kind of OpenDocument file: {mimetype}", mimetype=mimetype
                        ),
                    )
    except zipfile.BadZipFile:
        raise _invalid(path, CodebookError("not a zip archive, or truncated")) from None
    except (EOFError, OSError, ValueError):
        raise _invalid(path, CodebookError("damaged zip archive")) from None


def _block_lines(element: Any) -> Iterator[str]:
    for child in element.childNodes:
        if child.nodeType != _ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        if child.qname in _PARAGRAPHS:
            yield _inline_text(child)
        elif child.qname == _TABLE:
            yield from table_lines([_row_cells(row) for row in _table_rows(child)])
        else:
            yield from _block_lines(child)


def _table_rows(element: Any) -> Iterator[Any]:
    """The rows of a table, also in header-row and row groups, not those of nested tables."""
    for child in _elements(element):
        if child.qname == _TABLE_ROW:
            yield child
        elif child.qname != _TABLE:
            yield from _table_rows(child)


def _row_cells(row: Any) -> list[str]:
    """Cell texts; a merged cell is read once, where it starts, and spans one place."""
    cells: list[str] = []
    spanned = 0  # covered cells still to skip: the rest of a cell merged across
    for cell in _elements(row):
        repeated = _number(cell, _COLUMNS_REPEATED)
        if cell.qname == _TABLE_CELL:
            text = " ".join(" ".join(_block_lines(cell)).split())
            cells.extend([text] * repeated)
            spanned = _number(cell, _COLUMNS_SPANNED) - 1
        elif cell.qname == _COVERED_CELL:
            skipped = min(spanned, repeated)
            spanned -= skipped
            cells.extend([""] * (repeated - skipped))  # merged with the cell above
    return cells


def _number(cell: Any, attribute: tuple[str, str]) -> int:
    """A repeat or span count; capped, since a table in a text has a handful of columns."""
    value = cell.attributes.get(attribute)
    return min(int(value), _MAX_COLUMNS) if value and value.isdecimal() and int(value) > 0 else 1


def _elements(element: Any) -> list[Any]:
    return [child for child in element.childNodes if child.nodeType == _ELEMENT_NODE]


def _tracked_change_warnings(body: Any) -> tuple[str, ...]:
    kinds = Counter(
        change.qname
        for changes in _elements(body)
        if changes.qname == _TRACKED_CHANGES
        for region in _elements(changes)
        if region.qname == _CHANGED_REGION
        for change in _elements(region)
    )
    insertions, deletions = kinds[_INSERTION], kinds[_DELETION]
    return accepted_changes_warning(insertions, deletions)


def _inline_text(element: Any) -> str:
    """Like ``odf.teletype.extractText``, but without comments and footnotes."""
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == _TEXT_NODE:
            parts.append(child.data)
        elif child.nodeType != _ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        elif child.qname == (_TEXT_NS, "line-break"):
            parts.append("\n")
        elif child.qname == (_TEXT_NS, "tab"):
            parts.append("\t")
        elif child.qname == (_TEXT_NS, "s"):
            count = child.getAttribute("c")
            parts.append(" " * (int(count) if count and count.isdigit() else 1))
        else:
            parts.append(_inline_text(child))
    return "".join(parts)
