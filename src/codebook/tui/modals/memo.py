"""Writing the memo on one coding: a multi-line editor; Ctrl+S saves, Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from codebook.tui.context import context_of


class MemoEditor(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save"),
        Binding("escape", "cancel", "cancel"),
    ]
    DEFAULT_CSS = """
    MemoEditor { align: center middle; }
    MemoEditor > Vertical {
        width: 80; height: 20; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    MemoEditor TextArea { height: 1fr; }
    MemoEditor #keys { color: $text-muted; }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(self._title)
            yield TextArea(self._note, id="memo", soft_wrap=True)
            yield Label(ctx.t("memo_keys"), id="keys")

    def on_mount(self) -> None:
        editor = self.query_one("#memo", TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#memo", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
