"""The codebook a merge leads to: the local one, with what the other copy did since the split.

Both copies carry the codebook log from before they were separated; the last
revision they share is the common ancestor. A code the other copy renamed or
moved since then, and this project did not, takes the other copy's name or
place; a code both changed differently keeps the local name and place, and the
conflict is reported. Codes this project lacks are added where the other copy
has them (``refi.graft``, which also matches a code by path when its GUID is
new here). Retiring and merging codes are not brought over: the local codes
keep their codings either way, and the report says what was left alone.
Without a shared ancestor nobody can tell who renamed what, so every
difference is a reported conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from codebook.domain.codebook import PATH_SEPARATOR, CodebookSpec, CodeSpec
from codebook.domain.merging import MergeIssue
from codebook.services.merging.copy import Placement
from codebook.services.refi.graft import graft


@dataclass
class CodebookMerge:
    """The merged codebook, how the other copy's GUIDs map onto local ones, what it counts."""

    spec: CodebookSpec
    aliases: dict[str, str]
    added: int = 0
    renamed: int = 0
    moved: int = 0
    conflicts: list[MergeIssue] = field(default_factory=list)


def merge_codebooks(
    local: CodebookSpec, other: CodebookSpec, base: Placement | None
) -> CodebookMerge:
    """``local`` with the other copy's new codes, renames and moves that can apply."""
    spec, by_path, added = graft(local, other)
    spec = replace(spec, codes=_remapped(spec.codes, by_path))
    aliases = {**{g: g for g in _guids(other.codes)}, **by_path}
    result = CodebookMerge(spec, aliases, added)
    here = _placement(spec.codes)
    there = _placement(other.codes)
    retired_there = {
        (c.guid or "").lower() for c in _walk(other.codes) if c.retired and c.guid is not None
    }
    for guid, (other_name, other_parent) in there.items():
        if guid not in here or aliases.get(guid, guid) != guid:
            continue
        name, parent = here[guid]
        path = _path(here, guid)
        if guid in retired_there and not _retired(result.spec.codes, guid):
            result.conflicts.append(
                MergeIssue("code", path, "retired in the other copy; kept live here")
            )
        was = base.get(guid) if base is not None else None
        if other_name != name:
            _rename(result, guid, path, name, other_name, was)
        if other_parent != parent:
            target = None if other_parent is None else aliases.get(other_parent, other_parent)
            _move(result, guid, path, parent, target, was)
    return result


def _rename(
    result: CodebookMerge,
    guid: str,
    path: str,
    name: str,
    wanted: str,
    was: tuple[str, str | None] | None,
) -> None:
    if was is not None and was[0] == wanted:
        return  # renamed here only: the local name is the newer one
    if was is None or was[0] != name:
        result.conflicts.append(
            MergeIssue(
                "code",
                path,
                f"renamed to '{wanted}' in the other copy and '{name}' here; "
                "the local name is kept",
            )
        )
        return
    here = _placement(result.spec.codes)
    parent = here[guid][1]
    if _name_taken(here, parent, wanted, guid):
        result.conflicts.append(
            MergeIssue("code", path, f"renamed to '{wanted}' in the other copy, a name taken here")
        )
        return
    result.spec = replace(result.spec, codes=_renamed(result.spec.codes, guid, wanted))
    result.renamed += 1


def _move(
    result: CodebookMerge,
    guid: str,
    path: str,
    parent: str | None,
    wanted: str | None,
    was: tuple[str, str | None] | None,
) -> None:
    here = _placement(result.spec.codes)
    where = "the top level" if wanted is None else f"'{_path(here, wanted)}'"
    if was is not None and was[1] == wanted:
        return  # moved here only
    if was is None or was[1] != parent:
        result.conflicts.append(
            MergeIssue(
                "code", path, f"moved to {where} in the other copy and elsewhere here; kept here"
            )
        )
        return
    if wanted is not None and (wanted not in here or guid in _ancestors(here, wanted)):
        result.conflicts.append(
            MergeIssue("code", path, f"moved to {where} in the other copy, which cannot apply here")
        )
        return
    if _name_taken(here, wanted, here[guid][0], guid):
        result.conflicts.append(
            MergeIssue("code", path, f"moved to {where} in the other copy, where its name is taken")
        )
        return
    codes, node = _taken_out(result.spec.codes, guid)
    assert node is not None
    result.spec = replace(result.spec, codes=_put_under(codes, wanted, node))
    result.moved += 1


