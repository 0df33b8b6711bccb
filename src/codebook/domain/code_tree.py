"""The code tree as a value: which code sits under which, in what order, by what path.

Codes are shown, counted and named by their place in the tree: the codebook
lists them depth first, a quote names its code by path, "with children"
retrieval and a report's chapter take a code and everything below it, and a
diff names codes by their paths in two versions. Building the tree in one
place, from plain rows (a column query or a stored snapshot), gives all of
them the same order and the same paths.

Codebook order is depth first, siblings by ``position`` then id. Bad rows
never hang or break a reader: a code whose parent is missing is a top-level
code, and a loop of parents is cut above its lowest-numbered code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from codebook.domain.codebook import PATH_SEPARATOR

#: ``(id, parent_id, position, name)``: all a code contributes to the tree.
TreeRow = tuple[int, int | None, int, str]


class CodeTree:
    """Codes by place: paths, children, descendants and the depth-first walk.

    Everything is worked out once when the tree is built (linear in the
    number of codes, plus sorting siblings), so every question after that is
    a lookup or a slice: retrieval asks for paths on every keystroke in the
    TUI. A code id the tree does not hold is a ``KeyError``.
    """

    __slots__ = (
        "_children",
        "_depth",
        "_index",
        "_name",
        "_order",
        "_parent",
        "_paths",
        "_position",
        "_size",
    )

    def __init__(self, rows: Iterable[TreeRow]) -> None:
        self._name: dict[int, str] = {}
        self._parent: dict[int, int | None] = {}
        self._position: dict[int, int] = {}
        for code_id, parent_id, position, name in rows:
            self._name[code_id] = name
            self._parent[code_id] = parent_id
            self._position[code_id] = position
        for code_id, parent_id in self._parent.items():
            if parent_id is not None and parent_id not in self._name:
                self._parent[code_id] = None
        _cut_loops(self._parent)
        self._children: dict[int | None, list[int]] = {None: []}
        for code_id, parent_id in self._parent.items():
            self._children.setdefault(parent_id, []).append(code_id)
        for siblings in self._children.values():
            siblings.sort(key=lambda c: (self._position[c], c))
        self._order: list[int] = []
        self._depth: dict[int, int] = {}
        self._paths: dict[int, str] = {}
        self._walk_and_name()
        self._index = {code_id: i for i, code_id in enumerate(self._order)}
        self._size = dict.fromkeys(self._order, 1)
        for code_id in reversed(self._order):
            parent_id = self._parent[code_id]
            if parent_id is not None:
                self._size[parent_id] += self._size[code_id]

    @classmethod
    def from_snapshot(cls, snapshot: Iterable[Mapping[str, Any]]) -> CodeTree:
        """The tree of a codebook version as ``codebook_event.snapshot`` stores it."""
        return cls(
            (row["id"], row["parent_id"], row["position"], str(row["name"])) for row in snapshot
        )

    def _walk_and_name(self) -> None:
        """Depth first from the top, so a parent's path is there before its children's."""
        stack = [(code_id, 0) for code_id in reversed(self._children[None])]
        while stack:
            code_id, depth = stack.pop()
            parent_id = self._parent[code_id]
            name = self._name[code_id]
            self._order.append(code_id)
            self._depth[code_id] = depth
            self._paths[code_id] = (
                name if parent_id is None else self._paths[parent_id] + PATH_SEPARATOR + name
            )
            below = self._children.get(code_id, ())
            stack.extend((child, depth + 1) for child in reversed(below))

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._index

    def __iter__(self) -> Iterator[int]:
        """Code ids in codebook order."""
        return iter(self._order)

    def path(self, code_id: int) -> str:
        """``Parent > Child``: the code's name after those of all its ancestors."""
        return self._paths[code_id]

    def paths(self) -> Mapping[int, str]:
        """Every code's path by id, in codebook order (a view: do not change it)."""
        return self._paths

    def depth(self, code_id: int) -> int:
        """0 for a top-level code, 1 for its children, and so on."""
        return self._depth[code_id]

    def children(self, code_id: int | None = None) -> Sequence[int]:
        """The codes directly under ``code_id`` (``None``: the top level), in codebook order."""
        if code_id is not None and code_id not in self._index:
            raise KeyError(code_id)
        return tuple(self._children.get(code_id, ()))

    def descendants(self, code_id: int) -> list[int]:
        """The code and every code below it, parents before children, in codebook order."""
        start = self._index[code_id]
        return self._order[start : start + self._size[code_id]]

    def walk(self) -> Iterator[tuple[int, int]]:
        """``(code id, depth)`` for every code, in codebook order."""
        depth = self._depth
        return ((code_id, depth[code_id]) for code_id in self._order)

    def without(self, code_ids: Iterable[int]) -> CodeTree:
        """This tree less ``code_ids`` and everything below them (ids it lacks are ignored).

        The live codebook is the whole one without the retired codes' branches:
        a live code under a retired one is out of sight until its parent is back.
        """
        dropped = {d for c in code_ids if c in self._index for d in self.descendants(c)}
        if not dropped:
            return self  # a tree never changes once built, so it can be shared
        return CodeTree(
            (c, self._parent[c], self._position[c], self._name[c])
            for c in self._order
            if c not in dropped
        )


def _cut_loops(parent: dict[int, int | None]) -> None:
    """Make the lowest-numbered code of every loop of parents a top-level code.

    Each code is followed up its parents once: a chain stops at the top, at a
    code already settled, or where it meets itself (a loop).
    """
    settled: set[int] = set()
    for start in parent:
        chain: list[int] = []
        on_chain: set[int] = set()
        code_id: int | None = start
        while code_id is not None and code_id not in settled:
            if code_id in on_chain:
                parent[min(chain[chain.index(code_id) :])] = None
                break
            chain.append(code_id)
            on_chain.add(code_id)
            code_id = parent[code_id]
        settled.update(chain)
