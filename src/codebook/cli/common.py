"""What every command module shares: the global options, the PROJECT argument,
printing, and opening the project through the door.

The command modules import this one and never each other, so the package has
no import loops; only the package's ``__init__`` mounts the command groups.
Like every module of the CLI, it imports only typer at load time: the door
pulls in SQLAlchemy and is imported when a command runs, so ``codebook
--help`` stays instant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from codebook.domain.exchange import ExchangeReport
    from codebook.domain.queries import Filters
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
CoderOpt = Annotated[
    list[str] | None, typer.Option("--coder", help="Only codings by this coder (repeatable).")
]
UnitOpt = Annotated[str, typer.Option(help="What to count: segments, documents or words.")]


def command_group(name: str, help: str) -> typer.Typer:
    """A command or group of commands (``codebook memo ...``) as every one of ours is made:
    help when called bare, no shell-completion options, and never a traceback (``main``
    prints a user's error as one line)."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


@dataclass
class Settings:
    """The global options (``codebook --db ... --coder ... --lang ...``) of this run."""

    db: str | None = None
    coder: str | None = None
    lang: str = "en"


settings = Settings()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def say(text: str) -> None:
    """Print text as written: names in brackets are not markup, numbers not highlighted."""
    console().print(text, markup=False, highlight=False, soft_wrap=True)


def fail(message: str) -> None:
    """A problem the user can fix, as the one line ``error: ...`` on standard error."""
    console(stderr=True).print(f"[red]error:[/red] {message}", soft_wrap=True, markup=True)


def translated(labels: Mapping[str, Mapping[str, str]], key: str, **values: Any) -> str:
    """A command's message in the --lang language (English when it has none)."""
    text = labels.get(settings.lang, labels["en"])[key]
    return text.format(**values) if values else text


def print_exchange_report(report: ExchangeReport) -> None:
    """A .qdpx import's or export's report; with a failed round-trip check, exit code 1.

    A difference found by ``--check`` means the exchange lost or shifted
    something, which a script must be able to see without reading the text.
    """
    for line in report.lines(settings.lang):
        say(line)
    if report.checked and report.differences:
        raise typer.Exit(1)


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
    """The ``--where``, ``--coder`` and coder-counting options as the door's filters."""
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
