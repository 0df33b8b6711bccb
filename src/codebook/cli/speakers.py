"""``codebook speakers``: a document's speakers, and corrections to what the import guessed.

Bare, it lists the speakers with their turns, words and share of the words.
``--rename OLD=NEW``, ``--merge NAME --into NAME`` and ``--label SHAPE`` (find
the turns again, taking lines that start with that label) each change the
document as one action that ``codebook undo`` takes back; codings never move,
because the text does not change, and case links follow the speaker.
Messages follow ``--lang``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    console,
    opened,
    print_rows,
    say,
    top_level_commands,
    translated,
)
from codebook.cli.labels.speakers import LABELS

if TYPE_CHECKING:
    from codebook.domain.speakers import DocumentSpeakers, Resplit, SpeakerEdit

speakers_app = top_level_commands()


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def counted(key: str, count: int) -> str:
    """``1 turn`` / ``3 turns`` in the --lang language."""
    return t(f"{key}_1") if count == 1 else t(key, count=count)


@speakers_app.command("speakers")
def speakers(
    project: ProjectArg,
    document: Annotated[str, typer.Argument(metavar="DOC", help="Document name or number.")],
    rename: Annotated[
        list[str] | None,
        typer.Option("--rename", metavar="OLD=NEW", help="Rename a speaker (repeatable)."),
    ] = None,
    merge: Annotated[
        list[str] | None,
        typer.Option(
            "--merge", metavar="NAME", help="Give this speaker's turns to --into (repeatable)."
        ),
    ] = None,
    into: Annotated[
        str | None,
        typer.Option(
            "--into", metavar="NAME", help="The speaker (existing or new) that --merge gives to."
        ),
    ] = None,
    label: Annotated[
        list[str] | None,
        typer.Option(
            "--label",
            metavar="SHAPE",
            help='Find the turns again, taking "SHAPE:" lines as speakers (repeatable).',
        ),
    ] = None,
    output: FormatOpt = Output.table,
) -> None:
    """List a document's speakers, or rename, merge or find its turns again (undoable).

    Names match ignoring case. Merged turns keep their places: two turns of
    the merged speaker that now follow each other stay two turns.
    """
    from codebook.domain import CodebookError
    from codebook.domain.speakers import parse_rename

    if sum(bool(given) for given in (rename, merge or into, label)) > 1:
        raise CodebookError("give one of --rename, --merge or --label at a time")
    if merge and into is None:
        raise CodebookError("--merge needs --into NAME: the speaker whose turns they become")
    if into is not None and not merge:
        raise CodebookError("--into goes with --merge NAME")
    renames = [parse_rename(flag) for flag in rename or ()]
    # with csv or json the table alone is on standard output, what was done on standard error
    tell = say if output is Output.table else _to_stderr
    with opened(project) as door:
        if renames:
            print_edit(door.rename_speakers(document, renames), "renamed", tell, output)
        elif merge and into is not None:
            print_edit(door.merge_speakers(document, merge, into), "merged", tell, output)
        elif label:
            print_resplit(door.resplit_speakers(document, label), tell, output)
        else:
            print_table(door.speakers(document), output)


def _to_stderr(text: str) -> None:
    console(stderr=True).print(text, markup=False, highlight=False, soft_wrap=True)


def print_edit(edit: SpeakerEdit, verb: str, tell: Callable[[str], None], output: Output) -> None:
    if not edit.renamed:
        tell(t("nothing"))
    for done in edit.renamed:
        tell(t(verb, old=done.old, new=done.new, turns=counted("turns", done.turns)))
        for case in done.cases:
            tell(t("case_followed", case=case, new=done.new))
    print_table(edit.after, output)


def print_resplit(result: Resplit, tell: Callable[[str], None], output: Output) -> None:
    if not result.changed:
        tell(t("resplit_same", document=result.before.document))
        return
    before, after = result.before, result.after
    tell(
        t(
            "resplit",
            document=after.document,
            speakers_before=counted("speakers", len(before.names)),
            turns_before=counted("turns", before.turns),
            speakers_after=counted("speakers", len(after.names)),
            turns_after=counted("turns", after.turns),
        )
    )
    if result.new_speakers:
        tell(t("new_speakers", names=", ".join(result.new_speakers)))
    if result.gone_speakers:
        tell(t("gone_speakers", names=", ".join(result.gone_speakers)))
    for link in result.stranded:
        tell(t("stranded", case=link.case, speaker=link.speaker))
    print_table(after, output)


SPEAKER_COLUMNS = tuple(Column(key, key) for key in ("speaker", "turns", "words", "share"))
"""A speaker per row for a script: no total row, ``speaker`` empty for text before the
first turn, ``share`` the fraction of the document's words (0.25, not 25%)."""


def print_table(speakers: DocumentSpeakers, output: Output) -> None:
    from rich.table import Table
    from rich.text import Text

    if output is not Output.table:
        rows = [[c.name, c.turns, c.words, speakers.share(c)] for c in speakers.speakers]
        print_rows(SPEAKER_COLUMNS, rows, title="", output=output)
        return

    table = Table(title=Text(t("title", document=speakers.document)))
    table.add_column(t("col_speaker"))
    table.add_column(t("col_turns"), justify="right")
    table.add_column(t("col_words"), justify="right")
    table.add_column(t("col_share"), justify="right")
    for index, count in enumerate(speakers.speakers):
        name = Text(t("no_speaker"), style="dim") if count.name is None else Text(count.name)
        share = f"{speakers.share(count):.0%}"
        last = index == len(speakers.speakers) - 1
        table.add_row(name, str(count.turns), str(count.words), share, end_section=last)
    table.add_row(
        counted("speakers", len(speakers.names)),
        str(speakers.turns),
        str(speakers.words),
        "",
        style="bold",
    )
    console().print(table)
