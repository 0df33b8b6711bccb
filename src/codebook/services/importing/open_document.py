"""Reading OpenDocument text (.odt) transcripts, as written by LibreOffice.

Paragraphs and headings are read in document order; table rows become one
line with tab-separated cells, as for Word. Comments and footnotes are left
out: they are the transcriber's notes, not what was said.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codebook.domain import ImportFailed
from codebook.services.importing.extracted import DocumentText

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

_PARAGRAPHS = {(_TEXT_NS, "p"), (_TEXT_NS, "h")}
_TABLE_ROW = (_TABLE_NS, "table-row")
_TABLE_CELL = (_TABLE_NS, "table-cell")
_SKIPPED = {
    (_OFFICE_NS, "annotation"),
    (_OFFICE_NS, "annotation-end"),
    (_TEXT_NS, "note"),
    (_TEXT_NS, "tracked-changes"),
}
_TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"
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
        raise ImportFailed(f"{path}: not a valid OpenDocument text ({reason})") from None
    return DocumentText("\n".join(_block_lines(body)))


def _check_package(path: Path, data: bytes) -> None:
    def refuse(reason: str) -> ImportFailed:
        return ImportFailed(f"{path}: not a valid OpenDocument text ({reason})")

    if not data:
        raise refuse("empty file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "content.xml" not in names:
                raise refuse("a zip archive without content.xml")
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if not mimetype.startswith(_TEXT_MIMETYPE):
                    raise refuse(f"a different kind of OpenDocument file: {mimetype}")
    except zipfile.BadZipFile:
        raise refuse("not a zip archive, or truncated") from None
    except (EOFError, OSError, ValueError):
        raise refuse("damaged zip archive") from None


def _block_lines(element: Any) -> Iterator[str]:
    for child in element.childNodes:
        if child.nodeType != _ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        if child.qname in _PARAGRAPHS:
            yield _inline_text(child)
        elif child.qname == _TABLE_ROW:
            cells = [
                " ".join(" ".join(_block_lines(cell)).split())
                for cell in child.childNodes
                if cell.nodeType == _ELEMENT_NODE and cell.qname == _TABLE_CELL
            ]
            yield "\t".join(cells)
        else:
            yield from _block_lines(child)


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
