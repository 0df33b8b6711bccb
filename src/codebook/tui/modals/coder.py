"""Asked once, on first start: who is coding? The answer is remembered in the config.

Every coding records its coder (agreement between coders depends on it), so the
app will not let anyone code before it knows the name.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from codebook.tui.context import context_of


class CoderPrompt(ModalScreen[str]):
    """A name field; Enter accepts a non-empty name. There is no cancel: a coder is required."""

    BINDINGS: ClassVar[list[BindingType]] = []
    DEFAULT_CSS = """
    CoderPrompt { align: center middle; }
    CoderPrompt > Vertical {
        width: 90%; max-width: 70; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    CoderPrompt Label { width: 1fr; height: auto; margin-bottom: 1; }
    CoderPrompt #title { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(ctx.t("coder_prompt_title"), id="title")
            yield Label(ctx.t("coder_prompt_hint"))
            yield Input(placeholder=ctx.t("coder_prompt_placeholder"), id="coder-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)
