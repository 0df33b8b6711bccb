"""One code's structured fields and memos, read-only until the analyst edits them.

The fields are those of a good qualitative codebook (MacQueen et al. 1998):
name, brief and full definition, when to use, when not to use, example,
colour and keywords. The form shows them, lets them be edited, and says which
ones changed; saving is the screen's business, because a change of a
definition is a codebook revision that is previewed first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from codebook.domain.codebook import CodeItem
from codebook.domain.memos import MemoView
from codebook.tui.context import context_of

MULTI_LINE = ("full_definition", "when_to_use", "when_not_to_use", "example")
FIELD_ORDER = (
    "name",
    "brief_definition",
    "full_definition",
    "when_to_use",
    "when_not_to_use",
    "example",
    "color",
    "keywords",
)


def field_value(item: CodeItem, name: str) -> str:
    if name == "keywords":
        return ", ".join(item.keywords)
    value = getattr(item, name)
    return value if isinstance(value, str) else str(value)


class CodeForm(VerticalScroll):
    """Labelled fields, one-line ones as inputs and long ones as text areas, then the memos."""

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        for name in FIELD_ORDER:
            yield Label(ctx.t(f"field_{name}"))
            if name in MULTI_LINE:
                yield TextArea(id=f"field-{name}", soft_wrap=True, read_only=True)
            else:
                yield Input(id=f"field-{name}", disabled=True)
        yield Label(ctx.t("memos_heading", count=0), id="memos-heading")
        yield Static("", id="memos")

    def show(self, item: CodeItem | None, memos: Sequence[MemoView]) -> None:
        """The fields of ``item`` (empty for none) and its memos: title, author, date, text."""
        for name in FIELD_ORDER:
            value = "" if item is None else field_value(item, name)
            if name in MULTI_LINE:
                self.query_one(f"#field-{name}", TextArea).load_text(value)
            else:
                field = self.query_one(f"#field-{name}", Input)
                field.value = value
                field.cursor_position = 0  # show the start of a long definition
        ctx = context_of(self)
        self.query_one("#memos-heading", Label).update(ctx.t("memos_heading", count=len(memos)))
        blocks = []
        for memo in memos:
            head = f"[dim]{escape(memo.coder)} · {memo.updated_at:%Y-%m-%d}[/dim]"
            if memo.title:
                head = f"[b]{escape(memo.title)}[/b]  {head}"
            blocks.append(f"{head}\n{escape(memo.text)}")
        text = "\n\n".join(blocks) if blocks else f"[dim]{escape(ctx.t('no_code_memos'))}[/dim]"
        self.query_one("#memos", Static).update(text if item is not None else "")

    def set_editable(self, editable: bool) -> None:
        """Open the fields for editing (the name field gets the focus) or close them again."""
        for name in FIELD_ORDER:
            if name in MULTI_LINE:
                self.query_one(f"#field-{name}", TextArea).read_only = not editable
            else:
                self.query_one(f"#field-{name}", Input).disabled = not editable
        if editable:
            self.query_one("#field-name", Input).focus()

    def changes(self, item: CodeItem) -> dict[str, str]:
        """The fields whose text differs from ``item``'s (surrounding spaces aside), as typed."""
        out = {}
        for name in FIELD_ORDER:
            if name in MULTI_LINE:
                typed = self.query_one(f"#field-{name}", TextArea).text
            else:
                typed = self.query_one(f"#field-{name}", Input).value
            if typed.strip() != field_value(item, name).strip():
                out[name] = typed.strip()
        return out
