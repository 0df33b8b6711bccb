"""Correcting the text of one turn from the coding screen, with the plan shown first.

A transcription error found while coding is fixed where it is seen. The door
plans the edit (which codings, of anyone, would read differently or vanish)
before anything is written; when a coding is affected the plan is shown and
only Enter applies it. The edit is one undoable action, like every write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from codebook.domain import CodebookError, TurnSpan
from codebook.domain.text_edits import CodingChange, TextEditPlan
from codebook.tui.context import AppContext, context_of
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.memo import MemoEditor

#: Passages in the preview are cut to this many characters: it lists, it does not quote.
SHOWN_CHARACTERS = 60


def edit_turn(
    screen: Screen[Any],
    document_id: int,
    position: int,
    turn: TurnSpan,
    text: str,
    done: Callable[[], None],
) -> None:
    """Open the turn's text in an editor; plan, confirm and apply the change.

    ``done`` runs after the edit has committed (the screen then reloads).
    """
    ctx = context_of(screen)
    if ctx.coder_id is None:
        return
    title = ctx.t("edit_turn_title", number=position + 1, speaker=turn.speaker or "-")

    def saved(new_text: str | None) -> None:
        if new_text is None or new_text == text:
            return
        try:
            plan = ctx.project.plan_turn_edit(document_id, position, new_text)
        except CodebookError as exc:
            screen.notify(context_of(screen).error(exc), severity="error")
            return
        if not plan.changes_text:
            return
        if not plan.needs_confirmation:
            _apply(screen, plan, done)
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                _apply(screen, plan, done)

        screen.app.push_screen(ConfirmPreview(title, plan_lines(ctx, plan)), confirmed)

    screen.app.push_screen(MemoEditor(title, text), saved)


def plan_lines(ctx: AppContext, plan: TextEditPlan) -> list[str]:
    """The plan as the preview shows it: a count line, then each affected coding."""
    lines = [
        ctx.t(
            "edit_plan_counts",
            changed=len(plan.changed),
            vanished=len(plan.vanished),
            unchanged=plan.unchanged,
        )
    ]
    lines.extend(
        ctx.t("edit_plan_changed", **_described(change), new=_cut(change.new_text or ""))
        for change in plan.changed
    )
    lines.extend(ctx.t("edit_plan_vanished", **_described(change)) for change in plan.vanished)
    return lines


def _described(change: CodingChange) -> dict[str, str]:
    return {"code": change.code, "coder": change.coder, "old": _cut(change.old_text)}


def _cut(passage: str) -> str:
    flat = " ".join(passage.split())
    return flat if len(flat) <= SHOWN_CHARACTERS else flat[: SHOWN_CHARACTERS - 1] + "…"


def _apply(screen: Screen[Any], plan: TextEditPlan, done: Callable[[], None]) -> None:
    ctx = context_of(screen)
    try:
        ctx.project.apply_text_edit(plan)
    except CodebookError as exc:
        screen.notify(context_of(screen).error(exc), severity="error")
        return
    done()
    screen.notify(ctx.t("text_edited", description=plan.description))
