"""``codebook export docx|xlsx|csv|qdpx|agreement``: the Word theme report, the Excel
workbook, CSV tables, the whole project as REFI-QDA for another tool, or the inter-coder
agreement report in Word or Excel.

The door writes the export (atomically: a failed export leaves no file) and
reports what it wrote; a progress bar on standard error follows it.
"""

from __future__ import annotations

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
    CoderOpt,
    ProjectArg,
    ReferenceOpt,
    SumOpt,
    UnitOpt,
    WhereOpt,
    command_group,
    console,
    filters,
    opened,
    print_exchange_report,
    progress_bar,
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


def _export(
    project: str,
    kind: str,
    target: Path,
    options: ReportOptions | TableOptions | QdpxOptions,
    description: str,
) -> ExportSummary:
    with opened(project) as door, progress_bar(description, stderr=True) as progress:
        return door.export(kind, target, options, progress)


@export_app.command()
def docx(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.docx", help="The report to write.")],
    themes: Annotated[
        list[str] | None,
        typer.Option(
            "--themes",
            "--theme",
            help="A code to report on (repeatable; default: all top-level codes).",
        ),
    ] = None,
    where: WhereOpt = None,
    coder: CoderOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    max_quotes: Annotated[
        int | None, typer.Option(help="At most this many quotes per code.")
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(help="Attribute for the count tables (repeatable; default: werkplaats, rol)."),
    ] = None,
) -> None:
    """Write the Word theme report (language from --lang)."""
    from codebook.domain import CodebookError
    from codebook.domain.exports import ReportOptions

    if max_quotes is not None and max_quotes < 0:
        raise CodebookError("--max-quotes must be 0 or more")
    options = ReportOptions(
        themes=tuple(themes or ()),
        filters=filters(where, coder, sum_coders, reference),
        max_quotes=max_quotes,
        by=tuple(by or ()),
        lang=settings.lang,
    )
    result = _export(project, "docx", out, options, "Writing report")
    console().print(f"Wrote {result.path}: {result.themes} themes, {result.quotes} quotes")


def _table_options(
    where: list[str] | None,
    coder: list[str] | None,
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
        filters=filters(where, coder, sum_coders, reference),
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
    coder: CoderOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
) -> None:
    """Write codings, code x case matrix, co-occurrence and codebook to an Excel workbook."""
    options = _table_options(where, coder, (sum_coders, reference), cases, unit, within, context)
    result = _export(project, "xlsx", out, options, "Writing workbook")
    sizes = ", ".join(f"{title} {rows}" for title, rows in result.sheets)
    console().print(f"Wrote {out}: {sizes}")


@export_app.command()
def csv(
    project: ProjectArg,
    outdir: Annotated[Path, typer.Argument(metavar="OUTDIR", help="Folder for the CSV files.")],
    where: WhereOpt = None,
    coder: CoderOpt = None,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
) -> None:
    """Write the same tables as CSV files (UTF-8 with BOM, so Excel shows ö and ë right)."""
    options = _table_options(where, coder, (sum_coders, reference), cases, unit, within, context)
    result = _export(project, "csv", outdir, options, "Writing CSV files")
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
) -> None:
    """Write the whole project as REFI-QDA (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

    Codes, documents, every coding with its coder and date, memos, cases and
    document attributes; GUIDs stay the same from one export to the next.
    """
    from codebook.domain.exports import QdpxOptions

    result = _export(project, "qdpx", out, QdpxOptions(check=check), "Writing project file")
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
) -> None:
    """Write the agreement report (Word or Excel, by the file's suffix; language from --lang):
    what was counted, the figures per code, the disagreements and their resolutions."""
    from codebook.cli.labels.core import LABELS

    request = agreement_request(
        coders, unit, codes, children, where, min_overlap, (resamples, seed)
    )
    with (
        opened(project) as door,
        progress_bar(translated(LABELS, "agreement_writing"), stderr=True) as progress,
    ):
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
