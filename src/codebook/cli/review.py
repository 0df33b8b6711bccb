"""``codebook review PROJECT [CODING...]``: codings made under an earlier definition.

Without an action it lists the codings awaiting review (all, those of
``--code``, or the numbers given) with how many wait per code; ``--diff``
adds each code's definition then and now, changed words marked
``[-removed-]{+added+}``. With ``--keep``, ``--recode CODE`` or ``--remove``
it settles the numbered codings as one undoable action.
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
    found_nothing,
    one_line,
    opened,
    print_rows,
    refuse,
    say,
    top_level_commands,
    translated,
)
from codebook.cli.labels.review import LABELS

if TYPE_CHECKING:
    from codebook.domain.review import ReviewItem, ReviewQueue

review_app = top_level_commands()


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def _marked(old: str, new: str) -> str:
    from codebook.domain.history import word_changes

    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[c.op].format(c.text) for c in word_changes(old, new))


@review_app.command("review")
def review(
    project: ProjectArg,
    coding_ids: Annotated[
        list[int] | None,
        typer.Argument(metavar="CODING", help="Coding numbers to show or act on."),
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Only the codings of this code.")
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show each definition then and now, changes marked.")
    ] = False,
    keep: Annotated[
        bool,
        typer.Option("--keep", help="Keep the codings as they are (re-stamped to this version)."),
    ] = False,
    recode: Annotated[
        str | None, typer.Option("--recode", metavar="CODE", help="Move the codings to CODE.")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the codings.")] = False,
    output: FormatOpt = Output.table,
) -> None:
    """List the codings made before their code was redefined, merged or split, or settle
    them by number with --keep, --recode CODE or --remove (one undoable action each)."""
    chosen = [name for name, on in (("keep", keep), ("recode", recode), ("remove", remove)) if on]
    if len(chosen) > 1:
        refuse(t("one_action"))
    ids = list(coding_ids or [])
    if chosen and not ids:
        refuse(t("no_codings"))
    with opened(project) as door:
        if keep:
            count = door.keep_codings(ids)
            say(t("kept", count=count, version=door.summary().codebook_version))
        elif recode is not None:
            count = door.recode_codings(ids, recode)
            say(t("recoded", count=count, code=recode))
        elif remove:
            say(t("removed", count=door.uncode(ids)))
        else:
            queue = door.review_queue(code=code)
            print_queue(queue, set(ids), diff=diff, output=output)
            return
    say(t("undo"))


REVIEW_COLUMNS = tuple(
    Column(key, key)
    for key in (
        "id",
        "document",
        "turn",
        "speaker",
        "coder",
        "code",
        "start",
        "end",
        "made_in",
        "changed_in",
        "reason",
        "text",
    )
)
"""A coding awaiting review per row for a script: ``made_in`` the codebook version it was
made under, ``changed_in`` the one whose revision put it in question, ``reason`` the
revision's kind (redefined, merged, split), the passage whole."""


def print_queue(queue: ReviewQueue, only: set[int], *, diff: bool, output: Output) -> None:
    """The codings awaiting review; none is nothing found."""
    items = [i for i in queue.items if not only or i.coding.id in only]
    if output is not Output.table:
        print_rows(REVIEW_COLUMNS, [_row(i) for i in items], title="", output=output)
    elif items:
        _print_items(queue, items, only, diff=diff)
    else:
        say(t("empty"))
    if not items:
        found_nothing()


def _print_items(
    queue: ReviewQueue, items: Sequence[ReviewItem], only: set[int], *, diff: bool
) -> None:
    say(t("title", count=len(items)))
    if not only:
        for code, count in queue.counts:
            say(t("per_code", code=code, count=count))
    for item in items:
        say("")
        _print_item(item, diff=diff)
    say("")
    say(t("hint"))


def _row(item: ReviewItem) -> list[Cell]:
    c = item.coding
    return [
        c.id,
        item.document,
        item.turn,
        item.speaker,
        c.coder,
        item.code_path,
        c.start,
        c.end,
        c.codebook_version,
        item.changed_in,
        item.reason,
        c.text,
    ]


def _print_item(item: ReviewItem, *, diff: bool) -> None:
    if item.turn is None:
        where = t("position", start=item.coding.start)
    elif item.speaker:
        where = t("turn_speaker", turn=item.turn, speaker=item.speaker)
    else:
        where = t("turn", turn=item.turn)
    c = item.coding
    say(t("item", id=c.id, document=item.document, where=where, coder=c.coder, code=item.code_path))
    say(t("quote", text=one_line(c.text, 70)))
    reason = t(item.reason)
    say(t("made", made=c.codebook_version, reason=reason, changed=item.changed_in))
    if diff:
        for field in item.definition:
            say(t("field", field=t(field.field), diff=_marked(field.old, field.new)))
