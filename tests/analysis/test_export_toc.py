"""The report's contents list two levels, themes and their codes, read back from the .docx.

The TOC field's switches decide what Word lists when it updates the field; the
heading levels decide what there is to list. Both are read from the file's
XML: the field instruction, the headings per level, and the cached entries a
reader that does not update fields shows.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pytest

from analysis.study import THEMES, build_study
from codebook.domain.exports import ReportOptions
from codebook.services.export.docx_report import export_docx
from codebook.services.project_store import init_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SECTION_WORDS = ("Definitie", "Aantallen", "Citaten", "Memo's")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("toc")
    store = init_project(folder / "project.db", "Werkplaatsen")
    try:
        build_study(store)
        out = folder / "rapport.docx"
        with store.read() as session:
            export_docx(session, out, ReportOptions(lang="nl"))
    finally:
        store.close()
    return out


def heading_level(paragraph: docx.text.paragraph.Paragraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    found = re.fullmatch(r"Heading (\d)", name or "")
    return int(found.group(1)) if found else None


def test_the_toc_field_lists_levels_one_and_two(report: Path) -> None:
    body = docx.Document(str(report)).element.body
    instructions = [t.text for t in body.iter(f"{W}instrText") if "TOC" in (t.text or "")]
    assert len(instructions) == 1
    switches = instructions[0].split()
    assert switches[:3] == ["TOC", "\\o", '"1-2"']
    assert {"\\h", "\\u"} <= set(switches)


def test_themes_are_level_one_their_codes_level_two_and_sections_no_heading(report: Path) -> None:
    document = docx.Document(str(report))
    levels = [(heading_level(p), p.text) for p in document.paragraphs]
    per_level = Counter(level for level, _ in levels if level is not None)
    level_one = [text for level, text in levels if level == 1]
    assert level_one == [*THEMES, "Bijlage A. Codeboek", "Bijlage B. Revisiegeschiedenis"]
    # Per theme: the quotes of the theme itself and of each sub-code (3 + 2 + 1);
    # in the codebook appendix: each top-level code.
    assert per_level[2] == 6 + len(THEMES)
    # Only the appendix's sub-codes are below the contents' range.
    assert per_level[3] == 3
    assert set(per_level) == {1, 2, 3}
    sections = [p for p in document.paragraphs if p.text in SECTION_WORDS]
    assert len(sections) == 4 * len(THEMES)
    assert all(heading_level(p) is None for p in sections)
    assert {p.style.name for p in sections if p.style is not None} == {"Report Section"}


def test_the_cached_contents_show_what_the_field_would_list(report: Path) -> None:
    """What LibreOffice's plain conversion and previews show: the same two levels."""
    document = docx.Document(str(report))
    listed = [(level, text) for level, text in ((heading_level(p), p.text) for p in
              document.paragraphs) if level in (1, 2)]  # fmt: skip
    body = document.element.body
    in_field, entries = False, []
    for paragraph in body.iter(f"{W}p"):
        kinds = [c.get(f"{W}fldCharType") for c in paragraph.iter(f"{W}fldChar")]
        in_field = in_field or "begin" in kinds
        if in_field:
            entries.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
        if "end" in kinds:
            break
    assert entries == [text for _, text in listed]
    assert not set(entries) & set(SECTION_WORDS)
    assert "Landelijke kennisdeling" in entries
