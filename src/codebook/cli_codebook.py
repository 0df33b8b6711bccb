"""``codebook codebook ...``: look at, revise, import and export a project's codebook.

Like ``cli.py`` this module imports only typer at load time; services are
imported inside the commands. Every revision command takes ``--reason``,
which is stored with the revision and shown in the history.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

codebook_app = typer.Typer(
    name="codebook",
    help="Show, revise, import and export the codebook; every revision can be undone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Imported after ``codebook_app`` exists: ``codebook.cli`` mounts this module's
# app when it loads, so whichever of the two is imported first, both finish.
from codebook.cli import ProjectArg  # noqa: E402
from codebook.domain import FIELD_LABELS  # noqa: E402

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from codebook.domain.revisions import Revision


CodeArg = Annotated[
    str, typer.Argument(metavar="CODE", help="Code path (A > B), unique name, guid or number.")
]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why: stored with the revision.")]


def _print(text: str = "") -> None:
    from codebook.cli import console

    console().print(text, markup=False, highlight=False, soft_wrap=True)


def _revise(project: str, change: Any) -> Revision:
    """Open the project, run one revision as the current coder, report it."""
    from codebook.cli import coder_name, open_store
    from codebook.services.project import coder_id

    store = open_store(project)
    try:
        with store.write() as session:
            revision: Revision = change(session, coder_id(session, coder_name()))
    finally:
        store.close()
    _print(f"Codebook version {revision.version}: {revision.summary}")
    return revision


def _read(project: str, work: Any) -> Any:
    from codebook.cli import open_store

    store = open_store(project)
    try:
        with store.read() as session:
            return work(session)
    finally:
        store.close()


# ---------------------------------------------------------------------------
# looking


@codebook_app.command()
def show(project: ProjectArg, code: CodeArg) -> None:
    """Show one code: its place, status, coding count and structured fields."""
    from sqlalchemy import func, select

    from codebook.db.models import Code, Coding
    from codebook.services.codebook.codes import code_path
    from codebook.services.codebook.revisions import find_code

    def work(session: Session) -> list[str]:
        found = find_code(session, code)
        count = session.scalar(
            select(func.count()).select_from(Coding).where(Coding.code_id == found.id)
        )
        status = "live"
        if found.retired:
            status = "retired"
            if found.merged_into_id is not None:
                target = session.get(Code, found.merged_into_id)
                if target is not None:
                    status = f"retired, merged into '{code_path(session, target)}'"
        lines = [
            code_path(session, found),
            f"  number: {found.id}   guid: {found.guid}   colour: {found.color}",
            f"  status: {status}   codings: {count or 0}",
        ]
        for attr, label in FIELD_LABELS:
            value = getattr(found, attr)
            text = ", ".join(value) if attr == "keywords" else str(value)
            lines.append(f"{label}: {text or '-'}")
        return lines

    for line in _read(project, work):
        _print(line)


@codebook_app.command()
def tree(
    project: ProjectArg,
    retired: Annotated[bool, typer.Option(help="Show retired codes too.")] = False,
) -> None:
    """The code tree with the number of codings per code (and per branch)."""
    from rich.markup import escape
    from rich.tree import Tree

    from codebook.cli import console, translated
    from codebook.cli_labels import LABELS
    from codebook.services.codebook.codes import CodeNode, code_tree, coding_counts

    found = _read(project, lambda s: (code_tree(s, include_retired=retired), coding_counts(s)))
    nodes: list[CodeNode] = found[0]
    counts: dict[int, int] = found[1]
    root = Tree(translated(LABELS, "tree_root"))

    def total(node: CodeNode) -> int:
        return counts.get(node.code.id, 0) + sum(total(c) for c in node.children)

    def add(parent: Tree, node: CodeNode) -> None:
        own = counts.get(node.code.id, 0)
        number = f"{own}"
        if node.children:
            number += ", " + translated(LABELS, "tree_with_children", count=total(node))
        label = f"[{node.code.color}]■[/] {escape(node.code.name)} ({number})"
        if node.code.retired:
            label += f" [dim]{translated(LABELS, 'tree_retired')}[/dim]"
        branch = parent.add(label)
        for child in node.children:
            add(branch, child)

    for node in nodes:
        add(root, node)
    console().print(root)


@codebook_app.command()
def history(
    project: ProjectArg,
    code: Annotated[
        str | None, typer.Argument(metavar="[CODE]", help="Only revisions that touched this code.")
    ] = None,
) -> None:
    """The codebook's revisions, oldest first: version, when, who, what and why."""
    from codebook.services.codebook.history import codebook_history

    entries = _read(project, lambda s: codebook_history(s, code))
    if not entries:
        _print("No revisions yet")
        return
    for e in entries:
        why = f"  (reason: {e.reason})" if e.reason and e.kind not in ("undo", "redo") else ""
        when = e.created_at.strftime("%Y-%m-%d %H:%M")
        _print(f"v{e.version}  {when}  {e.coder}  {e.kind}: {e.summary}{why}")