# --------------------------------------------------------------------------- the tree


def _walk(codes: Sequence[CodeSpec]) -> Iterator[CodeSpec]:
    for code in codes:
        yield code
        yield from _walk(code.children)


def _guids(codes: Sequence[CodeSpec]) -> list[str]:
    return [c.guid.lower() for c in _walk(codes) if c.guid]


def _placement(codes: Sequence[CodeSpec], parent: str | None = None) -> Placement:
    out: Placement = {}
    for code in codes:
        guid = (code.guid or "").lower()
        out[guid] = (code.fields.name, parent)
        out.update(_placement(code.children, guid))
    return out


def _ancestors(placement: Placement, guid: str) -> list[str]:
    """``guid`` and every code above it."""
    out = [guid]
    parent = placement[guid][1]
    while parent is not None:
        out.append(parent)
        parent = placement[parent][1]
    return out


def _path(placement: Placement, guid: str) -> str:
    return PATH_SEPARATOR.join(placement[g][0] for g in reversed(_ancestors(placement, guid)))


def _name_taken(placement: Placement, parent: str | None, name: str, guid: str) -> bool:
    wanted = name.strip().casefold()
    return any(
        other_parent == parent and other != guid and other_name.strip().casefold() == wanted
        for other, (other_name, other_parent) in placement.items()
    )


def _retired(codes: Sequence[CodeSpec], guid: str) -> bool:
    return any(c.retired for c in _walk(codes) if (c.guid or "").lower() == guid)


def _renamed(codes: Sequence[CodeSpec], guid: str, name: str) -> tuple[CodeSpec, ...]:
    return tuple(
        replace(
            code,
            fields=replace(code.fields, name=name)
            if (code.guid or "").lower() == guid
            else code.fields,
            children=_renamed(code.children, guid, name),
        )
        for code in codes
    )


def _taken_out(
    codes: Sequence[CodeSpec], guid: str
) -> tuple[tuple[CodeSpec, ...], CodeSpec | None]:
    """The tree without the code ``guid``, and that code (with its children)."""
    kept: list[CodeSpec] = []
    found: CodeSpec | None = None
    for code in codes:
        if (code.guid or "").lower() == guid:
            found = code
            continue
        children, inner = _taken_out(code.children, guid)
        found = found or inner
        kept.append(replace(code, children=children))
    return tuple(kept), found


def _put_under(
    codes: Sequence[CodeSpec], parent: str | None, node: CodeSpec
) -> tuple[CodeSpec, ...]:
    if parent is None:
        return (*codes, node)
    return tuple(
        replace(
            code,
            children=(*code.children, node)
            if (code.guid or "").lower() == parent
            else _put_under(code.children, parent, node),
        )
        for code in codes
    )


def _remapped(codes: Sequence[CodeSpec], aliases: Mapping[str, str]) -> tuple[CodeSpec, ...]:
    """The tree with each ``merged_into`` naming a local GUID (a code of the other copy may
    have been merged into one that matched a local code by path)."""
    return tuple(
        replace(
            code,
            merged_into=aliases.get((code.merged_into or "").lower(), code.merged_into),
            children=_remapped(code.children, aliases),
        )
        for code in codes
    )


def aliased(aliases: Mapping[str, str], guid: str) -> str:
    """The local GUID the other copy's code ``guid`` became."""
    return aliases.get(guid.lower(), guid.lower())
