"""A one-line footer of the screen's shown key bindings, in the user's language.

Textual's ``Footer`` prints ``Binding.description`` verbatim. Here every
description is a key into ``labels``, so the footer (and the help screen) can
show the same bindings in English or Dutch from one definition.
"""

from __future__ import annotations

from rich.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from codebook.tui.context import context_of


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self._render_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._render_keys()

    def _render_keys(self) -> None:
        ctx = context_of(self)
        seen: set[str] = set()
        parts: list[str] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen or not enabled:
                continue
            seen.add(binding.action)
            key = escape(self.app.get_key_display(binding))
            parts.append(f"[b $accent]{key}[/] {escape(ctx.t(binding.description))}")
        self.update("  ".join(parts))
