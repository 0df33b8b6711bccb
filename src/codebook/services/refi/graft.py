"""Adding a file's codes to a project's codebook without disturbing the codes it has.

An import ``--into`` a project that is being coded must not rename, move or
retire anything: it adds the codes the project lacks, each where the file has
it, and maps the file's codes that the project already has (by GUID, else by
path) onto them, so their codings land on the project's own codes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from codebook.domain.codebook import CodebookSpec, CodeSpec


@dataclass
class _Node:
    spec: CodeSpec
    children: list[_Node] = field(default_factory=list)

    def frozen(self) -> CodeSpec:
        return replace(self.spec, children=tuple(child.frozen() for child in self.children))


def graft(
    project: CodebookSpec, incoming: CodebookSpec
) -> tuple[CodebookSpec, dict[str, str], int]:
    """The project's codebook with the incoming codes it lacks added where the file has them.

    A code is the project's when its GUID is there (wherever it now sits), or
    else when its path is (same names under the same parent, ignoring case).
    Returns the grafted codebook, for each code matched by path its incoming
    GUID -> the project's, and the number of codes added.
    """
    roots = [_mutable(code) for code in project.codes]
    by_guid: dict[str, _Node] = {}
    for node in _nodes(roots):
        if node.spec.guid:
            by_guid[node.spec.guid.lower()] = node
    aliases: dict[str, str] = {}
    added = 0

    def merge(codes: Sequence[CodeSpec], siblings: list[_Node]) -> None:
        nonlocal added
        for code in codes:
            guid = (code.guid or "").lower()
            found = by_guid.get(guid) or _same_name(siblings, code.fields.name)
            if found is None:
                found = _Node(replace(code, children=()))
                siblings.append(found)
                by_guid[guid] = found
                added += 1
            elif (found.spec.guid or "").lower() != guid and guid:
                aliases[guid] = (found.spec.guid or "").lower()
            merge(code.children, found.children)

    merge(incoming.codes, roots)
    return replace(project, codes=tuple(node.frozen() for node in roots)), aliases, added


def _mutable(code: CodeSpec) -> _Node:
    return _Node(code, [_mutable(child) for child in code.children])


def _nodes(nodes: Sequence[_Node]) -> Iterator[_Node]:
    for node in nodes:
        yield node
        yield from _nodes(node.children)


def _same_name(siblings: Sequence[_Node], name: str) -> _Node | None:
    wanted = name.strip().casefold()
    matches = [n for n in siblings if n.spec.fields.name.strip().casefold() == wanted]
    live = [n for n in matches if not n.spec.retired]
    found = live or matches
    return found[0] if found else None
