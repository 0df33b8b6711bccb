"""``codebook import-qdpx``: a whole REFI-QDA project from NVivo, ATLAS.ti, MAXQDA, QualCoder.

A project that does not exist yet is created for the import (and removed
again if the import fails); an existing one must be empty unless ``--into``
says to add what it lacks. The report (counts, everything skipped and why,
how each source's selections were counted) is printed and kept as a memo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from codebook.cli.common import (
    ProjectArg,
    opened,
    print_exchange_report,
    progress_bar,
    settings,
    top_level_commands,
)

exchange_app = top_level_commands()


@exchange_app.command("import-qdpx")
def import_qdpx(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(metavar="IN.qdpx", help="The project file to read.")],
    into: Annotated[
        bool,
        typer.Option("--into", help="Add what the project lacks to a project being coded."),
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Compare the project with the file after importing."),
    ] = False,
    language: Annotated[
        str, typer.Option(help="Document language of a new project: nl or en (not --lang).")
    ] = "nl",
) -> None:
    """Import a REFI-QDA project file into a new or empty project, or --into one being coded."""
    from codebook.config import default_coder
    from codebook.project import Project

    location = settings.db or project
    exists = settings.db is not None or Project.exists(project)
    with progress_bar("Importing project file", stderr=True) as progress:
        if exists:
            with opened(project) as door:
                report = door.import_qdpx(file, into=into, check=check, progress=progress)
        else:
            coder = settings.coder or default_coder()
            created, report = Project.create_from_qdpx(
                location, file, coder=coder, language=language, check=check, progress=progress
            )
            created.close()
    print_exchange_report(report)
