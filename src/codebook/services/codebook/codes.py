"""Reading the code tree and creating codes.

Codes are addressed the way analysts talk about them: by path
(``Kennisdeling > Landelijke kennisdeling``), by a name that is unique in the
codebook, by guid, or by number. ``>`` separates path parts because code
names themselves often contain ``/`` ("regionaal/landelijk").
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coding
from codebook.domain import CodebookError, CodeFields
from codebook.domain.code_tree import CodeTree
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.services.codebook.log import record_event
from codebook.services.journal import Recorder

COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
PALETTE = (
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
)


@dataclass
class CodeNode:
    """A code with its children, as the tree views and exports walk it."""

    code: Code
    path: str
    depth: int
    children: list[CodeNode] = field(default_factory=list)

    def walk(self) -> Iterator[CodeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def load_code_tree(session: Session, *, include_retired: bool) -> CodeTree:
    """The code tree from one column query, no ORM objects: cheap enough for every retrieval.

    Without ``include_retired`` it is the live codebook: retired codes and
    whatever hangs below them are left out, as the codebook shows them.
    """
    rows = session.execute(
        select(Code.id, Code.parent_id, Code.position, Code.name, Code.retired)
    ).all()
    tree = CodeTree((i, parent, position, name) for i, parent, position, name, _ in rows)
    if include_retired:
        return tree
    return tree.without(i for i, _, _, _, retired in rows if retired)


def code_tree(session: Session, *, include_retired: bool = False) -> list[CodeNode]:
    """Top-level nodes in codebook order, each with its subtree and its ``Code`` object."""
    tree = load_code_tree(session, include_retired=include_retired)
    codes = {code.id: code for code in session.scalars(select(Code))}

    def node(code_id: int) -> CodeNode:
        below = [node(child) for child in tree.children(code_id)]
        return CodeNode(codes[code_id], tree.path(code_id), tree.depth(code_id), below)

    return [node(code_id) for code_id in tree.children()]


def walk_tree(nodes: Sequence[CodeNode]) -> Iterator[CodeNode]:
    for node in nodes:
        yield from node.walk()


def code_path(session: Session, code: Code) -> str:
    """The code's path as stored now (read as columns, so a revision's Core changes show)."""
    return load_code_tree(session, include_retired=True).path(code.id)


def descendant_ids(session: Session, code_id: int) -> list[int]:
    """The code and every code below it, retired ones too, in codebook order."""
    return load_code_tree(session, include_retired=True).descendants(code_id)


def code_ids_by_guid(session: Session) -> dict[str, int]:
    """Every code's id (retired ones too) by its lower-case guid, as exchange files name codes."""
    return {guid.lower(): code_id for code_id, guid in session.execute(select(Code.id, Code.guid))}


def coding_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(Coding.code_id, func.count()).group_by(Coding.code_id))
    return {code_id: count for code_id, count in rows}


def resolve_code(session: Session, ref: str) -> Code:
    """Find a code by path, unique name, guid or number; a clear error otherwise."""
    ref = ref.strip()
    codes = list(session.scalars(select(Code)))
    if ref.isdigit():
        for code in codes:
            if code.id == int(ref):
                return code
    lowered = ref.lower().strip("{}")
    for code in codes:
        if code.guid.lower() == lowered:
            return code
    if ">" in ref:
        wanted = PATH_SEPARATOR.join(p.strip().lower() for p in ref.split(">"))
        paths = load_code_tree(session, include_retired=True).paths()
        # Codes sharing a path (a retired one beside a live namesake): the last one wins.
        by_path = {path.lower(): code_id for code_id, path in paths.items()}
        found = by_path.get(wanted)
        if found is not None:
            return next(code for code in codes if code.id == found)
        raise unknown_code(ref, paths.values())
    matches = [c for c in codes if c.name.lower() == ref.lower()]
    active = [c for c in matches if not c.retired]
    if len(active) == 1 or (len(matches) == 1):
        return (active or matches)[0]
    if not matches:
        raise unknown_code(ref, [c.name for c in codes])
    paths = load_code_tree(session, include_retired=True).paths()
    where = "; ".join(sorted(paths[c.id] for c in (active or matches)))
    raise CodebookError("code name '{ref}' is ambiguous; use a path: {where}", ref=ref, where=where)


