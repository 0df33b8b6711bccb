"""CLI commands for retrieval, analysis and exports; mounted by ``cli.py``.

``analysis_app``'s commands sit at the top level (``codebook quotes``,
``codebook matrix``, ``codebook cooccurrence``, ``codebook frequencies``);
``export_app`` is mounted as ``codebook export docx|xlsx|csv``. Like
``cli.py``, only typer is imported at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

# Defined before importing codebook.cli: cli.py imports these two back to mount
# them, and this order makes that work whichever module is imported first.
analysis_app = typer.Typer(add_completion=False, rich_markup_mode=None)
export_app = typer.Typer(
    help="Export a Word report, an Excel workbook or CSV tables.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

from codebook.cli import ProjectArg  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pandas as pd
    from sqlalchemy.orm import Session

    from codebook.domain.exports import TableOptions
    from codebook.domain.queries import Filters
    from codebook.domain.quotes import Quote

WhereOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        help="Attribute filter KEY=VALUE; repeat a key for OR, different keys AND.",
    ),
]
CoderOpt = Annotated[
    list[str] | None, typer.Option("--coder", help="Only codings by this coder (repeatable).")
]
ChildrenOpt = Annotated[
    bool, typer.Option("--with-children", help="Count a code's children with it.")
]
UnitOpt = Annotated[str, typer.Option(help="What to count: segments, documents or words.")]


def _filters(where: list[str] | None, coders: list[str] | None) -> Filters:
    from codebook.domain.queries import Filters, parse_where

    return Filters(parse_where(where or []), tuple(coders or ()))


# --------------------------------------------------------------------------- quotes


@analysis_app.command()
def quotes(
    project: ProjectArg,
    query: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help='A code path or name, or a query: "A" AND ("B" OR "C"), "A" NEAR/2 "B", '
            '"A" NOT "B". A * after a code includes its children.',
        ),
    ],
    where: WhereOpt = None,
    coder: CoderOpt = None,
    with_children: Annotated[
        bool, typer.Option("--with-children", help="Include the codings of every code below.")
    ] = False,
    context: Annotated[
        int, typer.Option(help="Sentences of context before and after each quote.")
    ] = 0,
) -> None:
    """Show every coded segment of a code (or a code query) with speaker and position."""
    from codebook.cli import console, open_store
    from codebook.domain.queries import parse_query
    from codebook.services.retrieval import retrieve

    parsed = parse_query(query, with_children=with_children)
    store = open_store(project)
    with store.read() as session:
        found = retrieve(session, parsed, _filters(where, coder), context=context)
    store.close()
    out = console()
    for quote in found:
        out.print(_quote_text(quote))
    out.print(f"{len(found)} quote{'s' if len(found) != 1 else ''}")


def _quote_text(quote: Quote) -> object:
    from rich.text import Text

    from codebook.domain.transcripts import attribute_text, timecode

    head = [quote.document]
    if quote.speaker:
        head.append(quote.speaker)
    if quote.turn is not None:
        head.append(f"turn {quote.turn}")
    if quote.timecode is not None:
        head.append(timecode(quote.timecode))
    attrs = ", ".join(f"{k}={attribute_text(v)}" for k, v in sorted(quote.attributes.items()))
    if attrs:
        head.append(attrs)
    text = Text(" · ".join(head), style="bold")
    text.append(f"  [{quote.start}-{quote.end}]\n", style="dim")
    for c in quote.codings:
        text.append(f"  {c.code}", style="cyan")
        text.append(f" ({c.coder})\n", style="dim")
    text.append("  ")
    text.append(quote.context_before.lstrip(), style="dim")
    text.append(quote.text, style="yellow")
    text.append(quote.context_after.rstrip(), style="dim")
    text.append("\n")
    if quote.note:
        text.append(f"  memo: {quote.note}\n", style="italic")
    return text


# --------------------------------------------------------------------------- tables


def print_frame(frame: pd.DataFrame, title: str) -> None:
    """A DataFrame as rich tables: codes left, numbers right, never a squeezed column.

    A matrix of 27 cases does not fit a terminal; rich would shrink every
    column to nothing and show blank cells. The columns are printed in as
    many consecutive tables as it takes, each repeating the codes.
    """
    from rich.table import Table

    from codebook.cli import console

    out = console()
    labels = [str(label) for label in frame.index]
    label_width = min(max((len(label) for label in labels), default=1), max(24, out.width // 3))
    rows = [[str(v) for v in values] for values in frame.to_numpy().tolist()]
    widths = [
        max(min(len(str(column)), _HEADER_WIDTH), *(len(row[i]) for row in rows))
        for i, column in enumerate(frame.columns)
    ]
    groups = _column_groups(widths, out.width - label_width - 4)
    for number, group in enumerate(groups, start=1):
        part = f" ({number}/{len(groups)})" if len(groups) > 1 else ""
        table = Table(title=title + part)
        table.add_column(str(frame.index.name or ""), max_width=label_width, overflow="fold")
        for i in group:
            table.add_column(
                str(frame.columns[i]), justify="right", min_width=widths[i], overflow="fold"
            )
        for label, row in zip(labels, rows, strict=True):
            table.add_row(label, *(row[i] for i in group))
        out.print(table)


_HEADER_WIDTH = 16  # a longer column header wraps rather than widening its column


def _column_groups(widths: Sequence[int], room: int) -> list[list[int]]:
    """Consecutive column indexes whose columns (3 characters of border each) fit ``room``."""
    groups: list[list[int]] = [[]]
    used = 0
    for i, width in enumerate(widths):
        if groups[-1] and used + width + 3 > room:
            groups.append([])
            used = 0
        groups[-1].append(i)
        used += width + 3
    return groups


def _read_frame(project: str, compute: Callable[[Session], pd.DataFrame]) -> pd.DataFrame:
    """Open the project, compute one table in a read transaction, close it again."""
    from codebook.cli import open_store

    store = open_store(project)
    try:
        with store.read() as session:
            return compute(session)
    finally:
        store.close()


@analysis_app.command()
def frequencies(
    project: ProjectArg,
    by: Annotated[
        str | None, typer.Option(help="Attribute whose values are the columns, e.g. werkplaats.")
    ] = None,
    unit: UnitOpt = "segments",
    where: WhereOpt = None,
    coder: CoderOpt = None,
    with_children: ChildrenOpt = False,
) -> None:
    """Count codes per attribute value (segments, documents or words coded)."""
    from codebook.domain.analysis import check_unit
    from codebook.services.analysis import frequencies

    checked, filters = check_unit(unit), _filters(where, coder)
    frame = _read_frame(
        project,
        lambda session: frequencies(
            session, by, checked, filters=filters, with_children=with_children
        ),
    )
    print_frame(frame, f"Codes by {by or 'project'} ({frame.attrs['unit']})")


@analysis_app.command()
def matrix(
    project: ProjectArg,
    cases: Annotated[
        str | None,
        typer.Option(
            help="Columns: documents, cases, or an attribute (default: cases if any, "
            "else documents)."
        ),
    ] = None,
    unit: UnitOpt = "segments",
    where: WhereOpt = None,
    coder: CoderOpt = None,
    with_children: ChildrenOpt = False,
) -> None:
    """Show the code x case matrix."""
    from codebook.domain.analysis import check_unit
    from codebook.services.analysis import code_case_matrix

    checked, filters = check_unit(unit), _filters(where, coder)
    frame = _read_frame(
        project,
        lambda session: code_case_matrix(
            session, cases, checked, filters=filters, with_children=with_children
        ),
    )
    print_frame(frame, f"Code x case matrix ({frame.attrs['unit']})")


@analysis_app.command()
def cooccurrence(
    project: ProjectArg,
    within: Annotated[
        str, typer.Option(help="Where codes meet: segment (overlap), sentence or turn.")
    ] = "segment",
    code: Annotated[
        list[str] | None, typer.Option("--code", help="Only these codes (repeatable).")
    ] = None,
    where: WhereOpt = None,
    coder: CoderOpt = None,
    with_children: ChildrenOpt = False,
) -> None:
    """Show how often codes occur together within a segment, sentence or turn."""
    from codebook.domain.analysis import check_within
    from codebook.services.analysis import cooccurrence
    from codebook.services.codebook.codes import resolve_code

    checked, filters = check_within(within), _filters(where, coder)

    def compute(session: Session) -> pd.DataFrame:
        ids = [resolve_code(session, ref).id for ref in code] if code else None
        return cooccurrence(
            session, checked, filters=filters, codes=ids, with_children=with_children
        )

    frame = _read_frame(project, compute)
    print_frame(frame, f"Co-occurrence ({frame.attrs['unit']})")


# --------------------------------------------------------------------------- exports


_T = TypeVar("_T")


class _Bar:
    """A rich progress bar fed by an export's ``progress(done, total)`` callback."""

    def __init__(self, description: str) -> None:
        from rich.progress import Progress

        from codebook.cli import console

        self.progress = Progress(console=console(stderr=True), transient=True)
        self.task = self.progress.add_task(description, total=None)

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.progress.stop()

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total)


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
    max_quotes: Annotated[
        int | None, typer.Option(help="At most this many quotes per code.")
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(help="Attribute for the count tables (repeatable; default: werkplaats, rol)."),
    ] = None,
) -> None:
    """Write the Word theme report (language from --lang)."""
    from codebook.cli import console, open_store, settings
    from codebook.domain import CodebookError
    from codebook.domain.exports import ReportOptions
    from codebook.services.export.docx_report import export_docx

    if max_quotes is not None and max_quotes < 0:
        raise CodebookError("--max-quotes must be 0 or more")
    options = ReportOptions(
        themes=tuple(themes or ()),
        filters=_filters(where, coder),
        max_quotes=max_quotes,
        by=tuple(by or ()),
        lang=settings.lang,
    )
    store = open_store(project)
    try:
        with _Bar("Writing report") as bar, store.read() as session:
            result = export_docx(session, out, options, progress=bar)
    finally:
        store.close()
    console().print(f"Wrote {result.path}: {result.themes} themes, {result.quotes} quotes")


