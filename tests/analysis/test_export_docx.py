"""The Word report, read back with python-docx: structure, counts, quotes, citations, fields."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from analysis.study import BESTUUR, BINNEN, GELIJK, LANDELIJK, THEMES, Study
from analysis.test_analysis import direct_counts, family
from codebook.db.models import Memo
from codebook.domain import CodebookError
from codebook.domain.exports import ReportOptions, ReportResult
from codebook.domain.queries import Filters
from codebook.services.export.docx_report import export_docx

TOC = 'TOC \\o "1-2" \\h \\z \\u'
SECTION = "Report Section"


@dataclass
class Block:
    kind: str  # "p" or "t"
    style: str
    text: str
    rows: list[list[str]]


def blocks(path: Path) -> list[Block]:
    document = docx.Document(str(path))
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            out.append(Block("t", "", "", rows))
        else:
            out.append(Block("p", item.style.name if item.style else "", item.text, []))
    return out


def chapter(found: list[Block], title: str) -> list[Block]:
    start = next(i for i, b in enumerate(found) if b.style == "Heading 1" and b.text == title)
    end = next(
        (i for i in range(start + 1, len(found)) if found[i].style == "Heading 1"), len(found)
    )
    return found[start:end]


def group_of(found: list[Block], label: str) -> list[Block]:
    """The blocks under one Heading 2 (a code's quotes)."""
    start = next(i for i, b in enumerate(found) if b.style == "Heading 2" and b.text == label)
    end = next(
        (
            i
            for i in range(start + 1, len(found))
            if found[i].style.startswith("Heading") or found[i].style == SECTION
        ),
        len(found),
    )
    return found[start + 1 : end]


def write(study: Study, out: Path, **options: object) -> ReportResult:
    with study.store.read() as s:
        return export_docx(s, out, ReportOptions(**options))  # type: ignore[arg-type]


def test_structure_headings_and_toc(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = write(study, out)
    assert result == ReportResult(out, 3, 8)
    found = blocks(out)
    assert [b.text for b in found if b.style == "Heading 1"] == [
        *THEMES,
        "Appendix A. Codebook",
        "Appendix B. Revision history",
    ]
    assert (found[0].style, found[0].text) == ("Title", "test project")
    assert (found[1].style, found[1].text) == ("Subtitle", "Theme summary")
    facts = {b.text.split(": ", 1)[0]: b.text.split(": ", 1)[1] for b in found[2:7]}
    assert facts["Coders"] == "anna, bram"
    assert facts["Codebook version"] == "6"
    assert facts["Selection"] == "all documents"
    kennis = chapter(found, "Kennisdeling")
    assert [b.text for b in kennis if b.style == SECTION] == [
        "Definition",
        "Counts",
        "Figures",  # the theme's coded segments per werkplaats
        "Quotes",
        "Memos",
    ]
    assert [b.text for b in kennis if b.style == "Heading 2"] == [
        "Kennisdeling",
        "Landelijke kennisdeling",
        "Kennisdeling binnen de werkplaats",
    ]
    assert "Het delen van kennis." in [b.text for b in kennis]
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert TOC in body.replace("&quot;", '"')
    assert 'w:fldCharType="begin"' in body
    assert 'w:fldCharType="end"' in body
    assert re.search(r'<w:updateFields w:val="(true|1)"/>', settings)
    assert settings.index("updateFields") < settings.index("<w:compat")
    assert 'w:val="en-GB"' in styles


def test_count_tables_equal_direct_queries(study: Study, tmp_path: Path) -> None:
    # The SQL counts every coding: the report's figures with coders summed.
    out = tmp_path / "report.docx"
    write(study, out, filters=Filters(sum_coders=True))
    found = blocks(out)
    for theme in THEMES:
        tables = [b.rows for b in chapter(found, theme) if b.kind == "t"]
        werkplaats, rol = tables[0], tables[1]
        assert werkplaats[0] == ["werkplaats", "Documents", "Segments", "Words coded"]
        assert rol[0][0] == "rol"
        for table, attribute in ((werkplaats, "werkplaats"), (rol, "rol")):
            expected = direct_counts(study, attribute, family(study, theme))
            for value, docs, segments, _words in table[1:-1]:
                seg, ndocs = expected.get(value, (0, 0))
                assert (int(segments), int(docs)) == (seg, ndocs), (theme, value)
            total = table[-1]
            assert total[0] == "Total"
            assert int(total[2]) == sum(v[0] for v in expected.values())
    kennis = next(b.rows for b in chapter(found, "Kennisdeling") if b.kind == "t")
    assert kennis[1:] == [
        ["POINT", "1", "2", "11"],
        ["WOA", "1", "3", "14"],
        ["WOU", "0", "0", "0"],
        ["Total", "2", "5", "25"],
    ]


def test_quotes_are_document_text_and_each_is_cited(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write(study, out)
    found = blocks(out)
    quotes = [i for i, b in enumerate(found) if b.style == "Quote"]
    assert len(quotes) == 8
    for i in quotes:
        citation = found[i + 1]
        assert citation.style == "Quote Citation"
        assert citation.text.startswith("— ")
        document = next(name for name in study.texts if name in citation.text)
        assert found[i].text in study.texts[document]
    kennis = chapter(found, "Kennisdeling")
    group = group_of(kennis, "Landelijke kennisdeling")
    landelijk = [(b.text, group[i + 1].text) for i, b in enumerate(group) if b.style == "Quote"]
    assert landelijk == [
        (
            "Landelijk delen we weinig.",
            "— point-01.txt, turn 2, Karel (schoolleider, POINT); coded by anna, codebook v6",
        ),
        (
            "We delen kennis landelijk via de conferentie.",
            "— woa-01.txt, turn 2, Judith (coördinator, WOA); coded by anna, codebook v6",
        ),
    ]
    texts = [b.text for b in kennis]
    memo = texts.index("Memo: mooi")
    assert texts[memo - 2] == "We delen kennis landelijk via de conferentie."


def test_a_passage_two_coders_coded_alike_is_quoted_once(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write(study, out, themes=["Vormgeving van de samenwerking"])
    found = blocks(out)
    quotes = [i for i, b in enumerate(found) if b.style == "Quote"]
    assert [found[i].text for i in quotes] == [
        "De samenwerking met de hogeschool is gelijkwaardig."
    ]
    assert found[quotes[0] + 1].text.endswith("; coded by anna, bram, codebook v6")
    assert "Memo: eens" in [b.text for b in found]
    theme = group_of(
        chapter(found, "Vormgeving van de samenwerking"), "Vormgeving van de samenwerking"
    )
    assert [b.text for b in theme] == ["No quotes."]


def test_a_report_on_one_coder_names_that_coder(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write(study, out, filters=Filters({}, ["bram"]))
    citations = [b.text for b in blocks(out) if b.style == "Quote Citation"]
    assert citations == [
        "— point-01.txt, turn 2, Karel (schoolleider, POINT); coded by bram, codebook v6",
        "— woa-01.txt, turn 4, Judith (coördinator, WOA); coded by bram, codebook v6",
        "Memo: eens",
        "— point-01.txt, turn 2, Karel (schoolleider, POINT); coded by bram, codebook v6",
    ]


def test_themes_filters_max_quotes_and_by(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = write(
        study,
        out,
        themes=[LANDELIJK, BESTUUR],
        filters=Filters({"werkplaats": ["WOA", "POINT"]}, ["anna"]),
        max_quotes=1,
        by=["rol"],
    )
    assert result.themes == 2
    found = blocks(out)
    assert [b.text for b in found if b.style == "Heading 1"][:2] == [LANDELIJK, BESTUUR]
    assert "Selection: werkplaats = WOA or POINT; coder: anna" in [b.text for b in found]
    landelijk = chapter(found, LANDELIJK)
    assert [b.text for b in landelijk if b.style == "Quote"] == ["Landelijk delen we weinig."]
    assert "1 more quotes not shown." in [b.text for b in landelijk]
    (table,) = [b.rows for b in landelijk if b.kind == "t"]
    assert table[0][0] == "rol"
    assert table[-1] == ["Total", "2", "2", "11"]
    bestuur = chapter(found, BESTUUR)
    assert [b.text for b in bestuur if b.style == "Quote"] == ["Het bestuur steunt ons."]


def test_memos_on_codes_appear_in_their_chapter(study: Study, tmp_path: Path) -> None:
    with study.store.write() as s:
        s.add(
            Memo(
                target_kind="code",
                target_id=study.codes[BINNEN],
                coder_id=study.coders["bram"],
                title="Binnen of buiten?",
                text="Scholen delen vooral binnen de eigen school.",
                created_at=datetime(2024, 5, 1, 10, 0),
                updated_at=datetime(2024, 5, 1, 10, 0),
            )
        )
    out = tmp_path / "report.docx"
    write(study, out)
    found = blocks(out)
    tables = [b.rows for b in chapter(found, "Kennisdeling") if b.kind == "t"]
    assert tables[-1] == [
        ["Code", "Title", "Text", "Author", "When"],
        [BINNEN, "Binnen of buiten?", "Scholen delen vooral binnen de eigen school.", "bram",
         "2024-05-01"],
    ]  # fmt: skip
    assert "No memos on these codes." in [b.text for b in chapter(found, BESTUUR)]


def test_appendix_lists_every_code_and_the_revision_history(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write(study, out)
    found = blocks(out)
    appendix = chapter(found, "Appendix A. Codebook")
    headings = [b.text for b in appendix if b.style in ("Heading 2", "Heading 3")]
    assert headings == [
        "Kennisdeling",
        LANDELIJK,
        BINNEN,
        "Vormgeving van de samenwerking",
        GELIJK,
        BESTUUR,
    ]
    fields = {row[0]: row[1] for row in next(b.rows for b in appendix if b.kind == "t")}
    assert fields["Name"] == "Kennisdeling"
    assert fields["When not to use"] == "Niet voor samenwerking."
    assert fields["Keywords"] == "kennis, delen"
    assert fields["Codings"] == "1"
    history = [b.rows for b in chapter(found, "Appendix B. Revision history") if b.kind == "t"]
    (rows,) = history
    assert rows[0] == ["Version", "Kind", "Who", "When", "Reason"]
    assert [r[0] for r in rows[1:]] == [str(v) for v in range(1, 7)]
    assert {(r[1], r[2]) for r in rows[1:]} == {("create", "anna")}


def test_dutch_report(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "rapport.docx"
    write(study, out, lang="nl")
    found = blocks(out)
    assert found[1].text == "Themarapportage"
    assert [b.text for b in found if b.style == "Heading 1"][-2:] == [
        "Bijlage A. Codeboek",
        "Bijlage B. Revisiegeschiedenis",
    ]
    kennis = chapter(found, "Kennisdeling")
    assert [b.text for b in kennis if b.style == SECTION] == [
        "Definitie",
        "Aantallen",
        "Figuren",
        "Citaten",
        "Memo's",
    ]
    assert next(b.rows for b in kennis if b.kind == "t")[0] == [
        "werkplaats",
        "Documenten",
        "Fragmenten",
        "Gecodeerde woorden",
    ]
    assert (
        "— point-01.txt, beurt 2, Karel (schoolleider, POINT); gecodeerd door anna, codeboek v6"
    ) in [b.text for b in kennis]
    with zipfile.ZipFile(out) as z:
        assert 'w:val="nl-NL"' in z.read("word/styles.xml").decode()


def test_progress_is_reported_per_theme(study: Study, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with study.store.read() as s:
        export_docx(s, tmp_path / "r.docx", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_unknown_theme_or_attribute_writes_nothing(study: Study, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.docx"
    with pytest.raises(CodebookError, match="unknown code 'Onbekend'"):
        write(study, out, themes=["Onbekend"])
    with pytest.raises(CodebookError, match="unknown attribute 'regio'"):
        write(study, out, by=["regio"])
    assert list(folder.iterdir()) == []


def test_memos_on_the_project_and_documents_form_appendix_c(study: Study, tmp_path: Path) -> None:
    from codebook.services.memos import add_memo, document_target, project_target

    with study.store.write() as s:
        add_memo(s, study.coders["anna"], project_target(), "Focus op borging.", "Koers")
        add_memo(s, study.coders["bram"], document_target(s, "woa-01.txt"), "Open gesprek.")
    out = tmp_path / "report.docx"
    write(study, out, lang="nl")
    found = blocks(out)
    headings = [b.text for b in found if b.style == "Heading 1"]
    assert headings[-1] == "Bijlage C. Memo's bij het project en de documenten"
    table = found[-1].rows
    today = datetime.now(UTC).strftime("%Y-%m-%d")  # memos are stamped in UTC
    assert table == [
        ["Bij", "Titel", "Tekst", "Auteur", "Wanneer"],
        ["Project", "Koers", "Focus op borging.", "anna", today],
        ["woa-01.txt", "", "Open gesprek.", "bram", today],
    ]
