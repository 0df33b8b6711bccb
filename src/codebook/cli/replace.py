"""``codebook import PROJECT FILE --replace DOC``: a corrected transcript in a document's place.

The door plans the replacement first; the plan is printed (every coding whose
passage reads differently, with old and new text, and every coding that
vanishes) and, when it touches codings, applied only after a yes: ``--yes``,
or an answer at the terminal. Without a terminal to ask at, the command
refuses rather than guess. Like every command module, this one imports only
typer at load time.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from codebook.cli.common import opened, refuse, say, translated
from codebook.cli.labels.replace import LABELS

if TYPE_CHECKING:
    from codebook.domain.documents import ImportRequest
    from codebook.domain.text_edits import CodingChange, TextEditPlan

_CONTEXT = 24  # characters shown either side of what changed in a passage
_MIDDLE = 60  # the changed part of a passage is cut to this many characters


def _t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def replace_document(
    project: str,
    files: Sequence[Path],
    document: str | None,
    request: ImportRequest,
    *,
    dry_run: bool,
    yes: bool,
    force: bool,
) -> None:
    """Plan, show, confirm and apply a replacement; exit code 2 when refused, 1 when declined
    (nothing done, as when nothing is found)."""
    if document is None:
        refuse(_t("options_need_replace"))
    if len(files) != 1:
        refuse(_t("one_file", count=len(files)))
    if request.attributes or request.sidecar or request.cases or request.speaker_cases:
        refuse(_t("keeps_attributes"))
    (path,) = files
    with opened(project) as door:
        plan = door.plan_replacement(document, path, force=force, request=request)
        if not plan.changes_text:
            say(_t("same_text", file=path, document=plan.document))
            return
        _print_plan(plan, path)
        if dry_run:
            say(_t("dry_run"))
            return
        if plan.needs_confirmation and not yes:
            if not sys.stdin.isatty():
                refuse(_t("needs_yes"))
            if not typer.confirm(_t("confirm")):
                say(_t("declined"))
                raise typer.Exit(1)
        result = door.apply_text_edit(plan)
    say(
        _t(
            "replaced",
            document=result.document,
            changed=result.changed,
            vanished=result.vanished,
            unchanged=result.unchanged,
        )
    )


def _print_plan(plan: TextEditPlan, path: Path) -> None:
    say(_t("title", document=plan.document, file=path))
    say(_t("characters", kept=plan.kept_share, inserted=plan.inserted, deleted=plan.deleted))
    if plan.coarse:
        say(_t("coarse"))
    if plan.turns_restructured:
        say(_t("turns_follow", added=plan.turns_added, removed=plan.turns_removed))
    else:
        say(_t("turns_kept", turns=len(plan.turns)))
    if plan.speakers_relabelled:
        say(_t("relabelled", count=plan.speakers_relabelled))
    say(_t("resplit", count=plan.turns_resplit))
    say(
        _t(
            "codings",
            unchanged=plan.unchanged,
            changed=len(plan.changed),
            vanished=len(plan.vanished),
        )
    )
    if plan.changed:
        say(_t("changed_head"))
        for change in plan.changed:
            old, new = _differing(change.old_text, change.new_text or "")
            say(_heading(change) + _t("moved_to", start=change.new_start, end=change.new_end))
            say(_t("old_text", text=old))
            say(_t("new_text", text=new))
    if plan.vanished:
        say(_t("vanished_head"))
        for change in plan.vanished:
            say(_heading(change))
            say(_t("gone_text", text=_one_line(change.old_text, 2 * _CONTEXT + _MIDDLE)))
            if change.merged_into is not None:
                say(_t("merges", id=change.merged_into))


def _heading(change: CodingChange) -> str:
    return _t(
        "coding",
        id=change.id,
        code=change.code,
        coder=change.coder,
        start=change.old_start,
        end=change.old_end,
    )


def _differing(old: str, new: str) -> tuple[str, str]:
    """Two passages cut to what differs between them, with a little context, one line each.

    A long coding changed by one word shows that word, not the first seventy
    characters, which may read the same before and after.
    """
    same_start = 0
    limit = min(len(old), len(new))
    while same_start < limit and old[same_start] == new[same_start]:
        same_start += 1
    same_end = 0
    while same_end < limit - same_start and old[-1 - same_end] == new[-1 - same_end]:
        same_end += 1
    return _around(old, same_start, len(old) - same_end), _around(
        new, same_start, len(new) - same_end
    )


def _around(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    middle = text[start:end]
    if len(middle) > _MIDDLE:
        middle = middle[: _MIDDLE // 2] + "…" + middle[-_MIDDLE // 2 :]
    after = text[end : end + _CONTEXT]
    lead = "…" if start > _CONTEXT else ""
    tail = "…" if end + _CONTEXT < len(text) else ""
    return "“" + lead + _flat(before + middle + after) + tail + "”"


def _one_line(text: str, width: int) -> str:
    flat = _flat(text)
    return "“" + (flat if len(flat) <= width else flat[: width - 1] + "…") + "”"


def _flat(text: str) -> str:
    return " ".join(text.split())