def unknown_code(ref: str, names: Iterable[str]) -> CodebookError:
    """The error for a code not found, naming the nearest existing names (ignoring case).

    A typo in a code name would otherwise leave the user to list the
    codebook and compare by eye.
    """
    by_lower = {name.lower(): name for name in names}
    near = difflib.get_close_matches(ref.lower(), list(by_lower), n=3)
    if not near:
        return CodebookError("unknown code '{ref}'", ref=ref)
    first, *others = (by_lower[n] for n in near)
    if not others:
        return CodebookError("unknown code '{ref}' – did you mean '{first}'?", ref=ref, first=first)
    if len(others) == 1:
        return CodebookError(
            "unknown code '{ref}' – did you mean '{first}' or '{second}'?",
            ref=ref,
            first=first,
            second=others[0],
        )
    return CodebookError(
        "unknown code '{ref}' – did you mean '{first}' or '{second}' or '{third}'?",
        ref=ref,
        first=first,
        second=others[0],
        third=others[1],
    )


def check_color(color: str) -> str:
    if not COLOR_RE.match(color):
        raise CodebookError("colour '{color}' is not of the form #RRGGBB", color=color)
    return color.upper()


def check_sibling_name(
    session: Session, parent_id: int | None, name: str, exclude_id: int | None = None
) -> None:
    """Active siblings must have distinct names, or paths would be ambiguous."""
    if not name.strip():
        raise CodebookError("a code needs a name")
    if ">" in name:
        raise CodebookError(
            "code name '{name}' may not contain '>' (it separates path parts)", name=name
        )
    query = select(Code.id).where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id,
        func.lower(Code.name) == name.strip().lower(),
        Code.retired.is_(False),
    )
    if exclude_id is not None:
        query = query.where(Code.id != exclude_id)
    if session.scalar(query) is not None:
        raise CodebookError(
            "a code named '{name}' already exists at that place in the codebook", name=name
        )


def next_position(session: Session, parent_id: int | None) -> int:
    query = select(func.max(Code.position)).where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    current = session.scalar(query)
    return 0 if current is None else current + 1


def code_row(
    fields: CodeFields,
    *,
    parent_id: int | None,
    position: int,
    guid: str | None = None,
) -> dict[str, Any]:
    color = check_color(fields.color) if fields.color else PALETTE[position % len(PALETTE)]
    return {
        "guid": (guid or str(uuid.uuid4())).lower().strip("{}"),
        "parent_id": parent_id,
        "position": position,
        "name": fields.name.strip(),
        "color": color,
        "brief_definition": fields.brief_definition,
        "full_definition": fields.full_definition,
        "when_to_use": fields.when_to_use,
        "when_not_to_use": fields.when_not_to_use,
        "example": fields.example,
        "keywords": list(fields.keywords),
        "retired": False,
        "merged_into_id": None,
    }


def create_code(
    session: Session,
    coder_id: int,
    fields: CodeFields,
    parent: str | int | None = None,
    *,
    reason: str = "",
) -> Code:
    """Create a code under ``parent`` (a reference or id); one codebook revision."""
    parent_id: int | None
    if parent is None:
        parent_id = None
    elif isinstance(parent, int):
        parent_id = parent
    else:
        parent_code = resolve_code(session, parent)
        if parent_code.retired:
            raise CodebookError(
                "code '{code}' is retired; unretire it first", code=parent_code.name
            )
        parent_id = parent_code.id
    check_sibling_name(session, parent_id, fields.name)
    rec = Recorder(session, coder_id, "codebook.create", f"create code '{fields.name}'")
    row = code_row(fields, parent_id=parent_id, position=next_position(session, parent_id))
    (new_id,) = rec.insert(Code, [row])
    version = record_event(
        session, coder_id, "create", {"code_id": new_id, "name": row["name"]}, reason
    )
    rec.finish(event_version=version)
    code = session.get(Code, new_id)
    assert code is not None
    return code


def code_fields(code: Code) -> CodeFields:
    return CodeFields(
        name=code.name,
        brief_definition=code.brief_definition,
        full_definition=code.full_definition,
        when_to_use=code.when_to_use,
        when_not_to_use=code.when_not_to_use,
        example=code.example,
        color=code.color,
        keywords=tuple(code.keywords or ()),
    )
