"""A list of quotes with the highlighted one read in context, and opened in place.

Shared by the quotes screen (a code query) and the quotes behind a count in
the analysis screen: the same columns, the same context panel, and Enter
opening the transcript with the quote selected, so a quote reads and behaves
the same wherever it is listed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.quotes import Quote
from codebook.domain.transcripts import attribute_text, timecode
from codebook.tui.context import AppContext
from codebook.tui.screens.opening import DocumentOpener
from codebook.tui.widgets.table import FittedTable

MIN_QUOTE_WIDTH = 40
MEMO_WIDTH = 24
COLUMNS = (
    "col_document",
    "col_speaker",
    "col_attributes",
    "col_position",
    "col_code",
    "col_quote",
    "col_memo",
)
QUOTE_COLUMN = COLUMNS.index("col_quote")


def one_line(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def position(ctx: AppContext, quote: Quote) -> str:
    """Where the quote starts: turn number and, for transcribed media, the timecode."""
    parts = []
    if quote.turn is not None:
        parts.append(ctx.t("turn_number", turn=quote.turn))
    if quote.timecode is not None:
        parts.append(timecode(quote.timecode))
    return " · ".join(parts)


def attribute_values(quote: Quote) -> str:
    """The document's attribute values, by attribute name, compact enough for a column."""
    return " · ".join(attribute_text(quote.attributes[k]) for k in sorted(quote.attributes))


def quote_cells(ctx: AppContext, quote: Quote) -> list[str]:
    """One row of the list; codes by their own name (the full paths are in the panel)."""
    return [
        quote.document,
        quote.speaker or "",
        attribute_values(quote),
        position(ctx, quote),
        "; ".join(code.rpartition(PATH_SEPARATOR)[2] for code in quote.codes),
        quote.text,
        one_line(quote.note or "", MEMO_WIDTH),
    ]


def quote_width(headers: list[str], rows: list[list[str]], available: int) -> int:
    """Room left for the quote once the other columns have theirs (each cell pads by 2)."""
    used = 2  # the vertical scrollbar
    for column, header in enumerate(headers):
        if column != QUOTE_COLUMN:
            used += 2 + max([len(header), *(len(row[column]) for row in rows)])
    return max(MIN_QUOTE_WIDTH, available - used - 2)


def context_text(ctx: AppContext, quote: Quote) -> Text:
    """The quote with its context, who said it and where, its codes and memo."""
    head = [quote.document]
    if quote.speaker:
        head.append(quote.speaker)
    where = position(ctx, quote)
    if where:
        head.append(where)
    head.extend(f"{k}={attribute_text(v)}" for k, v in sorted(quote.attributes.items()))
    out = Text(" · ".join(head), style="bold")
    out.append(f"  [{quote.start}-{quote.end}]\n", style="dim")
    for coding in quote.codings:
        out.append(coding.code, style="cyan")
        out.append(f" ({coding.coder})\n", style="dim")
    out.append(quote.context_before.lstrip(), style="dim")
    out.append(quote.text, style="bold reverse")
    out.append(quote.context_after.rstrip(), style="dim")
    if quote.note:
        out.append(f"\n{ctx.t('memo')}: ", style="italic")
        out.append(quote.note, style="italic")
    return out


class QuoteTable(FittedTable):
    """The list of quotes; its keys act on the highlighted quote."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "open_in_transcript"),
        Binding("space", "screen.read_context", "read_in_context"),
    ]


class QuoteListScreen(DocumentOpener):
    """A screen with the quote list ``#quotes`` and the context panel ``#panel``."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[Quote] = []

    @property
    def table(self) -> QuoteTable:
        return self.query_one("#quotes", QuoteTable)

    def _headers(self) -> list[str]:
        return [self.ctx.t(key) for key in COLUMNS]

    def _fill(self, quotes: list[Quote]) -> None:
        ctx = self.ctx
        table = self.table
        keep = self.selected.key if self.selected is not None else None
        self.quotes = quotes
        headers = self._headers()
        rows = [quote_cells(ctx, quote) for quote in quotes]
        width = quote_width(headers, rows, table.size.width or self.app.size.width)
        for cells in rows:
            cells[QUOTE_COLUMN] = one_line(cells[QUOTE_COLUMN], width)
        table.fill(headers, rows, row_keys=[str(index) for index in range(len(rows))])
        if quotes:
            table.move_cursor(row=next((i for i, q in enumerate(quotes) if q.key == keep), 0))
        self._show_context()

    # --- reading -----------------------------------------------------------------

    @property
    def selected(self) -> Quote | None:
        """The highlighted quote, if any."""
        table = self.table
        if not self.quotes or table.row_count == 0:
            return None
        return self.quotes[min(max(table.cursor_row, 0), len(self.quotes) - 1)]

    def _show_context(self) -> None:
        quote = self.selected
        text = Text("") if quote is None else context_text(self.ctx, quote)
        self.query_one("#context-text", Static).update(text)
        self.query_one("#panel", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#quotes")
    def _highlighted(self) -> None:
        self._show_context()

    @on(DataTable.RowSelected, "#quotes")
    def _selected(self) -> None:
        self.open_quote()

    def action_read_context(self) -> None:
        """Into the context panel, to scroll a long context; Escape returns to the list."""
        if self.selected is not None:
            self.query_one("#panel", VerticalScroll).focus()

    # --- opening a quote in its transcript -----------------------------------------

    def open_quote(self) -> None:
        """Read the quote's document in a worker, then show it for coding, the quote selected."""
        quote = self.selected
        if quote is not None:
            self.open_for_coding(quote.document_id, (quote.start, quote.end))

    def action_back(self) -> None:
        if self.query_one("#panel", VerticalScroll).has_focus:
            self.table.focus()
            return
        self.app.pop_screen()
