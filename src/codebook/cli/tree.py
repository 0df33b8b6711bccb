"""The code tree as ``codes`` and ``codebook tree`` print it, in the --lang language.

Shared by the core and the codebook commands, which never import each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from codebook.cli.common import (
    Column,
    Output,
    console,
    found_nothing,
    opened,
    print_rows,
    translated,
)
from codebook.cli.labels.core import LABELS

if TYPE_CHECKING:
    from rich.tree import Tree

    from codebook.domain.codebook import CodeItem


TREE_COLUMNS = tuple(
    Column(key, key, right=key in ("id", "parent", "depth", "codings", "total"))
    for key in ("id", "path", "name", "parent", "depth", "color", "codings", "total", "retired")
)
"""A code per row for a script: ``parent`` is the parent's id, ``codings`` the code's own,
``total`` with its sub-codes'; the rows come depth first, as in the tree."""


def print_code_tree(project: str, retired: bool, output: Output = Output.table) -> None:
    """Every code with its own number of codings and, on a branch, the branch's total;
    an empty codebook is nothing found."""
    with opened(project) as door:
        items = door.code_items(include_retired=retired)
    totals = {item.id: item.count for item in items}
    for item in reversed(items):  # depth first: every child comes after its parent
        if item.parent_id is not None:
            totals[item.parent_id] += totals[item.id]
    if output is not Output.table:
        rows = [
            [i.id, i.path, i.name, i.parent_id, i.depth, i.color, i.count, totals[i.id], i.retired]
            for i in items
        ]
        print_rows(TREE_COLUMNS, rows, title="", output=output)
    elif items:
        console().print(_tree(items, totals))
    if not items:
        found_nothing()


def _tree(items: Sequence[CodeItem], totals: Mapping[int, int]) -> Tree:
    from rich.markup import escape
    from rich.tree import Tree

    has_children = {item.parent_id for item in items}
    root = Tree(translated(LABELS, "tree_root"))
    branches: dict[int | None, Tree] = {None: root}

    def label(item: CodeItem) -> str:
        number = f"{item.count}"
        if item.id in has_children:
            number += ", " + translated(LABELS, "tree_with_children", count=totals[item.id])
        text = f"[{item.color}]■[/] {escape(item.name)} ({number})"
        if item.retired:
            text += f" [dim]{translated(LABELS, 'tree_retired')}[/dim]"
        return text

    for item in items:
        branches[item.id] = branches[item.parent_id].add(label(item))
    return root
