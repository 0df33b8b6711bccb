"""The agreement report in Word, and what it shares with the Excel workbook.

Reviewers ask first what was counted, so the unit, the rule, what "overall"
pools and the thresholds come before any number, worded from the request in
the report's language (the English words are exactly those of ``codebook
agree``). The figures and the disagreements come from one read of the
project (``services.resolutions.disagreement_queue``), so the report, its
resolutions and ``codebook agree --json`` describe the same state.

Figures are shown as ``codebook agree`` prints them: three decimals with the
95% interval to two, percent to one decimal, "–" for an undefined figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from codebook.domain.agreement import AgreementRequest, AgreementResult, Figures, Interval
from codebook.domain.resolutions import DisagreementQueue, QueueItem
from codebook.services.atomic import atomic_path
from codebook.services.export import Progress
from codebook.services.export.docx_xml import Body, set_language
from codebook.services.export.labels import WORD_LANGUAGE, labels, long_date
from codebook.services.project_store import meta
from codebook.services.resolutions import disagreement_queue

if TYPE_CHECKING:
    from docx.document import Document

Labels = Mapping[str, str]
UNDEFINED = "–"
#: A passage longer than this is cut (at a word) and ends in "…": the table
#: names the unit, the project holds the text.
PASSAGE_LIMIT = 160


@dataclass(frozen=True)
class AgreementReport:
    """What both writers render: the project, the day, and the queue of disagreements."""

    project: str
    day: date
    lang: str
    queue: DisagreementQueue

    @property
    def result(self) -> AgreementResult:
        return self.queue.result

    @property
    def fleiss(self) -> bool:
        """Three or more coders: Fleiss' kappa is the kappa shown."""
        return len(self.result.coders) > 2


def gather(
    session: Session, request: AgreementRequest, lang: str, reference: str | None = None
) -> AgreementReport:
    """The figures and each disagreement with its resolution, read in the caller's transaction."""
    labels(lang)  # an unknown language is refused before any counting
    queue = disagreement_queue(session, request, reference)
    return AgreementReport(meta(session, "name"), date.today(), lang, queue)


def counted(report: AgreementReport) -> list[tuple[str, str]]:
    """The "what was counted" lines, (label, text), in the report's language."""
    lab = labels(report.lang)
    result = report.result
    count = len(result.documents)
    files = lab["agreement_files_1" if count == 1 else "agreement_files_n"].format(
        count=f"{count:,}"
    )
    unit = lab[f"agreement_unit_{result.unit}"]
    description = (
        lab["agreement_description_documents"].format(files=files)
        if result.unit == "document"
        else lab["agreement_description"].format(
            unit=unit,
            count=f"{result.n_units:,}",
            plural=lab[f"agreement_plural_{result.unit}"],
            files=files,
        )
    )
    if result.unit == "character":
        rule = lab["agreement_rule_character"]
    elif result.min_overlap is None:
        rule = lab["agreement_rule_any"].format(unit=unit)
    else:
        rule = lab["agreement_rule_share"].format(unit=unit, share=f"{result.min_overlap:.0%}")
    if result.with_children:
        rule += lab["agreement_rule_children"]
    spread = (
        lab["agreement_bootstrap"].format(resamples=result.resamples, seed=result.seed)
        if result.resamples
        else lab["agreement_no_bootstrap"]
    )
    return [
        (lab["agreement_unit"], description),
        (lab["agreement_rule"], rule),
        (lab["agreement_overall_label"], lab["agreement_overall_meaning"]),
        (lab["agreement_intervals"], spread),
        (lab["agreement_thresholds_label"], lab["agreement_thresholds"]),
        (lab["coders"], ", ".join(result.coders)),
        (lab["agreement_documents_compared"], ", ".join(result.documents)),
    ]


def verdict_text(figures: Figures, lab: Labels) -> str:
    found = figures.verdict
    return UNDEFINED if found is None else lab[f"agreement_{found.replace(' ', '_')}"]


def kappa_of(figures: Figures, fleiss: bool) -> tuple[float | None, Interval | None]:
    return (figures.fleiss, figures.fleiss_ci) if fleiss else (figures.kappa, figures.kappa_ci)


def figure_rows(report: AgreementReport) -> list[tuple[str, Figures]]:
    """Each code's figures by path, then the pooled figures (named in the report's language)."""
    pooled = labels(report.lang)["agreement_pooled"]
    return [(c.path, c.figures) for c in report.result.codes] + [(pooled, report.result.overall)]


