"""Choosing one of several codings under the cursor (to remove it, or to write its memo).

Overlapping codings are the normal case in qualitative coding, so "the coding
under the cursor" is often ambiguous; this asks instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from codebook.domain.codings import CodingView
from codebook.tui import colors


class ChooseCoding(ModalScreen[int | None]):
    """Returns the chosen coding id, or None; keys 1-9 pick directly."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        *(Binding(str(n), f"pick({n - 1})", "pick", show=False) for n in range(1, 10)),
    ]
    DEFAULT_CSS = """
    ChooseCoding { align: center middle; }
    ChooseCoding > Vertical {
        width: 95%; max-width: 90; height: auto; max-height: 80%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    ChooseCoding Label { width: 1fr; height: auto; }
    ChooseCoding OptionList { height: auto; max-height: 20; border: none; }
    """

    def __init__(self, title: str, codings: Sequence[CodingView]) -> None:
        super().__init__()
        self._title = title
        self._codings = list(codings)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, id="title", markup=False)
            yield OptionList(
                *(self._option(n, c) for n, c in enumerate(self._codings, 1)), id="codings"
            )

    def on_mount(self) -> None:
        options = self.query_one("#codings", OptionList)
        options.highlighted = 0
        options.focus()

    @staticmethod
    def _option(number: int, coding: CodingView) -> Option:
        text = coding.text.replace("\n", " ")
        if len(text) > 60:
            text = text[:57] + "..."
        return Option(
            f"[b]{number}[/b] {colors.swatch(coding.color)} {escape(coding.code_name)} "
            f"[dim]{coding.start}-{coding.end} {escape(coding.coder)}[/dim]\n"
            f"   “{escape(text)}”",
            id=str(coding.id),
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_pick(self, index: int) -> None:
        if index < len(self._codings):
            self.dismiss(self._codings[index].id)

    def action_cancel(self) -> None:
        self.dismiss(None)
