"""``codebook codebook ...``: look at, revise, import and export a project's codebook.

Every revision command takes ``--reason``, which is stored with the revision
and shown in the history; the door runs each revision as one undoable event.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from codebook.cli.common import (
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    command_group,
    found_nothing,
    opened,
    print_rows,
    refuse,
    say,
    translated,
)
from codebook.cli.labels.codebook import LABELS
from codebook.cli.run_options import settings
from codebook.cli.tree import print_code_tree

if TYPE_CHECKING:
    from codebook.domain.revisions import Revision
    from codebook.project import Project

codebook_app = command_group(
    "codebook", "Show, revise, import and export the codebook; every revision can be undone."
)

CodeArg = Annotated[
    str, typer.Argument(metavar="CODE", help="Code path (A > B), unique name, guid or number.")
]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why: stored with the revision.")]


def _revise(project: str, change: Callable[[Project], Revision]) -> Revision:
    """Run one revision through the door as the current coder, and report it."""
    with opened(project) as door:
        revision = change(door)
    say(_version(revision))
    return revision


def _t(key: str, **values: object) -> str:
    return translated(LABELS, key, **values)


def _version(revision: Revision) -> str:
    from codebook.domain.action_texts import action_text

    summary = action_text(revision.summary, settings.lang)
    return _t("version", version=revision.version, summary=summary)


def _kind(prefix: str, kind: str) -> str:
    """A revision, diff or plan kind (or a field) as a word of --lang; an unknown one as stored."""
    key = f"{prefix}_{kind}"
    return _t(key) if key in LABELS["en"] else kind


def _step(kind: str, path: str, detail: str) -> str:
    """One line of a diff or import plan: ``kind: 'path' detail``, the detail in --lang."""
    from codebook.domain.action_texts import action_text

    return f"{kind}: '{path}'" + (f" {action_text(detail, settings.lang)}" if detail else "")


# ---------------------------------------------------------------------------
# looking


@codebook_app.command()
def show(project: ProjectArg, code: CodeArg) -> None:
    """Show one code: its place, status, coding count and structured fields."""
    from codebook.domain import FIELD_LABELS

    with opened(project) as door:
        detail = door.code_detail(code)
    item = detail.item
    status = _t("status_live")
    if item.retired:
        status = _t("status_retired")
        if detail.merged_into is not None:
            status = _t("status_merged", target=detail.merged_into)
    say(item.path)
    say(_t("show_numbers", id=item.id, guid=item.guid, color=item.color))
    say(_t("show_status", status=status, count=item.count))
    for attr, _ in FIELD_LABELS:
        value = getattr(item, attr)
        text = ", ".join(value) if attr == "keywords" else str(value)
        say(f"{_t('field_' + attr)}: {text or '-'}")


@codebook_app.command()
def tree(
    project: ProjectArg,
    retired: Annotated[bool, typer.Option(help="Show retired codes too.")] = False,
    output: FormatOpt = Output.table,
) -> None:
    """The code tree with the number of codings per code (and per branch)."""
    print_code_tree(project, retired, output)


HISTORY_COLUMNS = tuple(
    Column(key, key) for key in ("version", "when", "coder", "kind", "summary", "reason")
)


@codebook_app.command()
def history(
    project: ProjectArg,
    code: Annotated[
        str | None, typer.Argument(metavar="CODE", help="Only revisions that touched this code.")
    ] = None,
    output: FormatOpt = Output.table,
) -> None:
    """The codebook's revisions, oldest first: version, when, who, what and why."""
    with opened(project) as door:
        entries = door.codebook_history(code)
    if output is not Output.table:
        rows: list[tuple[Cell, ...]] = [
            (
                e.version,
                e.created_at.isoformat(timespec="seconds"),
                e.coder,
                e.kind,
                e.summary,
                e.reason,
            )
            for e in entries
        ]
        print_rows(HISTORY_COLUMNS, rows, title="", output=output)
    else:
        from codebook.domain.action_texts import action_text

        for e in entries:
            shown = e.reason and e.kind not in ("undo", "redo")
            why = _t("history_reason", reason=e.reason) if shown else ""
            when = e.created_at.strftime("%Y-%m-%d %H:%M")
            kind, summary = _kind("kind", e.kind), action_text(e.summary, settings.lang)
            line = _t(
                "history_line",
                version=e.version,
                when=when,
                coder=e.coder,
                kind=kind,
                summary=summary,
                why=why,
            )
            say(line)
    if not entries:
        found_nothing()


