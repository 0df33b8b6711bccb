"""The options of a run that every command takes, before or after its name, and usage
lines that name the arguments plainly.

``codebook --coder anna tui p.db`` and ``codebook tui p.db --coder anna`` mean the
same: a user types an option where they think of it. Rather than rewriting argv
(which would have to know every option's values and ``--``), every command made
by ``CommandGroup.command`` gets --db, --coder and --lang as options of its own,
so its --help lists them, and both places write into ``settings``. One option
given twice with different values is refused, naming both, instead of one
silently winning. Only typer is imported here, like everywhere in the CLI.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from codebook.cli.labels.options import LABELS

if TYPE_CHECKING:
    # typer vendors click; its commands are handed that click's Context.
    from typer._click import Context

LANGUAGES = ("en", "nl")

DbOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--db", metavar="URL", help="Database URL, e.g. postgresql+psycopg://user@host/dbname."
    ),
]
ActingCoderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--coder",
        metavar="NAME",
        help="Who is acting: codes, writes memos, decides (default: the remembered coder).",
    ),
]
LangOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        metavar="en|nl",
        help="Language of labels and reports (default: en); not a document's language.",
    ),
]


@dataclass
class Settings:
    """The --db, --coder and --lang of this run, wherever on the command line they came."""

    db: str | None = None
    coder: str | None = None
    lang: str = "en"

    def take(
        self,
        ctx: typer.Context,
        db: Sequence[str] | None,
        coder: Sequence[str] | None,
        lang: Sequence[str] | None,
    ) -> None:
        """Record the options given at one place of the command line.

        Each option's first value is kept in the run's click context, which the
        command shares with its group and which a new run (tests make many in one
        process) starts empty, so a second, different value is refused.
        """
        given: dict[str, str] = ctx.meta.setdefault(__name__, {})
        for option, values in (("--db", db), ("--coder", coder), ("--lang", lang)):
            for value in values or ():
                first = given.setdefault(option, value)
                if first != value:
                    raise typer.BadParameter(
                        f"given twice, as '{first}' and as '{value}'", param_hint=f"'{option}'"
                    )
        if given.get("--lang", "en") not in LANGUAGES:
            raise typer.BadParameter(
                f"unknown language '{given['--lang']}' (use en or nl)", param_hint="'--lang'"
            )
        self.db, self.coder = given.get("--db"), given.get("--coder")
        self.lang = given.get("--lang", "en")


settings = Settings()


def with_run_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command`` taking --db, --coder and --lang too; typer reads the added parameters
    from the wrapper's signature, and the command itself never sees them.

    A command that filters by coder (``--coded-by``) once took --coder as that
    filter; the acting coder does not change what it shows, so an old script's
    ``--coder NAME`` gets a hint on standard error rather than a silent change.
    """
    signature = inspect.signature(command, eval_str=True)
    filters_by_coder = "coded_by" in signature.parameters
    keyword = inspect.Parameter.KEYWORD_ONLY
    added = [
        inspect.Parameter("run_context", keyword, annotation=typer.Context),
        *(
            inspect.Parameter(name, keyword, default=None, annotation=kind)
            for name, kind in (
                ("run_db", DbOpt),
                ("run_coder", ActingCoderOpt),
                ("run_lang", LangOpt),
            )
        ),
    ]

    @functools.wraps(command)
    def run(**values: Any) -> Any:
        coder = values.pop("run_coder")
        context = values.pop("run_context")
        settings.take(context, values.pop("run_db"), coder, values.pop("run_lang"))
        if coder and filters_by_coder and not values.get("coded_by"):
            words = LABELS.get(settings.lang, LABELS["en"])
            typer.echo(words["coder_hint"].format(name=coder[-1]), err=True)
        return command(**values)

    parameters = [*signature.parameters.values(), *added]
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


class PlainUsageCommand(TyperCommand):
    """A command whose usage line reads ``codebook code [OPTIONS] PROJECT DOC CODE START
    END``: typer writes a required argument as ``{PROJECT}``, which reads as a set."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or param.name or ""
                name = name if param.required else f"[{name}]"
                pieces.append(name if param.nargs == 1 else f"{name}...")
        return pieces


class CommandGroup(typer.Typer):
    """A typer app whose every command takes the run's options and prints plain usage."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        register = super().command(*args, **{"cls": PlainUsageCommand, **kwargs})

        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            register(with_run_options(function))
            return function

        return decorator
