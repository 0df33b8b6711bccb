"""Guided split: go through the old code's codings and send each to one of the new codes.

A split is only meaningful if every coding is re-read and reassigned; this
lists them with their text, and number keys assign the highlighted coding and
move on, so a split of a hundred codings is a hundred key presses, not a form.
Codings left unassigned go to the first new code (said in the preview).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from codebook.domain.codings import CodingView
from codebook.tui.context import context_of

MAX_NEW = 9


class SplitAssign(ModalScreen[dict[int, str] | None]):
    """Returns coding id -> new code name for the codings assigned, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"assign({n - 1})", "assign_to_new", show=n == 1)
            for n in range(1, MAX_NEW + 1)
        ),
        Binding("enter,ctrl+s", "done", "preview_split_key"),
        Binding("escape", "cancel", "cancel"),
    ]
    DEFAULT_CSS = """
    SplitAssign { align: center middle; }
    SplitAssign > Vertical {
        width: 95%; max-width: 110; height: 90%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    SplitAssign Label { width: 1fr; height: auto; }
    SplitAssign #title { text-style: bold; }
    SplitAssign DataTable { height: 1fr; }
    SplitAssign #names { color: $text-muted; }
    """

    def __init__(self, code: str, names: Sequence[str], codings: Sequence[CodingView]) -> None:
        super().__init__()
        self._code = code
        self._names = list(names)[:MAX_NEW]
        self._codings = list(codings)
        self.assignment: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        with Vertical():
            yield Label(
                ctx.t("split_title", code=self._code, count=len(self._codings)),
                id="title",
                markup=False,
            )
            yield Label(
                "   ".join(f"{n}: {name}" for n, name in enumerate(self._names, 1)),
                id="names",
                markup=False,
            )
            table: DataTable[Any] = DataTable(id="codings", cursor_type="row")
            yield table

    def on_mount(self) -> None:
        ctx = context_of(self)
        table = self.query_one("#codings", DataTable)
        table.add_column(ctx.t("col_new_code"), key="to", width=24)
        table.add_column(ctx.t("col_document"), key="doc", width=8)
        table.add_column(ctx.t("col_text"), key="text")
        for coding in self._codings:
            text = coding.text.replace("\n", " ")
            table.add_row(
                Text("-", style="dim"),
                str(coding.document_id),
                text if len(text) <= 90 else text[:87] + "...",
                key=str(coding.id),
            )
        table.focus()

    def action_assign(self, index: int) -> None:
        table = self.query_one("#codings", DataTable)
        if index >= len(self._names) or not self._codings:
            return
        row = table.cursor_row
        coding = self._codings[row]
        self.assignment[coding.id] = self._names[index]
        table.update_cell(str(coding.id), "to", f"{index + 1} {self._names[index]}")
        if row + 1 < table.row_count:
            table.move_cursor(row=row + 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(dict(self.assignment))

    def action_cancel(self) -> None:
        self.dismiss(None)
