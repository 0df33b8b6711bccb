"""Writing or editing a memo on a code or a document, shared by the screens that offer it.

With no memo on the target yet the editor opens at once; otherwise a chooser
lists the memos there (everyone's, to read) and the user picks one of theirs
to edit or starts a new one. Saving an existing memo empty deletes it; every
change is one undoable action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from codebook.domain import CodebookError
from codebook.domain.memos import MemoTarget, MemoView
from codebook.tui.context import context_of
from codebook.tui.modals.memo import NEW_MEMO, ChooseMemo, MemoEditor


def memo_on(screen: Screen[Any], target: MemoTarget, done: Callable[[], None]) -> None:
    """Start the memo flow for ``target``; ``done`` runs after a change was committed."""
    ctx = context_of(screen)
    if ctx.coder_id is None:
        return
    try:
        memos = ctx.project.memos(target)
    except CodebookError as exc:
        screen.notify(context_of(screen).error(exc), severity="error")
        return
    heading = ctx.t("memo_on", target=target.label)
    if not memos:
        _edit(screen, target, None, heading, done)
        return

    def chosen(choice: int | None) -> None:
        if choice is None:
            return
        memo = next((m for m in memos if m.id == choice), None)
        _edit(screen, target, memo if choice != NEW_MEMO else None, heading, done)

    title = ctx.t("choose_memo_on", target=target.label)
    screen.app.push_screen(ChooseMemo(title, memos, ctx.coder_id), chosen)


def _edit(
    screen: Screen[Any],
    target: MemoTarget,
    memo: MemoView | None,
    heading: str,
    done: Callable[[], None],
) -> None:
    ctx = context_of(screen)
    editor = MemoEditor(
        heading,
        "" if memo is None else memo.text,
        memo_title="" if memo is None else memo.title,
    )

    def saved(text: str | None) -> None:
        if text is None or (memo is None and not text):
            return
        project = ctx.project
        try:
            if memo is None:
                project.add_memo(target, text, editor.memo_title)
                message = ctx.t("memo_saved")
            elif not text:
                project.delete_memo(memo.id)
                message = ctx.t("memo_deleted")
            elif project.edit_memo(memo.id, text=text, title=editor.memo_title):
                message = ctx.t("memo_saved")
            else:
                return
        except CodebookError as exc:
            screen.notify(context_of(screen).error(exc), severity="error")
            return
        ctx.changed()
        screen.notify(message)
        done()

    screen.app.push_screen(editor, saved)
