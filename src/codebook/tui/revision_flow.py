"""Asking for a codebook revision and previewing it: rename, move, merge, split, retire.

Each flow asks what it needs (a name, a target code, how to split the
codings), asks the door for a plan where one exists, and hands the screen a
title, the preview's lines and the change to make on Enter. Making the change
(in a worker, then reloading) is the screen's part: ``Confirm``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.screen import Screen

from codebook.domain import CodebookError
from codebook.domain.codebook import CodeItem
from codebook.domain.revisions import Revision
from codebook.project import Project
from codebook.tui.context import context_of
from codebook.tui.modals.palette import ROOT, CodePalette
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.modals.split import SplitAssign

Change = Callable[[Project], Revision]
Confirm = Callable[[str, Sequence[str | Text], Change, int | None], None]
"""Show a preview (title, lines); on Enter make the change, then select a code."""


def rename(screen: Screen[Any], item: CodeItem, confirm: Confirm) -> None:
    ctx = context_of(screen)

    def named(name: str | None) -> None:
        if not name or name == item.name:
            return
        lines = [
            ctx.t("preview_rename_line", old=item.name, new=name),
            ctx.t("preview_codings_stay", count=item.count),
        ]
        confirm(
            ctx.t("preview_rename", code=item.path),
            lines,
            lambda project: project.rename_code(item.id, name),
            item.id,
        )

    screen.app.push_screen(TextPrompt(ctx.t("rename_title", code=item.name), item.name), named)


def move(
    screen: Screen[Any],
    item: CodeItem,
    items: Sequence[CodeItem],
    subtree: Sequence[CodeItem],
    confirm: Confirm,
) -> None:
    """Under another code (not one of its own descendants) or to the top level."""
    ctx = context_of(screen)

    def chosen(target: int | None) -> None:
        if target is None:
            return
        top = target == ROOT
        where = ctx.t("top_level") if top else next((i.path for i in items if i.id == target), "?")
        lines = [
            ctx.t("preview_move_line", code=item.path, where=where),
            ctx.t("preview_codings_stay", count=item.count),
        ]
        confirm(
            ctx.t("preview_move", code=item.path),
            lines,
            lambda project: project.move_code(item.id, under=None if top else target, top=top),
            item.id,
        )

    palette = CodePalette(
        ctx.t("move_title", code=item.name),
        list(items),
        root_label=ctx.t("top_level"),
        exclude=frozenset(i.id for i in subtree),
    )
    screen.app.push_screen(palette, chosen)


def merge(screen: Screen[Any], item: CodeItem, items: Sequence[CodeItem], confirm: Confirm) -> None:
    ctx = context_of(screen)

    def chosen(target: int | None) -> None:
        if target is None or target == ROOT:
            return
        try:
            plan = ctx.project.plan_merge(item.id, target)
        except CodebookError as exc:
            screen.notify(context_of(screen).error(exc), severity="error")
            return
        confirm(
            ctx.t(
                "preview_merge",
                source=plan.source,
                target=plan.target,
                moving=len(plan.moving),
                collapsing=len(plan.collapsing),
            ),
            plan.lines(),
            lambda project: project.merge_codes(item.id, target),
            target,
        )

    palette = CodePalette(
        ctx.t("merge_title", code=item.name), list(items), exclude=frozenset({item.id})
    )
    screen.app.push_screen(palette, chosen)


def split(screen: Screen[Any], item: CodeItem, confirm: Confirm) -> None:
    """Names of the new codes, then which coding goes where, then the preview."""
    ctx = context_of(screen)

    def named(text: str | None) -> None:
        names = [n.strip() for n in (text or "").split(",") if n.strip()]
        if len(names) < 2:
            if text:
                screen.notify(ctx.t("split_needs_two"), severity="warning")
            return
        try:
            codings = ctx.project.codings(code=item.id)
        except CodebookError as exc:
            screen.notify(context_of(screen).error(exc), severity="error")
            return
        screen.app.push_screen(
            SplitAssign(item.path, names, codings),
            lambda assignment: _split_preview(screen, item, names, assignment, confirm),
        )

    screen.app.push_screen(TextPrompt(ctx.t("split_names_title", code=item.name)), named)


def _split_preview(
    screen: Screen[Any],
    item: CodeItem,
    names: list[str],
    assignment: dict[int, str] | None,
    confirm: Confirm,
) -> None:
    if assignment is None:
        return
    ctx = context_of(screen)
    default = names[0]
    try:
        plan = ctx.project.plan_split(item.id, names, assignment, default)
    except CodebookError as exc:
        screen.notify(context_of(screen).error(exc), severity="error")
        return
    unassigned = plan.counts()[0] - sum(1 for n in assignment.values() if n == default)
    lines = plan.lines()
    if unassigned:
        lines.append(ctx.t("split_rest", count=unassigned, code=default))
    confirm(
        ctx.t("preview_split", code=item.path),
        lines,
        lambda project: project.split_code(item.id, names, assignment, default=default),
        None,
    )


def retire(
    screen: Screen[Any], item: CodeItem, subtree: Sequence[CodeItem], confirm: Confirm
) -> None:
    """The code and its live sub-codes; their codings stay, under retired codes."""
    ctx = context_of(screen)
    live = [i for i in subtree if not i.retired]
    lines = [
        ctx.t("preview_retire_line", code=item.path, sub=len(live) - 1),
        ctx.t("preview_retire_codings", count=sum(i.count for i in live)),
    ]
    confirm(
        ctx.t("preview_retire", code=item.path),
        lines,
        lambda project: project.retire_code(item.id),
        item.id,
    )


def unretire(screen: Screen[Any], item: CodeItem, confirm: Confirm) -> None:
    ctx = context_of(screen)
    confirm(
        ctx.t("preview_unretire", code=item.path),
        [ctx.t("preview_unretire_line", code=item.path)],
        lambda project: project.unretire_code(item.id),
        item.id,
    )