@codebook_app.command()
def diff(
    project: ProjectArg,
    v1: Annotated[int, typer.Argument(metavar="V1", help="Older codebook version (0: empty).")],
    v2: Annotated[int, typer.Argument(metavar="V2", help="Newer codebook version.")],
) -> None:
    """What changed between two codebook versions, with word-level diffs of definitions."""
    with opened(project) as door:
        result = door.codebook_diff(v1, v2)
    count = len(result.entries)
    say(_t("diff_title_1" if count == 1 else "diff_title", v1=v1, v2=v2, count=count))
    for entry in result.entries:
        say(_step(_kind("diff", entry.kind), entry.path, entry.detail))
        for change in entry.fields:
            say(f"  {_kind('field', change.field)}: {change.diff}")


# ---------------------------------------------------------------------------
# files


@codebook_app.command("import")
def import_(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .yaml/.yml or .qdc codebook.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show the plan.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Apply without asking.")] = False,
    reason: ReasonOpt = "",
) -> None:
    """Import a codebook: shows the plan (create, rename, move, retire ...) and applies it.

    Codes are matched by guid, then by path. Codes missing from the file are
    retired with their codings, never deleted. The whole import is one
    revision, undone by 'codebook undo'.
    """
    with opened(project) as door:
        pending = door.plan_codebook_import(file)
        for warning in pending.spec.warnings:
            say(_t("warning", warning=warning))
        plan = pending.plan
        if plan.is_empty:
            say(_t("import_matches", file=file.name))
            return
        counts = ", ".join(
            f"{n} {_kind('plan', kind)}" for kind, n in sorted(plan.counts().items())
        )
        say(_t("import_plan", file=file.name, counts=counts))
        for step in plan.steps:
            say("  " + _step(_kind("plan", step.kind), step.path, step.detail))
        if dry_run:
            say(_t("import_dry_run"))
            return
        asked = plan.codes_before and not yes
        if asked and not typer.confirm(_t("import_confirm"), default=False):
            say(_t("nothing_changed"))
            raise typer.Exit(1)
        revision = door.apply_codebook_import(pending, reason=reason)
    say(_version(revision))


