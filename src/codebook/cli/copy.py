"""``codebook copy SOURCE TARGET``: a whole project to another database, checked table by table.

SOURCE and TARGET are each a project file (.db) or a ``postgresql+psycopg://``
URL, so a project moves to a team's server and back. The target must be a new
file or an empty database. After the copy every table's rows and content
digest are read back from both sides and printed; a copy that differs is not
kept. Messages follow ``--lang``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from codebook.cli.common import console, say, top_level_commands, translated
from codebook.cli.labels.copy import LABELS

copy_app = top_level_commands()


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@copy_app.command("copy")
def copy(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="Project file (.db) or database URL to copy.")
    ],
    target: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="A new project file or an empty database URL."),
    ],
) -> None:
    """Copy a whole project (SQLite <-> PostgreSQL), with its undo history, and check it."""
    from rich.table import Table
    from rich.text import Text

    from codebook.project import Project

    report = Project.copy_project(source, target)
    table = Table(title=Text(t("title", source=report.source, target=report.target)))
    table.add_column(t("table"))
    table.add_column(t("rows"), justify="right")
    table.add_column(t("digest"))
    table.add_column(t("equal"))
    for check in report.tables:
        table.add_row(
            check.table,
            str(check.target_rows),
            check.target_digest[:16],
            t("yes") if check.equal else t("no"),
        )
    console().print(table)
    say(t("done", rows=report.rows, tables=len(report.tables)))