def _table_options(
    where: list[str] | None,
    coder: list[str] | None,
    cases: str | None,
    unit: str,
    within: str,
    context: int,
) -> TableOptions:
    from codebook.cli import settings
    from codebook.domain.analysis import check_unit, check_within
    from codebook.domain.exports import TableOptions

    return TableOptions(
        filters=_filters(where, coder),
        lang=settings.lang,
        context=context,
        cases=cases,
        unit=check_unit(unit),
        within=check_within(within),
    )


CasesOpt = Annotated[
    str | None, typer.Option(help="Matrix columns: documents, cases or an attribute.")
]
WithinOpt = Annotated[str, typer.Option(help="Co-occurrence within: segment, sentence or turn.")]
ContextOpt = Annotated[int, typer.Option(help="Sentences of context beside each coding.")]


def _with_progress(project: str, description: str, write: Callable[[Session, _Bar], _T]) -> _T:
    """Run one export in a read transaction with a progress bar; always close the project."""
    from codebook.cli import open_store

    store = open_store(project)
    try:
        with _Bar(description) as bar, store.read() as session:
            return write(session, bar)
    finally:
        store.close()


@export_app.command()
def xlsx(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.")],
    where: WhereOpt = None,
    coder: CoderOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
) -> None:
    """Write codings, code x case matrix, co-occurrence and codebook to an Excel workbook."""
    from codebook.cli import console
    from codebook.services.export.xlsx import export_xlsx

    options = _table_options(where, coder, cases, unit, within, context)
    tables = _with_progress(
        project, "Writing workbook", lambda s, bar: export_xlsx(s, out, options, progress=bar)
    )
    sizes = ", ".join(f"{t.title} {len(t.rows)}" for t in tables)
    console().print(f"Wrote {out}: {sizes}")


@export_app.command()
def csv(
    project: ProjectArg,
    outdir: Annotated[Path, typer.Argument(metavar="OUTDIR", help="Folder for the CSV files.")],
    where: WhereOpt = None,
    coder: CoderOpt = None,
    cases: CasesOpt = None,
    unit: UnitOpt = "segments",
    within: WithinOpt = "segment",
    context: ContextOpt = 1,
) -> None:
    """Write the same tables as CSV files (UTF-8 with BOM, so Excel shows ö and ë right)."""
    from codebook.cli import console
    from codebook.services.export.csv_files import export_csv

    options = _table_options(where, coder, cases, unit, within, context)
    paths = _with_progress(
        project, "Writing CSV files", lambda s, bar: export_csv(s, outdir, options, progress=bar)
    )
    console().print(f"Wrote {len(paths)} files to {outdir}: {', '.join(p.name for p in paths)}")
