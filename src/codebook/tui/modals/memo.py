"""Writing a memo: a multi-line editor; Ctrl+S saves, Escape cancels.

The same editor writes the note on one coding (text only) and an analytic memo
on a code or a document (with a one-line title above the text). ``ChooseMemo``
lists the memos already on a code or document, so the user picks one of
theirs to edit or starts a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from codebook.domain.memos import MemoView
from codebook.tui.context import context_of

NEW_MEMO = 0
"""What ``ChooseMemo`` returns for "write a new memo" (memo ids start at 1)."""


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
    MemoEditor #memo-title { border: tall $border-blurred; }
    MemoEditor #memo-title:focus { border: tall $border; }
    MemoEditor #keys { color: $text-muted; }
    """

    def __init__(self, title: str, note: str, *, memo_title: str | None = None) -> None:
        """``memo_title`` (also ``""``) adds a one-line title field, read as ``self.memo_title``."""
        super().__init__()
        self._title = title
        self._note = note
        self._with_title = memo_title is not None
        self.memo_title = memo_title or ""

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(self._title)
            if self._with_title:
                yield Input(
                    self.memo_title,
                    placeholder=ctx.t("memo_title_placeholder"),
                    id="memo-title",
                )
            yield TextArea(self._note, id="memo", soft_wrap=True)
            yield Label(ctx.t("memo_keys"), id="keys")

    def on_mount(self) -> None:
        editor = self.query_one("#memo", TextArea)
        editor.move_cursor(editor.document.end)
        if self._with_title and not self._note:
            self.query_one("#memo-title", Input).focus()  # a new memo: its title first
        else:
            editor.focus()

    @on(Input.Submitted, "#memo-title")
    def _title_done(self) -> None:
        self.query_one("#memo", TextArea).focus()

    def action_save(self) -> None:
        if self._with_title:
            self.memo_title = self.query_one("#memo-title", Input).value.strip()
        self.dismiss(self.query_one("#memo", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseMemo(ModalScreen[int | None]):
    """The memos on one code or document: yours can be picked to edit, or start a new one.

    Returns a memo id, ``NEW_MEMO``, or None (cancelled). Others' memos are
    shown (so they can be read here) but cannot be picked: only a memo's
    author edits it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    ChooseMemo { align: center middle; }
    ChooseMemo > Vertical {
        width: 90; height: auto; max-height: 80%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    ChooseMemo OptionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(self, title: str, memos: Sequence[MemoView], coder_id: int | None) -> None:
        super().__init__()
        self._title = title
        self._memos = list(memos)
        self._coder_id = coder_id

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(self._title)
            yield OptionList(
                Option(f"[b]+[/b] {escape(ctx.t('new_memo'))}", id=str(NEW_MEMO)),
                *(self._option(m) for m in self._memos),
                id="memos",
            )

    def _option(self, memo: MemoView) -> Option:
        head = memo.title or memo.text.splitlines()[0]
        text = " ".join(memo.text.split())
        if len(text) > 80:
            text = text[:77] + "..."
        return Option(
            f"[b]{escape(head)}[/b] [dim]{escape(memo.coder)} {memo.updated_at:%Y-%m-%d}[/dim]\n"
            f"   {escape(text)}",
            id=str(memo.id),
            disabled=memo.coder_id != self._coder_id,
        )

    def on_mount(self) -> None:
        options = self.query_one("#memos", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
