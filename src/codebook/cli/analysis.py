"""Retrieval and analysis commands: ``quotes``, ``frequencies``, ``matrix``, ``cooccurrence``,
``crosstab``, ``reference``.

``analysis_app``'s commands sit at the top level (``codebook quotes``,
``codebook matrix``, ...): the package mounts it without a group name. The
count tables come from the door as ``Tabulation`` values and print as text tables,
each followed by the line saying whose codings it counted (and a warning
when documents are double-coded), so a figure is never read without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from codebook.cli.common import (
    Cell,
    CodedByOpt,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    ReferenceOpt,
    SumOpt,
    UnitOpt,
    WhereOpt,
    console,
    filters,
    found_nothing,
    opened,
    print_rows,
    say,
    settings,
    top_level_commands,
    translated,
    warn_where,
)
from codebook.cli.labels.analysis import LABELS

if TYPE_CHECKING:
    from rich.text import Text

    from codebook.domain.analysis import CountedCoders, TableRequest, Tabulation
    from codebook.domain.quotes import Quote

analysis_app = top_level_commands()

ChildrenOpt = Annotated[
    bool, typer.Option("--with-children", help="Count a code's children with it.")
]


def print_counted(counted: CountedCoders, output: Output = Output.table) -> None:
    """The "counted:" line, and the double-coding warning when there is one; beside CSV or
    JSON on standard error, so the script's data stays parseable and the user still sees it."""
    out = console(stderr=output is not Output.table)
    out.print(counted.line(settings.lang), markup=False, highlight=False, soft_wrap=True)
    warning = counted.warning(settings.lang)
    if warning:
        out.print(warning, style="yellow", markup=False, highlight=False, soft_wrap=True)


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
    coded_by: CodedByOpt = None,
    with_children: Annotated[
        bool, typer.Option("--with-children", help="Include the codings of every code below.")
    ] = False,
    context: Annotated[
        int, typer.Option(help="Sentences of context before and after each quote.")
    ] = 0,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    across_coders: Annotated[
        bool,
        typer.Option(
            "--across-coders",
            help="Let AND, NOT and NEAR combine different coders' codings "
            "(default: one coder's codings at a time).",
        ),
    ] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Show every coded segment of a code (or a code query) with speaker and position."""
    chosen = filters(where, coded_by, sum_coders, reference, across_coders)
    with opened(project) as door:
        warn_where(door.check_where(chosen.where))
        found = door.quotes(query, chosen, with_children=with_children, context=context)
        counted = door.counted_coders(chosen)
    if output is Output.table:
        out = console()
        for quote in found:
            out.print(_quote_text(quote))
        key = "quotes_count_1" if len(found) == 1 else "quotes_count"
        out.print(translated(LABELS, key, count=len(found)))
    else:
        print_rows(_QUOTE_COLUMNS, [_quote_row(q) for q in found], title="", output=output)
    print_counted(counted, output)
    if not found:
        found_nothing()


_QUOTE_COLUMNS = [
    Column(key, key)
    for key in (
        "document",
        "speaker",
        "turn",
        "timecode",
        "start",
        "end",
        "codes",
        "coders",
        "text",
        "context_before",
        "context_after",
        "memo",
    )
]


def _quote_row(quote: Quote) -> list[Cell]:
    """A quote as a row for a script: its codes and coders each joined by "; "."""
    return [
        quote.document,
        quote.speaker,
        quote.turn,
        quote.timecode,
        quote.start,
        quote.end,
        "; ".join(c.code for c in quote.codings),
        "; ".join(c.coder for c in quote.codings),
        quote.text,
        quote.context_before,
        quote.context_after,
        quote.note,
    ]


def _quote_text(quote: Quote) -> Text:
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


def print_table(frame: Tabulation, title: str, output: Output = Output.table) -> None:
    """A count table as text tables: codes left, numbers right, never a squeezed column.

    A matrix of 27 cases does not fit a terminal; rich would shrink every
    column to nothing and show blank cells. The columns are printed in as
    many consecutive tables as it takes, each repeating the codes. As CSV or
    JSON, one row per table row keyed by the row labels' name and the columns.
    """
    from codebook.cli.grid_text import grid_lines

    if output is not Output.table:
        index = frame.index_name or "row"
        columns = [Column(index, index), *(Column(c, c) for c in frame.columns)]
        records: list[list[Cell]] = [
            [label, *values] for label, values in zip(frame.rows, frame.cells, strict=True)
        ]
        print_rows(columns, records, title=title, output=output)
        return
    width = console().width
    labels = list(frame.rows)
    longest = max(len(label) for label in [*labels, frame.index_name])
    label_width = min(longest, max(24, width // 3))
    rows = [[str(v) for v in values] for values in frame.cells]
    headers = list(frame.columns)
    widths = [
        max(min(len(header), _HEADER_WIDTH), *(len(row[i]) for row in rows))
        for i, header in enumerate(headers)
    ]
    groups = _column_groups(widths, width - label_width - 4)
    lines: list[str] = []
    for number, group in enumerate(groups, start=1):
        part = f" ({number}/{len(groups)})" if len(groups) > 1 else ""
        lines += grid_lines(
            title + part,
            frame.index_name,
            [headers[i] for i in group],
            labels,
            [[row[i] for i in group] for row in rows],
            label_width=label_width,
            widths=[widths[i] for i in group],
        )
    say("\n".join(lines))


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


def _table(project: str, request: TableRequest) -> Tabulation:
    with opened(project) as door:
        warn_where(door.check_where(request.filters.where))
        return door.table(request)


def _unit(shown: str) -> str:
    """What a table counts, in --lang: the door names it in English (``UNIT_LABELS``)."""
    from codebook.domain.analysis import UNIT_LABELS

    for key, english in UNIT_LABELS.items():
        if english == shown:
            return translated(LABELS, f"unit_{key}")
    return shown


def _print_table(frame: Tabulation, title: str, output: Output) -> None:
    """A count table and whose codings it counted; exit code 1 when it counted nothing."""
    print_table(frame, title, output)
    print_counted(frame.counted, output)
    if not frame.counted_anything():
        found_nothing()


@analysis_app.command()
def frequencies(
    project: ProjectArg,
    by: Annotated[
        str | None, typer.Option(help="Attribute whose values are the columns, e.g. werkplaats.")
    ] = None,
    unit: UnitOpt = "segments",
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    with_children: ChildrenOpt = False,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    output: FormatOpt = Output.table,
) -> None:
    """Count codes per attribute value (segments, documents or words coded)."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="frequencies",
        columns=by,
        unit=check_unit(unit),
        filters=filters(where, coded_by, sum_coders, reference),
        with_children=with_children,
    )
    frame = _table(project, request)
    by_what = by or translated(LABELS, "frequencies_project")
    title = translated(LABELS, "frequencies_title", by=by_what, unit=_unit(frame.unit))
    _print_table(frame, title, output)


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
    coded_by: CodedByOpt = None,
    with_children: ChildrenOpt = False,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    output: FormatOpt = Output.table,
) -> None:
    """Show the code x case matrix."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="matrix",
        columns=cases,
        unit=check_unit(unit),
        filters=filters(where, coded_by, sum_coders, reference),
        with_children=with_children,
    )
    frame = _table(project, request)
    title = translated(LABELS, "matrix_title", unit=_unit(frame.unit))
    _print_table(frame, title, output)


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
    coded_by: CodedByOpt = None,
    with_children: ChildrenOpt = False,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    output: FormatOpt = Output.table,
) -> None:
    """Show how often codes occur together within a segment, sentence or turn."""
    from codebook.domain.analysis import TableRequest, check_within

    request = TableRequest(
        kind="cooccurrence",
        within=check_within(within),
        filters=filters(where, coded_by, sum_coders, reference),
        with_children=with_children,
        codes=tuple(code or ()),
    )
    frame = _table(project, request)
    title = translated(LABELS, "cooccurrence_title", unit=_unit(frame.unit))
    _print_table(frame, title, output)


@analysis_app.command()
def crosstab(
    project: ProjectArg,
    rows: Annotated[
        str,
        typer.Argument(
            metavar="ROWS", help="Attribute whose values are the rows, e.g. werkplaats."
        ),
    ],
    columns: Annotated[
        str,
        typer.Argument(metavar="COLUMNS", help="Attribute whose values are the columns, e.g. rol."),
    ],
    code: Annotated[
        str | None, typer.Option("--code", help="Count only this code's codings (default: all).")
    ] = None,
    unit: UnitOpt = "segments",
    where: WhereOpt = None,
    coded_by: CodedByOpt = None,
    with_children: ChildrenOpt = False,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
    output: FormatOpt = Output.table,
) -> None:
    """Count coded passages per pair of attribute values (e.g. werkplaats x rol)."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="crosstab",
        rows=rows,
        columns=columns,
        unit=check_unit(unit),
        filters=filters(where, coded_by, sum_coders, reference),
        with_children=with_children,
        codes=(code,) if code else (),
    )
    frame = _table(project, request)
    if code is None:
        counted = translated(LABELS, "crosstab_all")
    else:
        counted = translated(
            LABELS, "crosstab_children" if with_children else "crosstab_code", code=code
        )
    title = translated(
        LABELS,
        "crosstab_title",
        rows=rows,
        columns=columns,
        unit=_unit(frame.unit),
        codes=counted,
    )
    _print_table(frame, title, output)


@analysis_app.command()
def reference(
    project: ProjectArg,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="CODER", help="The coder whose codings alone count, e.g. consensus."
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Count every coder's codings again.")
    ] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Show or set the project's reference coder, whose codings alone tables and queries count."""
    with opened(project) as door:
        if clear or name is not None:
            door.set_reference_coder(None if clear else name)
            if clear:
                say(translated(LABELS, "reference_cleared"))
            else:
                say(translated(LABELS, "reference_set", name=name))
            return
        current = door.reference_coder()
    if output is not Output.table:
        # one row, the coder empty (null) when every coder's codings count
        print_rows([Column("reference", "reference")], [[current]], title="", output=output)
    elif current:
        say(translated(LABELS, "reference_is", name=current))
    else:
        say(translated(LABELS, "reference_none"))
