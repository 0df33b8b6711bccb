"""The ``codebook`` command: parses arguments, calls the project door, prints with rich.

This module is the one place that knows every command module: it mounts each
group (``codebook``, ``memo``, ``case``, ``export``) and merges the top-level
commands of ``core``, ``analysis``, ``exchange`` and ``speakers`` into one
app. The command modules share ``common``, ``run_options`` (--db, --coder and
--lang on every command), the words in ``labels/`` and ``tree``; the one
other link is ``export`` taking the agreement options from ``agree``, so the
two ask the same. None imports this module, so the package
has no import loops. Only typer is imported at load time; the door
(SQLAlchemy, spaCy, pandas, ...) is imported inside the commands so
``codebook --help`` stays instant.
"""

from __future__ import annotations

from typing import Annotated

import typer

from codebook import __version__
from codebook.cli.agree import agree_app
from codebook.cli.analysis import analysis_app
from codebook.cli.case import case_app
from codebook.cli.codebook import codebook_app
from codebook.cli.common import ERROR, command_group, fail
from codebook.cli.copy import copy_app
from codebook.cli.core import core_app
from codebook.cli.doc import doc_app
from codebook.cli.exchange import exchange_app
from codebook.cli.export import export_app
from codebook.cli.memo import memo_app
from codebook.cli.merge import merge_app
from codebook.cli.review import review_app
from codebook.cli.run_options import ActingCoderOpt, DbOpt, LangOpt, settings
from codebook.cli.search import search_app
from codebook.cli.speakers import speakers_app
from codebook.cli.suggest import suggest_app
from codebook.cli.survey import survey_app

app = command_group("codebook", "Qualitative analysis of interview and focus-group transcripts.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"codebook {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: DbOpt = None,
    coder: ActingCoderOpt = None,
    lang: LangOpt = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Qualitative analysis of interview and focus-group transcripts.

    --db, --coder and --lang may also follow the command: codebook tui p.db --coder anna.
    """
    settings.take(ctx, db, coder, lang)


app.add_typer(core_app)
app.add_typer(codebook_app, name="codebook")
app.add_typer(memo_app, name="memo")
app.add_typer(doc_app, name="doc")
app.add_typer(case_app, name="case")
app.add_typer(survey_app, name="survey")
app.add_typer(export_app, name="export")
app.add_typer(analysis_app)
app.add_typer(agree_app)
app.add_typer(exchange_app)
app.add_typer(speakers_app)
app.add_typer(merge_app)
app.add_typer(copy_app)
app.add_typer(review_app)
app.add_typer(suggest_app)
app.add_typer(search_app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors become one line on stderr and exit code 2, never a traceback.

    Exit codes: 0 found or done, 1 nothing found, 2 an error. Typer handles its
    own usage errors (exit 2) in standalone mode; everything the door raises
    for bad input is a ``CodebookError`` and is printed here, with the same code.
    A database error the door did not translate is recognised by its class
    name, because the CLI never imports the storage layer.
    """
    from codebook.domain import CodebookError

    try:
        app(args=argv, prog_name="codebook")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else ERROR)
    except CodebookError as exc:
        fail(exc.text(settings.lang))
        return ERROR
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}")
        return ERROR
    except Exception as exc:
        if not _is_database_error(exc):
            raise
        fail(f"database error: {getattr(exc, 'orig', None) or exc}")
        return ERROR
    return 0


def _is_database_error(exc: Exception) -> bool:
    return any(
        kind.__name__ == "SQLAlchemyError" and kind.__module__ == "sqlalchemy.exc"
        for kind in type(exc).__mro__
    )


__all__ = ["app", "main"]
