"""Reading Word (.docx) transcripts.

Transcripts are often typed in Word, sometimes with the conversation in a
table (speaker in one column, text in the next, perhaps a timecode first).
Body paragraphs and table rows are read in document order; headers and
footers hold page furniture (project name, page numbers), not speech, and are
left out. Text is read as the document stands with its tracked changes
accepted: insertions count, deletions do not, as Word shows it with
"No Markup".

A table that holds a conversation is written out as ``Speaker: text`` lines
(``00:01:02 Speaker: text`` with a timecode column), so its rows become
turns like any typed transcript; any other table is one tab-separated line
per row.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codebook.domain import ImportFailed
from codebook.services.importing.extracted import DocumentText
from codebook.services.importing.speakers import (
    is_known_label,
    looks_like_speaker_label,
    parse_timecode,
)

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

    paragraph_tag, table_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    for child in container.iterchildren():
        if child.tag == paragraph_tag:
            yield _paragraph_text(child)
        elif child.tag == table_tag:
            yield from _table_lines(Table(child, document))
        elif child.tag == sdt_tag:
            # content controls wrap ordinary paragraphs and tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content, document, qn)


# Run content that is text, in a run that is not deleted, moved away or in a
# text box (whose paragraphs are drawn beside the text, not part of the speech).
_RUN_TEXT = (
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
)


def _paragraph_text(paragraph: Any) -> str:
    """Like python-docx's ``Paragraph.text``, but keeping tracked insertions."""
    parts = []
    for node in paragraph.xpath(_RUN_TEXT):
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


_BREAK_TYPE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type"


def _table_lines(table: Any) -> Iterator[str]:
    rows = [_row_cells(table, row) for row in table.rows]
    speaker_column = _speaker_column(rows)
    if speaker_column is None:
        yield from ("\t".join(cells) for cells in rows)
        return
    counts = Counter(cells[speaker_column].rstrip(":").strip().casefold() for cells in rows)
    for index, cells in enumerate(rows):
        label = cells[speaker_column].rstrip(":").strip()
        spoken = cells[-1]
        if not label:
            yield spoken  # the same speaker goes on
        elif index == 0 and _is_header(cells, counts[label.casefold()]):
            yield "\t".join(cells)
        elif speaker_column == 1:
            yield f"{cells[0]} {label}: {spoken}"
        else:
            yield f"{label}: {spoken}"


def _is_header(cells: list[str], occurrences: int) -> bool:
    """A first row like "Tijd | Spreker | Tekst": one-off, short cells, no timecode, no sentence."""
    return (
        occurrences == 1
        and not _is_timecode(cells[0])
        and all(len(cell.split()) <= 2 and not any(m in cell for m in ".?!") for cell in cells)
    )


def _row_cells(table: Any, row: Any) -> list[str]:
    from docx.oxml.ns import qn

    cells: list[str] = []
    for tc in row._tr.tc_lst:
        if tc.vMerge == "continue":
            # the rest of a vertically merged cell: its text belongs to the row above
            cells.append("")
            continue
        paragraphs = (_paragraph_text(p) for p in tc.iter(qn("w:p")))
        cells.append(" ".join(" ".join(paragraphs).split("\n")).strip())
    return cells


def _speaker_column(rows: list[list[str]]) -> int | None:
    """Which column names the speaker, when the table is a conversation; else None.

    A conversation table has two columns (speaker, text) or three (timecode,
    speaker, text), and most of its rows name a speaker, of whom at least one
    speaks more than once or is a known role such as "Interviewer". A table
    of names and roles, each named once, stays a table.
    """
    widths = {len(cells) for cells in rows}
    if len(rows) < 2 or len(widths) != 1 or widths.pop() not in (2, 3):
        return None
    column = 1 if len(rows[0]) == 3 else 0
    if column == 1 and sum(_is_timecode(cells[0]) for cells in rows) < len(rows) / 2:
        return None
    labels = [cells[column].rstrip(":").strip() for cells in rows if cells[column].strip()]
    named = [label for label in labels if looks_like_speaker_label(label)]
    counts = Counter(label.casefold() for label in named)
    recurring = any(n >= 2 for n in counts.values()) or any(map(is_known_label, named))
    if not recurring or len(named) < 2 or len(named) < 0.6 * len(labels):
        return None
    return column


def _is_timecode(value: str) -> bool:
    try:
        parse_timecode(value.strip("[]() "))
    except ValueError:
        return False
    return True


def _describe(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    if not lines:
        return type(error).__name__
    # python-docx names the in-memory buffer ("file '<_io.BytesIO object at 0x...>'")
    message = _BUFFER_REPR.sub("", lines[0]).replace("file  is", "file is")
    return f"{type(error).__name__}: {message}"
