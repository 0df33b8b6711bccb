"""Retrieval and analysis commands: ``quotes``, ``frequencies``, ``matrix``, ``cooccurrence``,
``crosstab``, ``reference``.

``analysis_app``'s commands sit at the top level (``codebook quotes``,
``codebook matrix``, ...): the package mounts it without a group name. The
count tables come from the door as DataFrames and print as rich tables,
each followed by the line saying whose codings it counted (and a warning
when documents are double-coded), so a figure is never read without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from codebook.cli.common import (
    CoderOpt,
    ProjectArg,
    ReferenceOpt,
    SumOpt,
    UnitOpt,
    WhereOpt,
    console,
    filters,
    opened,
    say,
    settings,
    translated,
)
from codebook.cli.labels.analysis import LABELS

if TYPE_CHECKING:
    import pandas as pd
    from rich.text import Text

    from codebook.domain.analysis import CountedCoders, TableRequest
    from codebook.domain.quotes import Quote

analysis_app = typer.Typer(add_completion=False, rich_markup_mode=None)

ChildrenOpt = Annotated[
    bool, typer.Option("--with-children", help="Count a code's children with it.")
]


def print_counted(counted: CountedCoders) -> None:
    """The "counted:" line, and the double-coding warning when there is one."""
    say(counted.line(settings.lang))
    warning = counted.warning(settings.lang)
    if warning:
        console().print(warning, style="yellow", markup=False, highlight=False, soft_wrap=True)


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
) -> None:
    """Show every coded segment of a code (or a code query) with speaker and position."""
    chosen = filters(where, coder, sum_coders, reference, across_coders)
    with opened(project) as door:
        found = door.quotes(query, chosen, with_children=with_children, context=context)
        counted = door.counted_coders(chosen)
    out = console()
    for quote in found:
        out.print(_quote_text(quote))
    out.print(f"{len(found)} quote{'s' if len(found) != 1 else ''}")
    print_counted(counted)


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


def print_frame(frame: pd.DataFrame, title: str) -> None:
    """A DataFrame as rich tables: codes left, numbers right, never a squeezed column.

    A matrix of 27 cases does not fit a terminal; rich would shrink every
    column to nothing and show blank cells. The columns are printed in as
    many consecutive tables as it takes, each repeating the codes.
    """
    from rich.table import Table

    out = console()
    labels = [str(label) for label in frame.index]
    longest = max((len(label) for label in [*labels, str(frame.index.name or "")]), default=1)
    label_width = min(longest, max(24, out.width // 3))
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


def _table(project: str, request: TableRequest) -> pd.DataFrame:
    with opened(project) as door:
        return door.table(request)


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
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
) -> None:
    """Count codes per attribute value (segments, documents or words coded)."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="frequencies",
        columns=by,
        unit=check_unit(unit),
        filters=filters(where, coder, sum_coders, reference),
        with_children=with_children,
    )
    frame = _table(project, request)
    print_frame(frame, f"Codes by {by or 'project'} ({frame.attrs['unit']})")
    print_counted(frame.attrs["counted"])


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
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
) -> None:
    """Show the code x case matrix."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="matrix",
        columns=cases,
        unit=check_unit(unit),
        filters=filters(where, coder, sum_coders, reference),
        with_children=with_children,
    )
    frame = _table(project, request)
    print_frame(frame, f"Code x case matrix ({frame.attrs['unit']})")
    print_counted(frame.attrs["counted"])


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
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
) -> None:
    """Show how often codes occur together within a segment, sentence or turn."""
    from codebook.domain.analysis import TableRequest, check_within

    request = TableRequest(
        kind="cooccurrence",
        within=check_within(within),
        filters=filters(where, coder, sum_coders, reference),
        with_children=with_children,
        codes=tuple(code or ()),
    )
    frame = _table(project, request)
    print_frame(frame, f"Co-occurrence ({frame.attrs['unit']})")
    print_counted(frame.attrs["counted"])


@analysis_app.command()
def crosstab(
    project: ProjectArg,
    rows: Annotated[
        str, typer.Argument(help="Attribute whose values are the rows, e.g. werkplaats.")
    ],
    columns: Annotated[
        str, typer.Argument(help="Attribute whose values are the columns, e.g. rol.")
    ],
    code: Annotated[
        str | None, typer.Option("--code", help="Count only this code's codings (default: all).")
    ] = None,
    unit: UnitOpt = "segments",
    where: WhereOpt = None,
    coder: CoderOpt = None,
    with_children: ChildrenOpt = False,
    sum_coders: SumOpt = False,
    reference: ReferenceOpt = None,
) -> None:
    """Count coded passages per pair of attribute values (e.g. werkplaats x rol)."""
    from codebook.domain.analysis import TableRequest, check_unit

    request = TableRequest(
        kind="crosstab",
        rows=rows,
        columns=columns,
        unit=check_unit(unit),
        filters=filters(where, coder, sum_coders, reference),
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
        unit=frame.attrs["unit"],
        codes=counted,
    )
    print_frame(frame, title)
    print_counted(frame.attrs["counted"])


@analysis_app.command()
def reference(
    project: ProjectArg,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODER]", help="The coder whose codings alone count, e.g. consensus."
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Count every coder's codings again.")
    ] = False,
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
    if current:
        say(translated(LABELS, "reference_is", name=current))
    else:
        say(translated(LABELS, "reference_none"))
