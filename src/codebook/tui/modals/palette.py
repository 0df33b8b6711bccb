"""Fuzzy type-ahead over the whole codebook: apply (or pick) any code by name or path.

Number keys reach nine codes; a codebook has dozens. Typing a few letters of a
name or of its path ("vorm schl") and Enter is the fastest way to the rest,
and seeing each code's brief definition in the list prevents picking a sibling
with a similar name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from codebook.domain.codebook import CodeItem
from codebook.tui import colors
from codebook.tui.fuzzy import rank

ROOT = -1
"""The id returned for the "top level" choice when picking a new parent."""


class CodePalette(ModalScreen[int | None]):
    """Returns the chosen code id (``ROOT`` for top level when offered), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("down", "cursor(1)", "next", show=False),
        Binding("up", "cursor(-1)", "previous", show=False),
    ]
    DEFAULT_CSS = """
    CodePalette { align: center top; }
    CodePalette > Vertical {
        width: 90; height: auto; max-height: 80%; margin-top: 3; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    CodePalette OptionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(
        self,
        title: str,
        items: Sequence[CodeItem],
        *,
        root_label: str | None = None,
        exclude: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__()
        self._title = title
        self._items = [i for i in items if not i.retired and i.id not in exclude]
        self._root_label = root_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title)
            yield Input(id="query")
            yield OptionList(id="codes")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#query", Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one("#codes", OptionList)
        options.clear_options()
        found = rank(query, self._items, lambda item: (item.name, item.path))
        if self._root_label is not None and not query:
            options.add_option(Option(f"[i]{escape(self._root_label)}[/i]", id=str(ROOT)))
        options.add_options(self._option(item) for item in found)
        if options.option_count:
            options.highlighted = 0

    @staticmethod
    def _option(item: CodeItem) -> Option:
        brief = item.brief_definition.strip().replace("\n", " ")
        if len(brief) > 70:
            brief = brief[:67] + "..."
        text = f"{colors.swatch(item.color)} {escape(item.path)}"
        if brief:
            text += f"\n   [dim]{escape(brief)}[/dim]"
        return Option(text, id=str(item.id))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        options = self.query_one("#codes", OptionList)
        index = options.highlighted
        if index is None:
            return
        option_id = options.get_option_at_index(index).id
        if option_id is not None:
            self.dismiss(int(option_id))

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#codes", OptionList)
        if not options.option_count:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