def passage(text: str) -> str:
    """The unit's text on one line, cut at a word after ``PASSAGE_LIMIT`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= PASSAGE_LIMIT:
        return flat
    cut = flat[:PASSAGE_LIMIT]
    space = cut.rfind(" ")
    return (cut[:space] if space > PASSAGE_LIMIT // 2 else cut).rstrip(" ,.;:") + "…"


def resolution_text(item: QueueItem, lab: Labels) -> str:
    """``as anna coded: the note`` (or both, not coded, recoded as X), or ``open``."""
    found = item.resolution
    if found is None:
        return lab["agreement_open"]
    words = lab[f"agreement_{found.kind}"].format(coder=found.detail, code=found.detail)
    return f"{words}: {found.note}" if found.note else words


def export_agreement_docx(
    session: Session,
    out: str | Path,
    request: AgreementRequest,
    lang: str = "en",
    reference: str | None = None,
    progress: Progress = None,
) -> DisagreementQueue:
    """Write the agreement report to ``out`` (atomically); returns what it shows.

    Progress steps: counting, building the document, saving.
    """
    import docx

    report = gather(session, request, lang, reference)
    if progress:
        progress(1, 3)
    lab = labels(lang)
    document = docx.Document()
    _setup(document, report, lab)
    with Body.of(document) as body:
        _head(body, report, lab)
        _figures(body, report, lab)
        _disagreements(body, report, lab)
    if progress:
        progress(2, 3)
    with atomic_path(out) as tmp:
        document.save(str(tmp))
    if progress:
        progress(3, 3)
    return report.queue


def _setup(document: Document, report: AgreementReport, lab: Labels) -> None:
    """A4 pages in landscape (the disagreements table is wide), the language, the properties."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    set_language(document, WORD_LANGUAGE[report.lang])
    props = document.core_properties
    props.title = f"{report.project}: {lab['agreement_title']}"
    props.subject = lab["agreement_title"]
    props.author = ", ".join(report.result.coders)
    props.language = WORD_LANGUAGE[report.lang]
    props.comments = lab["generated"]


def _head(body: Body, report: AgreementReport, lab: Labels) -> None:
    body.paragraph(report.project, "Title")
    body.paragraph(lab["agreement_title"], "Subtitle")
    p = body.paragraph()
    body.run(p, f"{lab['date']}: ", bold=True)
    body.run(p, long_date(report.day, report.lang))
    body.paragraph(lab["agreement_counted"], "Heading 1")
    for label, text in counted(report):
        p = body.paragraph()
        body.run(p, f"{label}: ", bold=True)
        body.run(p, text)


def _figures(body: Body, report: AgreementReport, lab: Labels) -> None:
    body.paragraph(lab["agreement_per_code"], "Heading 1")
    kappa = lab["agreement_fleiss" if report.fleiss else "agreement_kappa"]
    header = [
        lab["code"],
        lab["agreement_units"],
        lab["agreement_coded"],
        lab["agreement_percent"],
        lab["agreement_with_ci"].format(figure=kappa),
        lab["agreement_with_ci"].format(figure=lab["agreement_alpha"]),
        lab["agreement_verdict"],
    ]
    rows: list[list[str | int]] = []
    for name, figures in figure_rows(report):
        percent = UNDEFINED if figures.percent is None else f"{figures.percent:.1%}"
        rows.append(
            [
                name,
                figures.n_units,
                figures.coded_units,
                percent,
                _with_interval(*kappa_of(figures, report.fleiss)),
                _with_interval(figures.alpha, figures.alpha_ci),
                verdict_text(figures, lab),
            ]
        )
    body.table(header, rows, widths=(0.26, 0.08, 0.08, 0.09, 0.19, 0.19, 0.11))
    body.paragraph(lab["agreement_thresholds"], italic=True)


def _with_interval(value: float | None, interval: Interval | None) -> str:
    if value is None:
        return UNDEFINED
    spread = "" if interval is None else f" [{interval[0]:.2f}, {interval[1]:.2f}]"
    return f"{value:.3f}{spread}"


def _disagreements(body: Body, report: AgreementReport, lab: Labels) -> None:
    body.paragraph(lab["agreement_disagreements"], "Heading 1", page_break_before=True)
    items = report.queue.items
    if not items:
        body.paragraph(lab["agreement_no_disagreements"], italic=True)
        return
    resolved = sum(item.resolved for item in items)
    body.paragraph(
        lab["agreement_reference"].format(
            name=report.queue.reference, resolved=resolved, total=len(items)
        )
    )
    header = [
        lab["document"],
        lab["agreement_characters"],
        lab["passage"],
        lab["code"],
        lab["agreement_coded_by"],
        lab["agreement_not_coded_by"],
        lab["agreement_resolution"],
    ]
    rows: list[list[str | int]] = [
        [
            item.disagreement.document,
            f"{item.disagreement.start}–{item.disagreement.end}",
            passage(item.text),
            item.disagreement.path,
            ", ".join(item.disagreement.coded_by),
            ", ".join(item.disagreement.not_coded_by),
            resolution_text(item, lab),
        ]
        for item in items
    ]
    body.table(header, rows, widths=(0.12, 0.08, 0.32, 0.12, 0.09, 0.09, 0.18))
