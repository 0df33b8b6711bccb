"""Fixture builders for the transcript reader tests: every file is made in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

WriteFile = Callable[[str, bytes], Path]
MakeDocx = Callable[..., Path]
MakeOdt = Callable[..., Path]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def make_docx(tmp_path: Path) -> MakeDocx:
    """Build a .docx whose body is a sequence of paragraphs (str) and tables (rows of cells)."""
    import docx

    def make(
        name: str,
        blocks: Sequence[str | Sequence[Sequence[str]]],
        header: str | None = None,
        footer: str | None = None,
    ) -> Path:
        document = docx.Document()
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            else:
                rows = [list(row) for row in block]
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for row_index, row in enumerate(rows):
                    for column_index, value in enumerate(row):
                        table.cell(row_index, column_index).text = value
        section = document.sections[0]
        if header is not None:
            section.header.paragraphs[0].text = header
        if footer is not None:
            section.footer.paragraphs[0].text = footer
        path = tmp_path / name
        document.save(str(path))
        return path

    return make


@pytest.fixture
def make_odt(tmp_path: Path) -> MakeOdt:
    """Build an .odt from (kind, text) blocks, kind "h" for a heading and "p" for a paragraph."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    def make(name: str, blocks: Sequence[tuple[str, str]]) -> Path:
        document = OpenDocumentText()
        for kind, text in blocks:
            element = H(outlinelevel=1, text=text) if kind == "h" else P(text=text)
            document.text.addElement(element)
        path = tmp_path / name
        document.save(str(path))
        return path

    return make