@codebook_app.command()
def export(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .yaml/.yml or .qdc file.")],
    retired: Annotated[
        bool, typer.Option("--retired", help="Include retired codes (YAML only).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write the codebook to YAML or REFI-QDA .qdc (by the file's extension).

    An existing FILE is never replaced without --force, as with 'codebook export'.
    """
    from codebook.cli.labels.export import LABELS as EXPORT_LABELS

    if file.exists() and not force:
        refuse(translated(EXPORT_LABELS, "export_exists", path=file))
    with opened(project) as door:
        count = door.export_codebook(file, include_retired=retired)
    say(_t("exported", count=count, file=file))


# ---------------------------------------------------------------------------
# revisions


@codebook_app.command()
def rename(
    project: ProjectArg,
    code: CodeArg,
    new_name: Annotated[str, typer.Argument(metavar="NEWNAME", help="The new name.")],
    reason: ReasonOpt = "",
) -> None:
    """Rename a code (guid, codings and place stay)."""
    _revise(project, lambda door: door.rename_code(code, new_name, reason=reason))


@codebook_app.command()
def redefine(
    project: ProjectArg,
    code: CodeArg,
    brief_definition: Annotated[str | None, typer.Option(help="One-line definition.")] = None,
    full_definition: Annotated[str | None, typer.Option(help="Full definition.")] = None,
    when_to_use: Annotated[str | None, typer.Option(help="When to use the code.")] = None,
    when_not_to_use: Annotated[str | None, typer.Option(help="When not to use it.")] = None,
    example: Annotated[str | None, typer.Option(help="A typical passage.")] = None,
    keywords: Annotated[
        str | None, typer.Option(help="Comma-separated keywords (replace the old ones).")
    ] = None,
    reason: ReasonOpt = "",
) -> None:
    """Change structured fields of a code; give only the fields that change."""
    from codebook.domain import CodebookError

    given = {
        "brief_definition": brief_definition,
        "full_definition": full_definition,
        "when_to_use": when_to_use,
        "when_not_to_use": when_not_to_use,
        "example": example,
        "keywords": keywords,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise CodebookError("give at least one field, e.g. --brief-definition TEXT")
    _revise(project, lambda door: door.redefine_code(code, changes, reason=reason))


@codebook_app.command("recolour")
def recolour(
    project: ProjectArg,
    code: CodeArg,
    color: Annotated[str, typer.Argument(metavar="COLOR", help="Colour as #RRGGBB.")],
    reason: ReasonOpt = "",
) -> None:
    """Give a code a new colour."""
    _revise(project, lambda door: door.recolour_code(code, color, reason=reason))


codebook_app.command("recolor", hidden=True)(recolour)


@codebook_app.command()
def move(
    project: ProjectArg,
    code: CodeArg,
    under: Annotated[str | None, typer.Option("--under", help="New parent code.")] = None,
    top: Annotated[bool, typer.Option("--top", help="Move to the top level.")] = False,
    position: Annotated[
        int | None,
        typer.Option(
            "--position", min=1, help="Place among the siblings, 1 = first (default last)."
        ),
    ] = None,
    reason: ReasonOpt = "",
) -> None:
    """Move a code under another (or to the top), or reorder it among its siblings."""
    index = None if position is None else position - 1
    _revise(
        project,
        lambda door: door.move_code(code, under=under, top=top, position=index, reason=reason),
    )


@codebook_app.command()
def merge(
    project: ProjectArg,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="The code that goes away.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="The code that stays.")],
    reason: ReasonOpt = "",
) -> None:
    """Merge SOURCE into TARGET: codings and sub-codes move, SOURCE is retired.

    Identical codings (same document, range and coder) collapse into one.
    """
    revision = _revise(project, lambda door: door.merge_codes(source, target, reason=reason))
    moved, collapsed = revision.details.get("moved", 0), revision.details.get("collapsed", 0)
    say(_t("merged", moved=moved, collapsed=collapsed))


@codebook_app.command()
def split(
    project: ProjectArg,
    code: CodeArg,
    new_names: Annotated[
        list[str], typer.Argument(metavar="NEW", help="Names of the new codes (two or more).")
    ],
    assign: Annotated[
        list[str] | None,
        typer.Option("--assign", metavar="CODING=NEWNAME", help="Put a coding on a new code."),
    ] = None,
    default: Annotated[
        str | None, typer.Option("--default", metavar="NEWNAME", help="New code for the rest.")
    ] = None,
    reason: ReasonOpt = "",
) -> None:
    """Split CODE into new codes; every coding goes to the new code it is assigned to.

    The new codes become siblings of CODE, right after it; CODE is retired and
    its sub-codes move under the --default new code (or the first new one).
    Codings not named by --assign go to --default; without it, all must be named.
    """
    from codebook.domain import CodebookError

    mapping: dict[int, str] = {}
    for item in assign or []:
        left, sep, right = item.partition("=")
        if not sep or not left.strip().isdigit() or not right.strip():
            raise CodebookError("--assign '{item}': use CODING=NEWNAME, e.g. 12='Tijd'", item=item)
        mapping[int(left)] = right.strip()
    revision = _revise(
        project,
        lambda door: door.split_code(code, new_names, mapping, default=default, reason=reason),
    )
    counts = revision.details.get("counts", [])
    for name, count in zip(new_names, counts, strict=False):
        say(_t("split_count", name=name, count=count))


@codebook_app.command()
def retire(project: ProjectArg, code: CodeArg, reason: ReasonOpt = "") -> None:
    """Retire a code and its sub-codes: codings stay, no new codings."""
    _revise(project, lambda door: door.retire_code(code, reason=reason))


@codebook_app.command()
def unretire(
    project: ProjectArg,
    code: CodeArg,
    children: Annotated[
        bool, typer.Option("--children", help="Also unretire its retired sub-codes.")
    ] = False,
    reason: ReasonOpt = "",
) -> None:
    """Bring a retired code back into use."""
    _revise(project, lambda door: door.unretire_code(code, children=children, reason=reason))
