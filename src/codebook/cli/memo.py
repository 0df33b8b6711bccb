"""``codebook memo ...``: write, list, edit and delete analytic memos.

A memo is written on the project (``--project``), a document (``--document
NAME``) or a code (``--code PATH``). Its text is the TEXT argument, a file
(``--file``), or standard input (TEXT ``-``). Every change can be undone with
``codebook undo``. Messages follow ``--lang``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    PIPE_WIDTH,
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
    from collections.abc import Sequence
    from datetime import datetime

    from codebook.domain.memos import MemoTarget, MemoView

memo_app = command_group(
    "memo", "Write, list, edit and delete memos on the project, a document or a code."
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "added": "Memo {id} added on {target}",
        "changed": "Memo {id} changed",
        "unchanged": "Memo {id}: nothing changed",
        "deleted": "Deleted memo {id} on {target}",
        "project": "the project",
        "code": "code '{label}'",
        "document": "document '{label}'",
        "coding": "coding {label}",
        "retired": " (retired)",
        "count": "{count} memos",
        "count_1": "1 memo",
        "count_on": "{count} memos on {target}",
        "count_on_1": "1 memo on {target}",
        "col_id": "#",
        "col_on": "on",
        "col_coder": "coder",
        "col_when": "date",
        "col_memo": "memo",
    },
    "nl": {
        "added": "Memo {id} toegevoegd bij {target}",
        "changed": "Memo {id} gewijzigd",
        "unchanged": "Memo {id}: niets gewijzigd",
        "deleted": "Memo {id} bij {target} verwijderd",
        "project": "het project",
        "code": "code '{label}'",
        "document": "document '{label}'",
        "coding": "codering {label}",
        "retired": " (buiten gebruik)",
        "count": "{count} memo's",
        "count_1": "1 memo",
        "count_on": "{count} memo's bij {target}",
        "count_on_1": "1 memo bij {target}",
        "col_id": "#",
        "col_on": "bij",
        "col_coder": "codeur",
        "col_when": "datum",
        "col_memo": "memo",
    },
}

CodeOpt = Annotated[
    str | None, typer.Option("--code", help="A code: path (A > B), unique name or number.")
]
DocumentOpt = Annotated[str | None, typer.Option("--document", help="A document: name or number.")]
ProjectOpt = Annotated[bool, typer.Option("--project", help="The project as a whole.")]
TextArg = Annotated[
    str | None, typer.Argument(metavar="TEXT", help="The memo's text; - reads standard input.")
]
FileOpt = Annotated[Path | None, typer.Option("--file", help="Read the text from this file.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="A one-line title.")]
MemoIdArg = Annotated[int, typer.Argument(metavar="ID", help="The memo's number (memo list).")]


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def target_text(target: MemoTarget) -> str:
    if target.kind == "project":
        return t("project")
    named = t(target.kind, label=target.label) if target.kind in LABELS["en"] else target.label
    return named + (t("retired") if target.retired else "")


def read_text(text: str | None, file: Path | None, *, required: bool) -> str | None:
    """The memo text from the argument, ``-`` (standard input) or ``--file``."""
    from codebook.domain import CodebookError

    if text is not None and file is not None:
        raise CodebookError("give the text or --file, not both")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CodebookError("{file}: not UTF-8 text", file=file) from exc
    if text == "-":
        return sys.stdin.read()
    if text is None and required:
        raise CodebookError("give the memo's text, - to read it from standard input, or --file")
    return text


@memo_app.command("add")
def add(
    project: ProjectArg,
    text: TextArg = None,
    code: CodeOpt = None,
    document: DocumentOpt = None,
    on_project: ProjectOpt = False,
    title: TitleOpt = None,
    file: FileOpt = None,
) -> None:
    """Write a memo on a code, a document or the project."""
    from codebook.domain import CodebookError

    body = read_text(text, file, required=True) or ""
    with opened(project) as door:
        target = door.memo_target(code=code, document=document, project=on_project)
        if target is None:
            raise CodebookError("say what the memo is on: --code, --document or --project")
        memo_id = door.add_memo(target, body, title or "")
    say(t("added", id=memo_id, target=target_text(target)))


MEMO_COLUMNS = tuple(
    Column(key, key) for key in ("id", "on", "target", "coder", "updated", "title", "text")
)
"""A memo per row for a script: ``on`` is project, document, code or coding, ``target``
the document's name, the code's path or the coding's number (empty for the project),
``updated`` an ISO 8601 time with its offset."""


@memo_app.command("list")
def list_(
    project: ProjectArg,
    code: CodeOpt = None,
    document: DocumentOpt = None,
    on_project: ProjectOpt = False,
    coded_by: Annotated[
        str | None,
        typer.Option("--coded-by", metavar="NAME", help="Only the memos this coder wrote."),
    ] = None,
    output: FormatOpt = Output.table,
) -> None:
    """List memos: all, or those on one code, document or the project, or by one coder."""
    with opened(project) as door:
        target = door.memo_target(code=code, document=document, project=on_project)
        memos = door.memos(target, coder=coded_by)
    if output is not Output.table:
        rows = [
            [
                m.id,
                m.target.kind,
                m.target.label or None,
                m.coder,
                _local(m.updated_at).isoformat(timespec="seconds"),
                m.title,
                m.text,
            ]
            for m in memos
        ]
        print_rows(MEMO_COLUMNS, rows, title="", output=output)
    else:
        _print_table(memos, target)
    if not memos:
        found_nothing()


def _local(moment: datetime) -> datetime:
    """A stored (UTC) time in the user's time zone."""
    from datetime import UTC

    return moment.replace(tzinfo=UTC).astimezone()


def _print_table(memos: Sequence[MemoView], target: MemoTarget | None) -> None:
    from rich.table import Table
    from rich.text import Text

    one = "_1" if len(memos) == 1 else ""
    title = (
        t("count" + one, count=len(memos))
        if target is None
        else t("count_on" + one, count=len(memos), target=target_text(target))
    )
    out = console()
    # a given width is shared out; a pipe's is unbounded, so the table takes its content's
    table = Table(title=title, show_lines=True, expand=out.width < PIPE_WIDTH)
    table.add_column(t("col_id"), justify="right", no_wrap=True)
    table.add_column(t("col_on"), ratio=1, overflow="fold")
    table.add_column(t("col_coder"), no_wrap=True)
    table.add_column(t("col_when"), no_wrap=True)
    table.add_column(t("col_memo"), ratio=3)
    for memo in memos:
        when = _local(memo.updated_at)
        body = Text()
        if memo.title:
            body.append(memo.title + "\n", style="bold")
        body.append(memo.text)
        on = Text(target_text(memo.target))
        table.add_row(str(memo.id), on, Text(memo.coder), f"{when:%Y-%m-%d}", body)
    out.print(table)


@memo_app.command("edit")
def edit(
    project: ProjectArg,
    memo_id: MemoIdArg,
    text: TextArg = None,
    title: TitleOpt = None,
    file: FileOpt = None,
) -> None:
    """Change the text and/or title of one of your memos."""
    body = read_text(text, file, required=False)
    with opened(project) as door:
        changed = door.edit_memo(memo_id, text=body, title=title)
    say(t("changed" if changed else "unchanged", id=memo_id))


@memo_app.command("delete")
def delete(project: ProjectArg, memo_id: MemoIdArg) -> None:
    """Delete one of your memos (undo brings it back)."""
    with opened(project) as door:
        gone = door.delete_memo(memo_id)
    say(t("deleted", id=memo_id, target=target_text(gone.target)))
