"""The codebook as a tree: colour swatch, pin number, name and number of codings.

Used beside the transcript (pick, pin, see counts) and on the codebook screen
(browse and revise). Nodes carry the code id; labels are rebuilt from
``CodeItem`` values, never from ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.markup import escape
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from codebook.domain.codebook import CodeItem
from codebook.tui import colors


class CodeTreeView(Tree[int]):
    """Codes in codebook order; ``p`` pins the highlighted code to a number key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "screen.toggle_pin", "pin"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("codebook", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.items: dict[int, CodeItem] = {}
        self._code_nodes: dict[int, TreeNode[int]] = {}
        self._pins: dict[str, int] = {}

    def load(self, items: Sequence[CodeItem], pins: dict[str, int] | None = None) -> None:
        """Rebuild the tree, keeping the highlighted code if it still exists."""
        keep = self.highlighted_code
        self._pins = dict(pins or {})
        self.items = {item.id: item for item in items}
        self.clear()
        self._code_nodes = {}
        for item in items:
            parent = self._code_nodes.get(item.parent_id or -1, self.root)
            node = parent.add(self._label(item), data=item.id, expand=True)
            self._code_nodes[item.id] = node
        for node in self._code_nodes.values():
            if not node.children:
                node.allow_expand = False
        if keep is not None and keep in self._code_nodes:
            self.select_code(keep)
        elif items:
            self.move_cursor(self._code_nodes[items[0].id])

    def _label(self, item: CodeItem) -> str:
        pin = self._pins.get(item.guid)
        pin_text = f"[b]{pin + 1}[/b] " if pin is not None else "  "
        name = escape(item.name)
        if item.retired:
            name = f"[dim strike]{name}[/]"
        return f"{pin_text}{colors.swatch(item.color)} {name} [dim]({item.count})[/dim]"

    def set_pins(self, pins: dict[str, int]) -> None:
        self._pins = dict(pins)
        for item_id, node in self._code_nodes.items():
            node.set_label(self._label(self.items[item_id]))

    def bump(self, code_id: int, delta: int) -> None:
        """Change one code's count in place (after applying or removing a coding)."""
        item = self.items.get(code_id)
        node = self._code_nodes.get(code_id)
        if item is None or node is None:
            return
        item = replace(item, count=max(0, item.count + delta))
        self.items[code_id] = item
        node.set_label(self._label(item))

    @property
    def highlighted_code(self) -> int | None:
        node = self.cursor_node
        return None if node is None or node.data is None else node.data

    @property
    def highlighted_item(self) -> CodeItem | None:
        code = self.highlighted_code
        return None if code is None else self.items.get(code)

    def select_code(self, code_id: int) -> None:
        node = self._code_nodes.get(code_id)
        if node is not None:
            parent = node.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            # Nodes get their line number when the tree's lines are (lazily) rebuilt;
            # asking for a line rebuilds them, so the cursor lands on the right node
            # even right after ``load``.
            self.get_node_at_line(0)
            self.move_cursor(node)
