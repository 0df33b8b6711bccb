"""The code tree as ``codes`` and ``codebook tree`` print it, in the --lang language.

Shared by the core and the codebook commands, which never import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codebook.cli.common import console, opened, translated
from codebook.cli.labels.core import LABELS

if TYPE_CHECKING:
    from codebook.domain.codebook import CodeItem


def print_code_tree(project: str, retired: bool) -> None:
    """Every code with its own number of codings and, on a branch, the branch's total."""
    from rich.markup import escape
    from rich.tree import Tree

    with opened(project) as door:
        items = door.code_items(include_retired=retired)
    totals = {item.id: item.count for item in items}
    for item in reversed(items):  # depth first: every child comes after its parent
        if item.parent_id is not None:
            totals[item.parent_id] += totals[item.id]
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
    console().print(root)
