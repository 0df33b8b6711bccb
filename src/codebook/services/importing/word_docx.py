"""Reading Word (.docx) transcripts.

Transcripts are often typed in Word, sometimes with the conversation in a
table (speaker in one column, text in the next). Body paragraphs and table
rows are read in document order; headers and footers hold page furniture
(project name, page numbers), not speech, and are left out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codebook.domain import ImportFailed
from codebook.services.importing.extracted import DocumentText

# The signature of the OLE2 container used by old .doc files and by
# password-protected .docx files.
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BUFFER_REPR = re.compile(r"'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?")


def read(path: Path, data: bytes) -> DocumentText:
    """The body text: one line per paragraph, one line per table row with cells tab-separated."""
    _check_package(path, data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises anything from KeyError to lxml errors
        raise ImportFailed(f"{path}: not a valid Word document ({_describe(error)})") from None

    lines = list(_block_lines(document.element.body, document, qn))
    return DocumentText("\n".join(lines))


def _check_package(path: Path, data: bytes) -> None:
    def refuse(reason: str) -> ImportFailed:
        return ImportFailed(f"{path}: not a valid Word document ({reason})")

    if not data:
        raise refuse("empty file")
    if data.startswith(_OLE2_SIGNATURE):
        raise refuse("old .doc format or password-protected; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise refuse("a zip archive without word/document.xml")
            if archive.testzip() is not None:
                raise refuse("damaged zip archive")
    except zipfile.BadZipFile:
        raise refuse("not a zip archive, or truncated") from None
    except (zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise refuse("damaged zip archive") from None


def _block_lines(container: Any, document: Any, qn: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    paragraph_tag, table_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    for child in container.iterchildren():
        if child.tag == paragraph_tag:
            yield Paragraph(child, document).text
        elif child.tag == table_tag:
            yield from _table_lines(Table(child, document))
        elif child.tag == sdt_tag:
            # content controls wrap ordinary paragraphs and tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content, document, qn)


def _table_lines(table: Any) -> Iterator[str]:
    from docx.table import _Cell

    for row in table.rows:
        cells: list[str] = []
        for tc in row._tr.tc_lst:
            if tc.vMerge == "continue":
                # the rest of a vertically merged cell: its text belongs to the row above
                cells.append("")
                continue
            cells.append(" ".join(_Cell(tc, table).text.split("\n")).strip())
        yield "\t".join(cells)


def _describe(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    if not lines:
        return type(error).__name__
    # python-docx names the in-memory buffer ("file '<_io.BytesIO object at 0x...>'")
    message = _BUFFER_REPR.sub("", lines[0]).replace("file  is", "file is")
    return f"{type(error).__name__}: {message}"
