"""The definition panel: what the highlighted code means and when (not) to use it.

Shown beside the transcript while coding, because consistent coding depends
on re-reading the definition at the moment of choosing, not from memory.
"""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from codebook.domain.codebook import CodeItem
from codebook.tui import colors
from codebook.tui.context import context_of


class CodeDetails(Static):
    """Name, path, brief definition, when to use and when not to use of one code."""

    DEFAULT_CSS = """
    CodeDetails {
        padding: 0 1;
        height: auto;
        max-height: 50%;
        overflow-y: auto;
        border-top: solid $primary-background;
    }
    """

    def show_code(self, item: CodeItem | None) -> None:
        ctx = context_of(self)
        if item is None:
            self.update(f"[dim]{escape(ctx.t('no_code_highlighted'))}[/dim]")
            return
        parts = [f"{colors.swatch(item.color)} [b]{escape(item.path)}[/b]"]
        for key, value in (
            ("field_brief_definition", item.brief_definition),
            ("field_when_to_use", item.when_to_use),
            ("field_when_not_to_use", item.when_not_to_use),
        ):
            if value.strip():
                parts.append(f"[b $accent]{escape(ctx.t(key))}[/] {escape(value.strip())}")
        if len(parts) == 1:
            parts.append(f"[dim]{escape(ctx.t('no_definition'))}[/dim]")
        self.update("\n".join(parts))
