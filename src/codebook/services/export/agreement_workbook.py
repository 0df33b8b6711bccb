"""The agreement report in Excel: what was counted, the figures, the disagreements.

The figures are written as numbers, unrounded, each interval bound in a column
of its own, so a reviewer can recompute or chart them and they equal
``codebook agree --json`` to Excel's fifteen significant digits; an undefined
figure is an empty cell. The sheets go through the theme workbook's writer
(``xlsx.write_workbook``), which writes atomically and keeps text that starts
with "=" as text.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from codebook.domain.agreement import AgreementRequest
from codebook.domain.exports import Cell, ExportTable
from codebook.domain.resolutions import DisagreementQueue
from codebook.services.export import Progress
from codebook.services.export.agreement_report import (
    AgreementReport,
    Labels,
    counted,
    figure_rows,
    gather,
    kappa_of,
    passage,
    resolution_text,
    verdict_text,
)
from codebook.services.export.labels import labels
from codebook.services.export.xlsx import write_workbook


def export_agreement_xlsx(
    session: Session,
    out: str | Path,
    request: AgreementRequest,
    lang: str = "en",
    reference: str | None = None,
    progress: Progress = None,
) -> DisagreementQueue:
    """Write the agreement workbook to ``out`` (atomically); returns what it shows."""
    report = gather(session, request, lang, reference)
    lab = labels(lang)
    tables = [_summary(report, lab), _figures(report, lab), _disagreements(report, lab)]
    write_workbook(tables, Path(out), progress)
    return report.queue


def _summary(report: AgreementReport, lab: Labels) -> ExportTable:
    items = report.queue.items
    facts = [
        (lab["project"], report.project),
        (lab["date"], report.day.isoformat()),
        *counted(report),
        (
            lab["agreement_resolution"],
            lab["agreement_reference"].format(
                name=report.queue.reference,
                resolved=sum(item.resolved for item in items),
                total=len(items),
            ),
        ),
    ]
    rows: list[list[Cell]] = [[label, text] for label, text in facts]
    header = [lab["agreement_what"], lab["agreement_value"]]
    return ExportTable("agreement_summary", lab["agreement_sheet_summary"], header, rows)


def _figures(report: AgreementReport, lab: Labels) -> ExportTable:
    kappa = lab["agreement_fleiss" if report.fleiss else "agreement_kappa"]
    alpha = lab["agreement_alpha"]
    header = [
        lab["code"],
        lab["agreement_units"],
        lab["agreement_coded"],
        lab["agreement_percent"],
        kappa,
        lab["agreement_ci_low"].format(figure=kappa),
        lab["agreement_ci_high"].format(figure=kappa),
        alpha,
        lab["agreement_ci_low"].format(figure=alpha),
        lab["agreement_ci_high"].format(figure=alpha),
        lab["agreement_verdict"],
    ]
    rows: list[list[Cell]] = []
    for name, figures in figure_rows(report):
        value, interval = kappa_of(figures, report.fleiss)
        low, high = interval or (None, None)
        alpha_low, alpha_high = figures.alpha_ci or (None, None)
        verdict = verdict_text(figures, lab) if figures.verdict else None
        rows.append(
            [
                name,
                figures.n_units,
                figures.coded_units,
                figures.percent,
                value,
                low,
                high,
                figures.alpha,
                alpha_low,
                alpha_high,
                verdict,
            ]
        )
    return ExportTable("agreement_figures", lab["agreement_sheet_figures"], header, rows)


def _disagreements(report: AgreementReport, lab: Labels) -> ExportTable:
    header = [
        lab["document"],
        lab["agreement_start"],
        lab["agreement_end"],
        lab["passage"],
        lab["code"],
        lab["agreement_coded_by"],
        lab["agreement_not_coded_by"],
        lab["agreement_resolution"],
    ]
    rows: list[list[Cell]] = [
        [
            item.disagreement.document,
            item.disagreement.start,
            item.disagreement.end,
            passage(item.text),
            item.disagreement.path,
            ", ".join(item.disagreement.coded_by),
            ", ".join(item.disagreement.not_coded_by),
            resolution_text(item, lab),
        ]
        for item in report.queue.items
    ]
    return ExportTable(
        "agreement_disagreements", lab["agreement_sheet_disagreements"], header, rows
    )
