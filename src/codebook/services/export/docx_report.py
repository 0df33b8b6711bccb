"""The Word theme report: title page, contents, a chapter per theme, the codebook.

Structure (headings use Word's built-in Heading 1-3 styles, so the navigation
pane and the table of contents work; the contents list two levels, themes and
their codes, so a chapter's parts are a bold "Report Section" paragraph, not a
heading: a contents page of every Definition and Quotes line helps nobody):

- title page: project, report title, date, coders, codebook version, selection,
  and whose codings are counted (with a warning when documents are double-coded);
- contents: a real ``TOC \\o "1-2" \\h \\z \\u`` field, updated when Word opens
  the file (``w:updateFields`` in settings.xml) and by the PDF export (``pdf``);
- per theme (Heading 1): definition, counts per attribute value (documents,
  segments, words coded; the counted line again below them), quotes grouped
  by code (Heading 2 each) in the
  built-in "Quote" style, each followed by its citation (document, turn and
  timecode, speaker with attributes, coders, codebook versions) and memo, then
  the memos on the theme's codes;
- appendix A: every code with all structured fields (top-level codes Heading 2,
  so the contents list them; sub-codes Heading 3); appendix B: revisions;
  appendix C (when there are any): memos on the project and on documents.

Paragraphs and tables are written as XML (``docx_xml.Body``) because
python-docx's ``add_paragraph`` grows quadratically with the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from codebook.domain.analysis import MISSING, TOTAL
from codebook.domain.codebook import CodeItem
from codebook.domain.exports import ReportOptions, ReportResult
from codebook.domain.history import HistoryEntry
from codebook.domain.quotes import Quote
from codebook.domain.transcripts import attribute_text, timecode
from codebook.services.analysis import CodingSet
from codebook.services.atomic import atomic_path
from codebook.services.export import Progress
from codebook.services.export.docx_xml import Body, set_language, set_update_fields
from codebook.services.export.figures import add_figure
from codebook.services.export.keywords import keyword_pattern, keyword_spans
from codebook.services.export.labels import WORD_LANGUAGE, labels, long_date
from codebook.services.export.report import (
    CountTable,
    MemoRow,
    ReportHead,
    Theme,
    gather_head,
    gather_theme,
    report_codes,
    theme_ids,
)

if TYPE_CHECKING:
    from docx.document import Document

QUOTE_STYLE = "Quote"
CITATION_STYLE = "Quote Citation"
SECTION_STYLE = "Report Section"
Labels = Mapping[str, str]


def export_docx(
    session: Session,
    out: str | Path,
    options: ReportOptions | None = None,
    progress: Progress = None,
) -> ReportResult:
    """Write the theme report to ``out`` (atomically); returns what it holds.

    Progress steps: one per theme, one for the appendix, one for saving.
    """
    import docx

    options = options or ReportOptions()
    lab = labels(options.lang)
    themes = theme_ids(session, options.themes)
    data = CodingSet.load(session, options.filters, report_codes(session, themes))
    head = gather_head(session, data, options, themes)
    steps = len(head.theme_ids) + 2
    document = docx.Document()
    _setup(document, options.lang, head, lab)
    quotes = 0
    figures = FigureCount()
    with Body.of(document) as body:
        _title_page(body, head, lab, options.lang)
        body.paragraph(lab["contents"], "TOC Heading")
        body.toc(lab["toc_placeholder"])
        for done, theme_id in enumerate(head.theme_ids, start=1):
            theme = gather_theme(session, data, head, theme_id, options)
            quotes += theme.quote_count
            _chapter(body, theme, head, lab, options, figures)
            if progress:
                progress(done, steps)
        _codebook(body, head.codebook, lab)
        _history(body, head.history, lab)
        if head.memos:
            _general_memos(body, head.memos, lab)
    if progress:
        progress(steps - 1, steps)
    target = Path(out)
    with atomic_path(target) as tmp:
        document.save(str(tmp))
    if progress:
        progress(steps, steps)
    return ReportResult(target, len(head.theme_ids), quotes)


def _setup(document: Document, lang: str, head: ReportHead, lab: Labels) -> None:
    """A4 pages, the quote and citation styles (defined once, reused), language, settings."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    quote = document.styles[QUOTE_STYLE].paragraph_format
    quote.left_indent = quote.right_indent = Cm(1)
    quote.space_after = Pt(2)
    quote.keep_with_next = True
    citation = document.styles.add_style(CITATION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    citation.base_style = document.styles["Normal"]
    citation.paragraph_format.left_indent = Cm(1)
    citation.paragraph_format.space_after = Pt(10)
    citation.font.size = Pt(9)
    citation.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    part = document.styles.add_style(SECTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    part.base_style = document.styles["Normal"]
    part.font.bold = True
    part.font.size = Pt(13)
    part.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    part.paragraph_format.space_before = Pt(12)
    part.paragraph_format.space_after = Pt(4)
    part.paragraph_format.keep_with_next = True
    set_language(document, WORD_LANGUAGE[lang])
    set_update_fields(document)
    props = document.core_properties
    props.title = f"{head.project}: {lab['report_title']}"
    props.subject = lab["report_title"]
    props.author = ", ".join(head.coders)
    props.language = WORD_LANGUAGE[lang]
    props.comments = lab["generated"]


def _title_page(body: Body, head: ReportHead, lab: Labels, lang: str) -> None:
    body.paragraph(head.project, "Title")
    body.paragraph(lab["report_title"], "Subtitle")
    facts = [
        (lab["date"], long_date(head.day, lang)),
        (lab["coders"], ", ".join(head.coders) or "-"),
        (lab["codebook_version"], str(head.codebook_version)),
        (lab["documents"], str(head.documents)),
        (lab["filter"], head.selection or lab["all_documents"]),
    ]
    for label, value in facts:
        p = body.paragraph()
        body.run(p, f"{label}: ", bold=True)
        body.run(p, value)
    for line in head.counted:
        body.paragraph(line, italic=True)
    body.page_break()


@dataclass
class FigureCount:
    """The number of the last figure written: figures are numbered through the report."""

    number: int = 0


def _chapter(
    body: Body,
    theme: Theme,
    head: ReportHead,
    lab: Labels,
    options: ReportOptions,
    figures: FigureCount,
) -> None:
    highlight, lang = options.highlight, options.lang
    body.paragraph(theme.code.path, "Heading 1", page_break_before=True)
    body.paragraph(lab["definition"], SECTION_STYLE)
    if theme.code.brief_definition:
        body.paragraph(theme.code.brief_definition, bold=True)
    if theme.code.full_definition:
        body.paragraph(theme.code.full_definition)
    if theme.counts:
        body.paragraph(lab["counts"], SECTION_STYLE)
        for table in theme.counts:
            _count_table(body, table, lab)
        for line in head.counted:
            body.paragraph(line, italic=True)
    if theme.figures:
        body.paragraph(lab["figures"], SECTION_STYLE)
        for figure in theme.figures:
            figures.number += 1
            add_figure(body, figure.png, figure.caption, figure.note, figures.number, lang=lang)
    body.paragraph(lab["quotes"], SECTION_STYLE)
    for group in theme.groups:
        body.paragraph(group.label, "Heading 2")
        if group.brief_definition and group.depth:
            body.paragraph(group.brief_definition, italic=True)
        if reviewed := head.reviewed.get(group.code_id):
            body.paragraph(lab["reviewed"].format(**vars(reviewed)), italic=True)
        if not group.quotes:
            body.paragraph(lab["no_quotes"], italic=True)
        pattern = keyword_pattern(group.keywords) if highlight != "none" else None
        color = group.color.lstrip("#") if highlight == "colour" else None
        for quote in group.quotes:
            _quote(body, quote.text, pattern, color)
            body.paragraph(citation(quote, head.citation, lab), CITATION_STYLE)
            if quote.note:
                p = body.paragraph(style=CITATION_STYLE)
                body.run(p, f"{lab['memo']}: ", bold=True)
                body.run(p, quote.note)
        if group.hidden:
            body.paragraph(lab["more_quotes"].format(count=group.hidden), italic=True)
    body.paragraph(lab["memos"], SECTION_STYLE)
    if not theme.memos:
        body.paragraph(lab["no_memos"], italic=True)
    else:
        body.table(
            [lab["code"], lab["memo_title"], lab["memo_text"], lab["author"], lab["when"]],
            [
                [m.code, m.title, m.text, m.author, m.created_at.strftime("%Y-%m-%d")]
                for m in theme.memos
            ],
            widths=(0.2, 0.15, 0.4, 0.12, 0.13),
        )


def _quote(body: Body, text: str, pattern: re.Pattern[str] | None, color: str | None) -> None:
    """A quote, its keywords in bold (and in the code's colour when ``color``)."""
    spans = keyword_spans(text, pattern)
    if not spans:
        body.paragraph(text, QUOTE_STYLE)
        return
    p = body.paragraph(style=QUOTE_STYLE)
    at = 0
    for start, end in spans:
        if start > at:
            body.run(p, text[at:start])
        body.run(p, text[start:end], bold=True, color=color)
        at = end
    if at < len(text):
        body.run(p, text[at:])


def _count_table(body: Body, table: CountTable, lab: Labels) -> None:
    body.paragraph(lab["counts_by"].format(attribute=table.attribute), bold=True, keep_next=True)

    def label(value: str) -> str:
        return lab["total"] if value == TOTAL else lab["none"] if value == MISSING else value

    body.table(
        [table.attribute, lab["documents"], lab["segments"], lab["words_coded"]],
        [[label(r.value), r.documents, r.segments, r.words] for r in table.rows],
        widths=(0.4, 0.2, 0.2, 0.2),
    )
    body.paragraph()


def citation(quote: Quote, attributes: Sequence[str], lab: Labels) -> str:
    """``— woa-01.txt, turn 12 (00:04:31), Judith (coördinator, WOA); coded by anna, codebook v7``.

    A quote in a report must be traceable: the document, turn and timecode find
    it back in the transcript, the coders and codebook versions say whose
    reading it is and under which definitions. A passage several coders coded
    is one quote naming every coder and every version their codings were made
    under (``v6, v7``).
    """
    values = [attribute_text(quote.attributes[a]) for a in attributes if a in quote.attributes]
    who = quote.speaker or ""
    if values:
        who = f"{who} ({', '.join(values)})" if who else ", ".join(values)
    at = timecode(quote.timecode) if quote.timecode is not None else ""
    if quote.turn is not None:
        turn = lab["turn"].format(number=quote.turn)
        at = f"{turn} ({at})" if at else turn
    where = ", ".join(p for p in (quote.document, at, who) if p)
    coders = sorted({c.coder for c in quote.codings}, key=str.casefold)
    versions = sorted({c.codebook_version for c in quote.codings})
    coded = lab["coded_by"].format(coders=", ".join(coders))
    version = lab["codebook_at"].format(versions=", ".join(f"v{v}" for v in versions))
    return f"— {where}; {coded}, {version}"


def _codebook(body: Body, codes: Sequence[CodeItem], lab: Labels) -> None:
    body.paragraph(lab["appendix_codebook"], "Heading 1", page_break_before=True)
    for code in codes:
        body.paragraph(code.path, "Heading 2" if code.depth == 0 else "Heading 3")
        rows = [
            (lab["brief_definition"], code.brief_definition),
            (lab["full_definition"], code.full_definition),
            (lab["when_to_use"], code.when_to_use),
            (lab["when_not_to_use"], code.when_not_to_use),
            (lab["example"], code.example),
            (lab["keywords"], ", ".join(code.keywords)),
            (lab["color"], code.color),
            (lab["status"], lab["retired"] if code.retired else lab["active"]),
            (lab["codings"], str(code.count)),
        ]
        body.table([lab["name"], code.name], [[k, v or "-"] for k, v in rows], widths=(0.28, 0.72))
        body.paragraph()


def _general_memos(body: Body, memos: Sequence[MemoRow], lab: Labels) -> None:
    body.paragraph(lab["appendix_memos"], "Heading 1", page_break_before=True)
    body.table(
        [lab["memo_on"], lab["memo_title"], lab["memo_text"], lab["author"], lab["when"]],
        [
            [m.code or lab["project"], m.title, m.text, m.author, m.created_at.strftime("%Y-%m-%d")]
            for m in memos
        ],
        widths=(0.2, 0.15, 0.4, 0.12, 0.13),
    )


def _history(body: Body, rows: Sequence[HistoryEntry], lab: Labels) -> None:
    body.paragraph(lab["appendix_history"], "Heading 1", page_break_before=True)
    if not rows:
        body.paragraph(lab["no_history"], italic=True)
        return
    body.table(
        [lab["version"], lab["kind"], lab["who"], lab["when"], lab["reason"]],
        [
            [
                r.version,
                lab.get(f"revision_{r.kind}", r.kind),
                r.coder,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.reason,
            ]
            for r in rows
        ],
        widths=(0.1, 0.15, 0.15, 0.2, 0.4),
    )
