"""``codebook case ...``: link cases (participants, schools) to documents or speakers.

A case is what ``codebook matrix --cases cases`` counts by. It covers a whole
document, or one speaker in it, so each participant of a focus group can be a
case of their own. Every change can be undone with ``codebook undo``.
Messages follow ``--lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    command_group,
    console,
    found_nothing,
    opened,
    print_rows,
    say,
    translated,
)

if TYPE_CHECKING:
    from codebook.domain.cases import CaseRow

case_app = command_group(
    "case", "Link cases (a participant, a school) to documents or to one speaker in a document."
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "linked": "Linked case '{case}' to {target}",
        "already": "Case '{case}' was already linked to {target}",
        "unlinked": "Unlinked case '{case}' from {target}",
        "removed": "Unlinked case '{case}' from {target}; it had no other links and is removed",
        "document": "'{document}'",
        "speaker": "speaker '{speaker}' in '{document}'",
        "speakers": "'{document}': {count} speakers linked as cases: {names}",
        "speakers_1": "'{document}': 1 speaker linked as a case: {names}",
        "no_speakers": "'{document}': no speakers besides an interviewer or moderator",
        "count": "{count} cases",
        "count_1": "1 case",
        "col_case": "case",
        "col_document": "document",
        "col_speaker": "speaker",
        "whole": "(whole document)",
    },
    "nl": {
        "linked": "Casus '{case}' gekoppeld aan {target}",
        "already": "Casus '{case}' was al gekoppeld aan {target}",
        "unlinked": "Casus '{case}' losgekoppeld van {target}",
        "removed": "Casus '{case}' losgekoppeld van {target}; zonder andere koppelingen is "
        "de casus verwijderd",
        "document": "'{document}'",
        "speaker": "spreker '{speaker}' in '{document}'",
        "speakers": "'{document}': {count} sprekers gekoppeld als casus: {names}",
        "speakers_1": "'{document}': 1 spreker gekoppeld als casus: {names}",
        "no_speakers": "'{document}': geen sprekers naast een interviewer of gespreksleider",
        "count": "{count} casussen",
        "count_1": "1 casus",
        "col_case": "casus",
        "col_document": "document",
        "col_speaker": "spreker",
        "whole": "(heel document)",
    },
}

CaseArg = Annotated[str, typer.Argument(metavar="CASE", help="The case's name.")]
DocumentArg = Annotated[str, typer.Argument(metavar="DOCUMENT", help="Document name or number.")]
SpeakerOpt = Annotated[
    str | None,
    typer.Option("--speaker", help="Only this speaker's turns (as named in the transcript)."),
]


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def target_text(document: str, speaker: str | None) -> str:
    if speaker is None:
        return t("document", document=document)
    return t("speaker", speaker=speaker, document=document)


@case_app.command("link")
def link(
    project: ProjectArg, case: CaseArg, document: DocumentArg, speaker: SpeakerOpt = None
) -> None:
    """Link a case to a document, or with --speaker to one speaker in it."""
    with opened(project) as door:
        change = door.link_case(case, document, speaker)
    target = target_text(change.document, change.speaker)
    say(t("linked" if change.changed else "already", case=change.case, target=target))


@case_app.command("unlink")
def unlink(
    project: ProjectArg, case: CaseArg, document: DocumentArg, speaker: SpeakerOpt = None
) -> None:
    """Remove a link; a case left without links is removed (undo brings both back)."""
    with opened(project) as door:
        change = door.unlink_case(case, document, speaker)
    target = target_text(change.document, change.speaker)
    say(t("removed" if change.changed else "unlinked", case=change.case, target=target))


CASE_COLUMNS = tuple(Column(key, key) for key in ("case", "document", "speaker"))
"""A link per row for a script: ``speaker`` empty for a whole document, ``document`` too
for a case left without links."""


@case_app.command("list")
def list_(project: ProjectArg, output: FormatOpt = Output.table) -> None:
    """List the cases with the documents and speakers they are linked to."""
    with opened(project) as door:
        cases = door.cases()
    if output is not Output.table:
        rows: list[tuple[Cell, ...]] = []
        for case in cases:
            rows += [(case.name, link.document, link.speaker) for link in case.links]
            if not case.links:
                rows.append((case.name, None, None))
        print_rows(CASE_COLUMNS, rows, title="", output=output)
    else:
        _print_table(cases)
    if not cases:
        found_nothing()


def _print_table(cases: Sequence[CaseRow]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=t("count_1") if len(cases) == 1 else t("count", count=len(cases)))
    table.add_column(t("col_case"))
    table.add_column(t("col_document"))
    table.add_column(t("col_speaker"))
    for case in cases:
        if not case.links:  # left by a change outside codebook: still worth seeing
            table.add_row(Text(case.name), Text(""), Text(""), end_section=True)
        for index, link in enumerate(case.links):
            speaker = Text(t("whole"), style="dim") if link.speaker is None else Text(link.speaker)
            table.add_row(
                Text(case.name if index == 0 else ""),
                Text(link.document),
                speaker,
                end_section=index == len(case.links) - 1,
            )
    console().print(table)


@case_app.command("speakers")
def speakers(
    project: ProjectArg,
    documents: Annotated[
        list[str], typer.Argument(metavar="DOCUMENT", help="Document names or numbers.")
    ],
) -> None:
    """Make each participant speaker of the documents a case for their own turns."""
    with opened(project) as door:
        linked = door.link_speakers(documents)
    for name, names in linked:
        if not names:
            say(t("no_speakers", document=name))
            continue
        key = "speakers_1" if len(names) == 1 else "speakers"
        say(t(key, document=name, count=len(names), names=", ".join(names)))