@codebook_app.command()
def diff(
    project: ProjectArg,
    v1: Annotated[int, typer.Argument(metavar="V1", help="Older codebook version (0: empty).")],
    v2: Annotated[int, typer.Argument(metavar="V2", help="Newer codebook version.")],
) -> None:
    """What changed between two codebook versions, with word-level diffs of definitions."""
    from codebook.services.codebook.history import codebook_diff

    result = _read(project, lambda s: codebook_diff(s, v1, v2))
    _print(f"Codebook version {v1} -> {v2}: {len(result.entries)} changes")
    for line in result.lines():
        _print(line)


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
    from codebook.cli import coder_name, open_store
    from codebook.services.codebook.exchange import (
        QDC_SUFFIXES,
        apply_import,
        plan_import,
        read_codebook_file,
    )
    from codebook.services.project import coder_id

    spec = read_codebook_file(file)
    with_meta = file.suffix.lower() not in QDC_SUFFIXES
    store = open_store(project)
    try:
        with store.read() as session:
            plan = plan_import(session, spec, with_meta=with_meta)
        if plan.is_empty:
            _print(f"Nothing to change: the codebook already matches {file.name}")
            return
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(plan.counts().items()))
        _print(f"Import plan for {file.name}: {counts}")
        for line in plan.lines():
            _print(f"  {line}")
        if dry_run:
            _print("Dry run: nothing changed")
            return
        if plan.codes_before and not yes and not typer.confirm("Apply this plan?", default=False):
            _print("Nothing changed")
            raise typer.Exit(1)
        with store.write() as session:
            revision = apply_import(
                session,
                coder_id(session, coder_name()),
                spec,
                expected=plan,
                with_meta=with_meta,
                reason=reason,
                source=file.name,
            )
    finally:
        store.close()
    _print(f"Codebook version {revision.version}: {revision.summary}")


@codebook_app.command()
def export(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .yaml/.yml or .qdc file.")],
    retired: Annotated[
        bool, typer.Option("--retired", help="Include retired codes (YAML only).")
    ] = False,
) -> None:
    """Write the codebook to YAML or REFI-QDA .qdc (by the file's extension)."""
    from codebook.services.codebook.exchange import export_codebook

    spec = _read(project, lambda s: export_codebook(s, file, include_retired=retired))
    count = _count(spec.codes)
    _print(f"Wrote {count} codes to {file}")


def _count(codes: Any) -> int:
    return sum(1 + _count(c.children) for c in codes)


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
    from codebook.services.codebook.revisions import rename_code

    _revise(project, lambda s, c: rename_code(s, c, code, new_name, reason=reason))


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
    from codebook.services.codebook.revisions import redefine_code

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
    _revise(project, lambda s, c: redefine_code(s, c, code, changes, reason=reason))


@codebook_app.command("recolour")
def recolour(
    project: ProjectArg,
    code: CodeArg,
    color: Annotated[str, typer.Argument(metavar="COLOR", help="Colour as #RRGGBB.")],
    reason: ReasonOpt = "",
) -> None:
    """Give a code a new colour."""
    from codebook.services.codebook.revisions import recolour_code

    _revise(project, lambda s, c: recolour_code(s, c, code, color, reason=reason))


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
    from codebook.services.codebook.revisions import move_code

    index = None if position is None else position - 1
    _revise(
        project,
        lambda s, c: move_code(s, c, code, under=under, top=top, position=index, reason=reason),
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
    from codebook.services.codebook.revisions import merge_codes

    revision = _revise(project, lambda s, c: merge_codes(s, c, source, target, reason=reason))
    moved, collapsed = revision.details.get("moved", 0), revision.details.get("collapsed", 0)
    _print(f"{moved} codings moved, {collapsed} identical codings collapsed")


@codebook_app.command()
def split(
    project: ProjectArg,
    code: CodeArg,
    new_names: Annotated[
        list[str], typer.Argument(metavar="NEW...", help="Names of the new codes (two or more).")
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
    from codebook.services.codebook.revisions import split_code

    mapping: dict[int, str] = {}
    for item in assign or []:
        left, sep, right = item.partition("=")
        if not sep or not left.strip().isdigit() or not right.strip():
            raise CodebookError(f"--assign '{item}': use CODING=NEWNAME, e.g. 12='Tijd'")
        mapping[int(left)] = right.strip()
    revision = _revise(
        project,
        lambda s, c: split_code(s, c, code, new_names, mapping, default=default, reason=reason),
    )
    counts = revision.details.get("counts", [])
    for name, count in zip(new_names, counts, strict=False):
        _print(f"  {name}: {count} codings")


@codebook_app.command()
def retire(project: ProjectArg, code: CodeArg, reason: ReasonOpt = "") -> None:
    """Retire a code and its sub-codes: codings stay, no new codings."""
    from codebook.services.codebook.revisions import retire_code

    _revise(project, lambda s, c: retire_code(s, c, code, reason=reason))


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
    from codebook.services.codebook.revisions import unretire_code

    _revise(project, lambda s, c: unretire_code(s, c, code, children=children, reason=reason))
