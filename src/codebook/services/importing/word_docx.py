"""Reading Word (.docx) transcripts.

Transcripts are often typed in Word, sometimes with the conversation in a
table (speaker in one column, text in the next, perhaps a timecode first).
Body paragraphs and table rows are read in document order; headers and
footers hold page furniture (project name, page numbers), not speech, and are
left out. Tables are read by ``conversation_tables``: a conversation becomes
``Speaker: text`` lines, any other table tab-separated rows.

Tracked changes are read as Word shows them with "No Markup": insertions and
moved-to text kept, deletions and moved-from text dropped, a deleted
paragraph mark joining two paragraphs, deleted table rows left out. The
import says so with a warning: the analyst may not know the file still holds
unaccepted changes.
Comments and footnotes are the writer's notes, not speech: their text lives
in parts of the package that are never read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from codebook.domain import CodebookError, ImportFailed
from codebook.services.importing.conversation_tables import table_lines
from codebook.services.importing.extracted import DocumentText
from codebook.services.importing.tracked_changes import accepted_changes_warning

# The signature of the OLE2 container used by old .doc files and by
# password-protected .docx files.
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BUFFER_REPR = re.compile(r"'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?")


def read(path: Path, data: bytes) -> DocumentText:
    """The body text: one line per paragraph, tables as conversation turns or tab-separated rows."""
    _check_package(path, data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises anything from KeyError to lxml errors
        raise _invalid(path, _describe(error)) from None

    body = document.element.body
    return DocumentText("\n".join(_body_lines(body)), warnings=_tracked_change_warnings(body))


def _invalid(path: Path, reason: CodebookError | str) -> ImportFailed:
    return ImportFailed("{file}: not a valid Word document ({reason})", file=path, reason=reason)


def _check_package(path: Path, data: bytes) -> None:

    if not data:
        raise _invalid(path, CodebookError("empty file"))
    if data.startswith(_OLE2_SIGNATURE):
        raise _invalid(
            path, CodebookError("old .doc format or password-protected; save it as .docx")
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise _invalid(path, CodebookError("a zip archive without word/document.xml"))
            if archive.testzip() is not None:
                raise _invalid(path, CodebookError("damaged zip archive"))
    except zipfile.BadZipFile:
        raise _invalid(path, CodebookError("not a zip archive, or truncated")) from None
    except (zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise _invalid(path, CodebookError("damaged zip archive")) from None


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH, _TABLE = f"{{{_W}}}p", f"{{{_W}}}tbl"
_CONTENT_CONTROL, _CONTENT_CONTROL_CONTENT = f"{{{_W}}}sdt", f"{{{_W}}}sdtContent"
_CUSTOM_XML = f"{{{_W}}}customXml"

# Run content that is text, in a run that is not deleted, moved away or in a
# text box (whose paragraphs are drawn beside the text, not part of the speech).
# Comments and footnotes live in parts of their own: in the body they are
# only reference marks without text.
_RUN_TEXT = (
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
)
# A deleted paragraph mark: Word shows the paragraph joined to the next one.
_MARK_DELETED = "boolean(./w:pPr/w:rPr/w:del | ./w:pPr/w:rPr/w:moveFrom)"
# Rows not deleted; cells also inside content controls.
_ROWS = "./w:tr[not(w:trPr/w:del)] | ./w:sdt/w:sdtContent/w:tr[not(w:trPr/w:del)]"
_CELLS = "./w:tc | ./w:sdt/w:sdtContent/w:tc"
# The rest of a vertically merged cell (no value means "continue").
_MERGED_FROM_ABOVE = "boolean(./w:tcPr/w:vMerge[not(@w:val) or @w:val = 'continue'])"
_INSERTIONS = "count(.//w:ins | .//w:moveTo | .//w:cellIns)"
_DELETIONS = "count(.//w:del | .//w:moveFrom | .//w:cellDel)"
_BREAK_TYPE = f"{{{_W}}}type"


@cache
def _xpath(expression: str) -> Any:
    """Compiled once; lxml is imported with python-docx, when a .docx is read."""
    from lxml import etree

    return etree.XPath(expression, namespaces={"w": _W})


def _body_lines(body: Any) -> Iterator[str]:
    carried = ""  # a paragraph whose mark was deleted, waiting for the next one
    for block in _blocks(body):
        if block.tag == _TABLE:
            if carried:
                yield carried
                carried = ""
            yield from table_lines(_table_rows(block))
            continue
        text = carried + _paragraph_text(block)
        if _xpath(_MARK_DELETED)(block):
            carried = text
        else:
            yield text
            carried = ""
    if carried:
        yield carried


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, also inside content controls and custom XML."""
    for child in container.iterchildren():
        if child.tag in (_PARAGRAPH, _TABLE):
            yield child
        elif child.tag == _CONTENT_CONTROL:
            content = child.find(_CONTENT_CONTROL_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child)


def _paragraph_text(paragraph: Any) -> str:
    """Like python-docx's ``Paragraph.text``, but keeping tracked insertions."""
    parts = []
    for node in _xpath(_RUN_TEXT)(paragraph):
        kind = node.tag.rsplit("}", 1)[-1]
        if kind == "t":
            parts.append(node.text or "")
        elif kind == "tab":
            parts.append("\t")
        elif kind == "noBreakHyphen":
            parts.append("-")
        elif kind == "cr" or node.get(_BREAK_TYPE) in (None, "textWrapping"):
            parts.append("\n")  # a page or column break is layout, not a line
    return "".join(parts)


def _table_rows(table: Any) -> list[list[str]]:
    """Cell texts per row; a merged cell is read once, where it starts."""
    return [
        [
            "" if _xpath(_MERGED_FROM_ABOVE)(cell) else _cell_text(cell)
            for cell in _xpath(_CELLS)(row)
        ]
        for row in _xpath(_ROWS)(table)
    ]


def _cell_text(cell: Any) -> str:
    """The cell's paragraphs (a nested table's too, once) on one line."""
    parts: list[str] = []
    for paragraph in cell.iter(_PARAGRAPH):
        parts.append(_paragraph_text(paragraph))
        if not _xpath(_MARK_DELETED)(paragraph):
            parts.append(" ")
    return " ".join("".join(parts).split("\n")).strip()


def _tracked_change_warnings(body: Any) -> tuple[str, ...]:
    insertions = int(_xpath(_INSERTIONS)(body))
    deletions = int(_xpath(_DELETIONS)(body))
    return accepted_changes_warning(insertions, deletions)


def _describe(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    if not lines:
        return type(error).__name__
    # python-docx names the in-memory buffer ("file '<_io.BytesIO object at 0x...>'")
    message = _BUFFER_REPR.sub("", lines[0]).replace("file  is", "file is")
    return f"{type(error).__name__}: {message}"
