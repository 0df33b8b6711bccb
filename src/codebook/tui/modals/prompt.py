"""A one-line question (a new name, a reason): Enter accepts, Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class TextPrompt(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 90%; max-width: 80; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    TextPrompt Label { width: 1fr; height: auto; margin-bottom: 1; }
    """

    def __init__(self, title: str, value: str = "", *, allow_empty: bool = False) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, id="title", markup=False)
            yield Input(value=self._value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value or self._allow_empty:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
