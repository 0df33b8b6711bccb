"""The quotes behind one cell of a count table: from a number to what was said.

Enter on a cell of the analysis screen (F5) lists exactly the segments the
cell counts, read through the door from the same counting as the table, so
"5" is always five quotes. The list and the context panel are the quotes
screen's own widgets. Enter on a quote opens its transcript with the quote
selected; Escape there comes back to this list, and Escape here back to the
table, on the same cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.analysis import CountedCoders, TableRequest
from codebook.domain.quotes import Quote
from codebook.tui.screens.quote_list import QuoteListScreen, QuoteTable
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar

CONTEXT = 1
"""Sentences of context around each quote in the panel, as the quotes screen opens with."""


@dataclass(frozen=True)
class Cell:
    """One cell of a table on screen: the request that made the table, its row and column
    labels, how the screen names them, and whose codings the table counted."""

    request: TableRequest
    row: str
    column: str
    title: str
    counted: CountedCoders | None = None


class CellQuotesScreen(QuoteListScreen):
    """The cell named above, its quotes in the middle, the highlighted one in context below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    CellQuotesScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    CellQuotesScreen #cell { height: 1; padding: 0 1; text-style: bold; color: $accent; }
    CellQuotesScreen #quotes { height: 1fr; }
    CellQuotesScreen #panel { height: 11; border-top: solid $primary-background; padding: 0 1; }
    CellQuotesScreen #panel:focus { border-top: solid $accent; }
    CellQuotesScreen #bottom { height: 1; }
    CellQuotesScreen #summary { padding: 0 1; color: $text-muted; width: 1fr; }
    CellQuotesScreen #summary.error { color: $error; }
    """

    def __init__(self, cell: Cell) -> None:
        super().__init__()
        self.cell = cell

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('analysis')}"), id="title")
        yield Static(escape(self.cell.title), id="cell")
        yield QuoteTable(id="quotes", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="panel"):
            yield Static("", id="context-text")
        with Horizontal(id="bottom"):
            yield Static("", id="summary")
            yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.fill(self._headers(), [])
        self.table.focus()
        self.caught_up()
        self.reload()

    def changed_elsewhere(self) -> None:
        # Back from coding: a quote may have been uncoded or moved.
        self.reload()

    def reload(self) -> None:
        number = self.new_request()
        self.query_one(BusyIndicator).start()
        self._read(number)

    @work(thread=True, exclusive=True, group="cell-quotes")
    def _read(self, number: int) -> None:
        cell = self.cell
        try:
            found = self.project.cell_quotes(cell.request, cell.row, cell.column, context=CONTEXT)
            error = None
        except CodebookError as exc:
            found, error = [], self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, found, error)

    def _show(self, number: int, quotes: list[Quote], error: str | None) -> None:
        if not self.is_newest(number):
            return
        self.ready = True
        self.query_one(BusyIndicator).stop()
        summary = self.query_one("#summary", Static)
        summary.set_class(error is not None, "error")
        if error is not None:
            summary.update(escape(error))
            self.notify(error, severity="error")
            return
        self._fill(quotes)
        documents = len({q.document_id for q in quotes})
        said = [self.ctx.t("quotes_summary", count=len(quotes), documents=documents)]
        if self.cell.counted is not None:
            said.extend(self.cell.counted.lines(self.ctx.lang))
        summary.update(escape(" · ".join(said)))
