"""Preview of a change before it is made: Enter applies it, Escape cancels.

Codebook revisions can move thousands of codings; the preview says exactly
what will change (e.g. "37 codings move, 2 duplicates collapse") so nobody
merges the wrong pair by a slip of the keyboard. Title and lines wrap at any
terminal width: a preview that cuts off the one word that matters is no preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from codebook.tui.context import context_of


class ConfirmPreview(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "apply"),
        Binding("escape", "cancel", "cancel"),
    ]
    DEFAULT_CSS = """
    ConfirmPreview { align: center middle; }
    ConfirmPreview > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConfirmPreview Label { width: 1fr; height: auto; }
    ConfirmPreview #title { text-style: bold; margin-bottom: 1; }
    ConfirmPreview VerticalScroll { height: auto; max-height: 50vh; }
    ConfirmPreview #keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, title: str, lines: Sequence[str | Text]) -> None:
        """``lines`` are plain strings (never read as markup) or styled ``Text``."""
        super().__init__()
        self._title = title
        self._lines = lines

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(self._title, id="title", markup=False)
            with VerticalScroll():
                yield Static(
                    Text("\n").join(
                        Text(line) if isinstance(line, str) else line for line in self._lines
                    ),
                    id="preview",
                )
            yield Label(ctx.t("confirm_keys"), id="keys")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
