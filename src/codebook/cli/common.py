"""What every command module shares: the global options, the PROJECT argument,
printing, and opening the project through the door.

The command modules import this one and never each other, so the package has
no import loops; only the package's ``__init__`` mounts the command groups.
Like every module of the CLI, it imports only typer at load time: the door
pulls in SQLAlchemy and is imported when a command runs, so ``codebook
--help`` stays instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from codebook.cli.run_options import CommandGroup
from codebook.cli.run_options import settings as settings

if TYPE_CHECKING:
    from rich.console import Console

    from codebook.domain.exchange import ExchangeReport
    from codebook.domain.queries import Filters, WhereMiss
    from codebook.project import Project

ProjectArg = Annotated[
    str,
    typer.Argument(
        metavar="PROJECT",
        help="Project file (.db), or a postgresql+psycopg:// URL; with --db, the project's name.",
    ),
]
WhereOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        help="Attribute filter KEY=VALUE; repeat a key for OR, different keys AND.",
    ),
]
CodedByOpt = Annotated[
    list[str] | None,
    typer.Option("--coded-by", metavar="NAME", help="Only codings by this coder (repeatable)."),
]
UnitOpt = Annotated[str, typer.Option(help="What to count: segments, documents or words.")]


def command_group(name: str, help: str) -> typer.Typer:
    """A command or group of commands (``codebook memo ...``) as every one of ours is made:
    help when called bare, --db, --coder and --lang on every command, no shell-completion
    options, and never a traceback (``main`` prints a user's error as one line)."""
    return CommandGroup(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


def top_level_commands() -> typer.Typer:
    """Commands that ``codebook`` mounts at its own level (``codebook code ...``), made like
    every other: the run's options on each, usage lines that read well."""
    return CommandGroup(add_completion=False, rich_markup_mode=None)


PIPE_WIDTH = 100_000
"""Columns of output that is not a terminal: lines are never cut or wrapped for a pipe."""


def console(stderr: bool = False) -> Console:
    """A rich console; written to a pipe or a file, as wide as the longest line.

    rich assumes 80 columns when it cannot ask a terminal, which would wrap
    piped lines and cut table cells; a script reading them wants them whole.
    COLUMNS, when set, still wins.
    """
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False)
    if not out.is_terminal and not os.environ.get("COLUMNS"):
        out.width = PIPE_WIDTH
    return out


def say(text: str) -> None:
    """Print text as written: names in brackets are not markup, numbers not highlighted."""
    console().print(text, markup=False, highlight=False, soft_wrap=True)


def tell(text: str, output: Output) -> None:
    """What a command did, beside a listing: on standard error under CSV or JSON, so the
    listing on standard output still parses."""
    if output is Output.table:
        say(text)
    else:
        console(stderr=True).print(text, markup=False, highlight=False, soft_wrap=True)


def one_line(text: str, width: int = 80) -> str:
    """A passage as one line of a message, cut with "..." past ``width`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 3] + "..."


def fail(message: str) -> None:
    """A problem the user can fix, as the one line ``error: ...`` on standard error."""
    console(stderr=True).print(f"[red]error:[/red] {message}", soft_wrap=True, markup=True)


NOTHING_FOUND = 1
"""The exit code of a listing or query with an empty answer."""
ERROR = 2
"""The exit code of an error: bad input, an unknown name, an unreadable or existing file,
every ``CodebookError``; the same as typer's usage errors, so a script tells the three
outcomes (0 found or done, 1 nothing found, 2 error) apart without parsing the output."""


def refuse(message: str) -> NoReturn:
    """Stop the command with ``error: message`` and the error exit code."""
    fail(message)
    raise typer.Exit(ERROR)


def translated(labels: Mapping[str, Mapping[str, str]], key: str, **values: Any) -> str:
    """A command's message in the --lang language (English when it has none)."""
    text = labels.get(settings.lang, labels["en"])[key]
    return text.format(**values) if values else text


class Output(StrEnum):
    """How a listing is written: a table to read, or CSV or JSON for a script."""

    table = "table"
    csv = "csv"
    json = "json"


FormatOpt = Annotated[
    Output,
    typer.Option("--format", help="table, or csv or json for scripts (columns keyed in English)."),
]

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    """One column of a listing: ``key`` names it in CSV and JSON (English, whatever
    --lang), ``header`` in the table; ``spec`` formats its values for the table only."""

    key: str
    header: str
    right: bool = False
    spec: str = ""


def print_rows(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, title: str, output: Output
) -> None:
    """A listing as a rich table, or as CSV (a header row, no title) or JSON (a list of
    objects) on standard output, numbers staying numbers for the script that reads them."""
    if output is Output.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    if output is Output.json:
        import json

        objects = [{c.key: v for c, v in zip(columns, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title))
    for c in columns:
        table.add_column(Text(c.header), justify="right" if c.right else "left")
    for row in rows:
        table.add_row(
            *(
                Text("" if v is None else format(v, c.spec))
                for c, v in zip(columns, row, strict=True)
            )
        )
    console().print(table)


def found_nothing() -> NoReturn:
    """Exit code 1, with a line on standard error: a script can tell an empty answer from
    a found one without parsing it (an error is exit code 2 with ``error:``)."""
    from codebook.cli.labels.output import LABELS

    console(stderr=True).print(translated(LABELS, "nothing_found"), markup=False, soft_wrap=True)
    raise typer.Exit(NOTHING_FOUND)


def warn_where(misses: Sequence[WhereMiss]) -> None:
    """Say on standard error which ``--where`` values no document has, and what there is."""
    from codebook.cli.labels.output import LABELS

    for miss in misses:
        existing = ", ".join(miss.existing) or translated(LABELS, "none")
        key = "where_key" if miss.value is None else "where_value"
        line = translated(LABELS, key, name=miss.key, value=miss.value, existing=existing)
        console(stderr=True).print(line, style="yellow", markup=False, soft_wrap=True)


def print_exchange_report(report: ExchangeReport) -> None:
    """A .qdpx import's or export's report; with a failed round-trip check, the error code.

    A difference found by ``--check`` means the exchange lost or shifted
    something, which a script must be able to see without reading the text.
    """
    for line in report.lines(settings.lang):
        say(line)
    if report.checked and report.differences:
        raise typer.Exit(ERROR)


SumOpt = Annotated[
    bool,
    typer.Option(
        "--sum-coders",
        help="Count every coder's codings (a passage coded by two coders counts twice). "
        "Default: each passage once per code, or only the reference coder's codings.",
    ),
]
ReferenceOpt = Annotated[
    str | None,
    typer.Option(
        "--reference",
        metavar="CODER",
        help="Count only this coder's codings (e.g. consensus), whatever the project's "
        "reference coder.",
    ),
]


def filters(
    where: list[str] | None,
    coders: list[str] | None,
    sum_coders: bool = False,
    reference: str | None = None,
    across_coders: bool = False,
) -> Filters:
    """The ``--where``, ``--coded-by`` and coder-counting options as the door's filters."""
    from codebook.domain.queries import Filters, parse_where

    return Filters(
        parse_where(where or []),
        tuple(coders or ()),
        sum_coders=sum_coders,
        across_coders=across_coders,
        reference=reference,
    )


@contextmanager
def opened(project: str, *, interactive: bool = False) -> Iterator[Project]:
    """The project named on the command line, opened through the door and closed however
    the command ends.

    With --db the PROJECT argument is the name of the project stored in that
    database, and must be. The acting coder is --coder, else the remembered
    coder or the login name, so a command never has to ask; ``interactive``
    (the TUI) passes only --coder on, because the TUI asks on first start.
    """
    from codebook.config import default_coder
    from codebook.project import Project

    coder = settings.coder if interactive else settings.coder or default_coder()
    door = Project.open(
        settings.db or project, coder=coder, expect_name=project if settings.db else None
    )
    try:
        yield door
    finally:
        door.close()


@contextmanager
def progress_bar(description: str, *, stderr: bool) -> Iterator[Callable[[int, int], None]]:
    """A transient rich progress bar, fed through the door's ``progress(done, total)``.

    It appears with the first report, so a command that fails before its work
    starts (an unreadable sidecar, a bad flag) prints nothing but its error.
    """
    from rich.progress import Progress

    bar = Progress(console=console(stderr=stderr), transient=True)
    task = bar.add_task(description, total=None)

    def report(done: int, total: int) -> None:
        if not bar.live.is_started:
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield report
    finally:
        if bar.live.is_started:
            bar.stop()
