"""``codebook export docx|pdf|xlsx|csv|qdpx|agreement``: the Word theme report (or the same
as PDF, through LibreOffice), the Excel workbook, CSV tables, the whole project as REFI-QDA
for another tool, or the inter-coder agreement report in Word or Excel.

The door writes the export (atomically: a failed export leaves no file) and
reports what it wrote; a progress bar on standard error follows it. An existing
file is never replaced without ``--force``: the refusal names it and exits with
code 2, before any work, so a script's earlier report survives a typo.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from codebook.cli.agree import (
    AgreementUnitOpt,
    ChildrenOpt,
    CodersOpt,
    CodesOpt,
    MinOverlapOpt,
    ResamplesOpt,
    SeedOpt,
    agreement_request,
)
from codebook.cli.common import (
    ERROR,
    CodedByOpt,
    ProjectArg,
    ReferenceOpt,
    SumOpt,
    UnitOpt,
    WhereOpt,
    command_group,
    console,
    fail,
    filters,
    opened,
    print_exchange_report,
    progress_bar,
    refuse,
    say,
    settings,
    translated,
)

if TYPE_CHECKING:
    from codebook.domain.exports import ExportSummary, QdpxOptions, ReportOptions, TableOptions

export_app = command_group(
    "export",
    "Export a Word report, an Excel workbook, CSV tables, a REFI-QDA project or the "
    "agreement report.",
)

CasesOpt = Annotated[
    str | None, typer.Option(help="Matrix columns: documents, cases or an attribute.")
]
WithinOpt = Annotated[str, typer.Option(help="Co-occurrence within: segment, sentence or turn.")]
ContextOpt = Annotated[int, typer.Option(help="Sentences of context beside each coding.")]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing file (for csv: the folder's CSV files)."),
]
ThemesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--themes",
        "--theme",
        help="A code to report on (repeatable; default: all top-level codes).",
    ),
]
MaxQuotesOpt = Annotated[int | None, typer.Option(help="At most this many quotes per code.")]
ByOpt = Annotated[
    list[str] | None,
    typer.Option(help="Attribute for the count tables (repeatable; default: werkplaats, rol)."),
]


class HighlightChoice(StrEnum):
    """How the report's quotes show their code's keywords."""

    none = "none"
    bold = "bold"
    colour = "colour"


HighlightOpt = Annotated[
    HighlightChoice,
    typer.Option(help="Show the code's keywords in the quotes: none, bold, or colour (bold too)."),
]
FiguresOpt = Annotated[
    bool,
    typer.Option(
        "--figures/--no-figures",
        help="Each theme's figures: its linked questionnaire items, its segments per group.",
    ),
]
SplitOpt = Annotated[
    float,
    typer.Option(
        "--split-threshold",
        metavar="P",
        help="Split an item's figure per group when its test gives p below this.",
    ),
]


def _refuse_to_replace(existing: tuple[Path, ...], target: Path, csv_folder: bool) -> None:
    """Exit with the error code 2 when ``existing`` is not empty."""
    from codebook.cli.labels.export import LABELS

    if not existing:
        return
    if csv_folder:
        names = ", ".join(p.name for p in existing)
        fail(translated(LABELS, "export_exists_csv", path=target, names=names))
    else:
        fail(translated(LABELS, "export_exists", path=target))
    raise typer.Exit(ERROR)


def _export(
    project: str,
    kind: str,
    target: Path,
    options: ReportOptions | TableOptions | QdpxOptions,
    description: str,
    force: bool,
) -> ExportSummary:
    from codebook.cli.labels.export import LABELS

    with opened(project) as door:
        if not force:
            _refuse_to_replace(door.existing_export(kind, target), target, kind == "csv")
        if kind == "pdf" and not door.can_write_pdf():
            refuse(translated(LABELS, "pdf_no_libreoffice", path=target))
        with progress_bar(description, stderr=True) as progress:
            return door.export(kind, target, options, progress)


def _report_options(
    themes: list[str] | None,
    filter_args: tuple[list[str] | None, list[str] | None, bool, str | None],
    max_quotes: int | None,
    by: list[str] | None,
    highlight: HighlightChoice = HighlightChoice.none,
    figures: tuple[bool, float] = (True, 0.05),
) -> ReportOptions:
    from codebook.domain import CodebookError
    from codebook.domain.exports import ReportOptions

    if max_quotes is not None and max_quotes < 0:
        raise CodebookError("--max-quotes must be 0 or more")
    if not 0 < figures[1] < 1:
        raise CodebookError("--split-threshold must be between 0 and 1")
    return ReportOptions(
        themes=tuple(themes or ()),
        filters=filters(*filter_args),
        max_quotes=max_quotes,
        by=tuple(by or ()),
        lang=settings.lang,
        highlight=highlight.value,
        figures=figures[0],
        split_threshold=figures[1],
    )


@export_app.command()
def docx(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.docx", help="The report to write.")],
    themes: ThemesOpt = None,
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    max_quotes: MaxQuotesOpt = None,
    by: ByOpt = None,
    highlight: HighlightOpt = HighlightChoice.none,
    figures: FiguresOpt = True,
    split_threshold: SplitOpt = 0.05,
    force: ForceOpt = False,
) -> None:
    """Write the Word theme report (language from --lang)."""
    options = _report_options(
        themes,
        (where, coded_by, sum_coders, reference),
        max_quotes,
        by,
        highlight,
        (figures, split_threshold),
    )
    result = _export(project, "docx", out, options, "Writing report", force)
    console().print(f"Wrote {result.path}: {result.themes} themes, {result.quotes} quotes")


@export_app.command()
def pdf(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.pdf", help="The report to write.")],
    themes: ThemesOpt = None,
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    max_quotes: MaxQuotesOpt = None,
    by: ByOpt = None,
    highlight: HighlightOpt = HighlightChoice.none,
    figures: FiguresOpt = True,
    split_threshold: SplitOpt = 0.05,
    force: ForceOpt = False,
) -> None:
    """Write the theme report as PDF, its contents with page numbers (needs LibreOffice)."""
    from codebook.cli.labels.export import LABELS

    options = _report_options(
        themes,
        (where, coded_by, sum_coders, reference),
        max_quotes,
        by,
        highlight,
        (figures, split_threshold),
    )
    result = _export(project, "pdf", out, options, translated(LABELS, "pdf_writing"), force)
    say(
        translated(
            LABELS, "pdf_wrote", path=result.path, themes=result.themes, quotes=result.quotes
        )
    )


def _table_options(
    where: list[str] | None,
    coded_by: list[str] | None,
    counting: tuple[bool, str | None],
    cases: str | None,
    unit: str,
    within: str,
    context: int,
) -> TableOptions:
    from codebook.domain.analysis import check_unit, check_within
    from codebook.domain.exports import TableOptions

    sum_coders, reference = counting
    return TableOptions(
        filters=filters(where, coded_by, sum_coders, reference),
        lang=settings.lang,
        context=context,
        cases=cases,
        unit=check_unit(unit),
        within=check_within(within),
    )


@export_app.command()
def xlsx(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.")],
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
    force: ForceOpt = False,
) -> None:
    """Write codings, code x case matrix, co-occurrence and codebook to an Excel workbook."""
    options = _table_options(where, coded_by, (sum_coders, reference), cases, unit, within, context)
    result = _export(project, "xlsx", out, options, "Writing workbook", force)
    sizes = ", ".join(f"{title} {rows}" for title, rows in result.sheets)
    console().print(f"Wrote {out}: {sizes}")


@export_app.command()
def csv(
    project: ProjectArg,
    outdir: Annotated[Path, typer.Argument(metavar="OUTDIR", help="Folder for the CSV files.")],
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
    force: ForceOpt = False,
) -> None:
    """Write the same tables as CSV files (UTF-8 with BOM, so Excel shows ö and ë right)."""
    options = _table_options(where, coded_by, (sum_coders, reference), cases, unit, within, context)
    result = _export(project, "csv", outdir, options, "Writing CSV files", force)
    names = ", ".join(p.name for p in result.files)
    console().print(f"Wrote {len(result.files)} files to {outdir}: {names}")


@export_app.command()
def qdpx(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.qdpx", help="The project file to write.")],
    check: Annotated[
        bool,
        typer.Option("--check", help="Read the file back and compare it with the project."),
    ] = False,
    force: ForceOpt = False,
) -> None:
    """Write the whole project as REFI-QDA (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

    Codes, documents, every coding with its coder and date, memos, cases and
    document attributes; GUIDs stay the same from one export to the next.
    """
    from codebook.domain.exports import QdpxOptions

    result = _export(project, "qdpx", out, QdpxOptions(check=check), "Writing project file", force)
    if result.report is not None:
        print_exchange_report(result.report)


@export_app.command()
def agreement(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.docx|OUT.xlsx", help="The report to write.")],
    coders: CodersOpt,
    unit: AgreementUnitOpt = "sentence",
    codes: CodesOpt = None,
    children: ChildrenOpt = False,
    where: WhereOpt = None,
    min_overlap: MinOverlapOpt = None,
    resamples: ResamplesOpt = 1000,
    seed: SeedOpt = 15,
    reference: Annotated[
        str | None,
        typer.Option(help="The coder whose codings are the resolutions (default: consensus)."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write the agreement report (Word or Excel, by the file's suffix; language from --lang):
    what was counted, the figures per code, the disagreements and their resolutions."""
    from codebook.cli.labels.core import LABELS

    request = agreement_request(
        coders, unit, codes, children, where, min_overlap, (resamples, seed)
    )
    with opened(project) as door:
        if not force:
            _refuse_to_replace((out,) if out.exists() else (), out, csv_folder=False)
        with progress_bar(translated(LABELS, "agreement_writing"), stderr=True) as progress:
            queue = door.export_agreement(
                out, request, lang=settings.lang, reference=reference, progress=progress
            )
    say(
        translated(
            LABELS,
            "agreement_wrote",
            path=out,
            codes=len(queue.result.codes),
            disagreements=len(queue.items),
            resolved=len(queue.items) - len(queue.open_items),
        )
    )
