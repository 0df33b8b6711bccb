"""Home: the project's documents with attributes, size and coding progress.

The filter field has the focus from the start, so typing narrows the list at
once (by name or any attribute value); arrows move through the list and Enter
opens the document for coding. Rows load in a worker: a project with hundreds
of transcripts never delays the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from codebook.domain import AttributeValue, CodebookError
from codebook.domain.documents import DocumentRow
from codebook.domain.exchange import ExchangeReport
from codebook.domain.memos import MemoTarget
from codebook.tui.memo_flow import memo_on
from codebook.tui.screens.opening import DocumentOpener
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

BAR_CELLS = 10


def format_value(value: AttributeValue) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def progress_bar(share: float) -> str:
    filled = round(share * BAR_CELLS)
    return "█" * filled + "░" * (BAR_CELLS - filled) + f" {share:4.0%}"


def attribute_key(name: str) -> Callable[[DocumentRow], str]:
    """Sort key for an attribute column (missing values sort first)."""

    def key(row: DocumentRow) -> str:
        return format_value(row.attributes.get(name, "")).lower()

    return key


def matches(row: DocumentRow, query: str) -> bool:
    """Every word of the query occurs in the name or in an attribute (name or value)."""
    haystack = " ".join(
        [row.name, *(f"{k}={format_value(v)}" for k, v in row.attributes.items())]
    ).lower()
    return all(term in haystack for term in query.lower().split())


class HomeScreen(DocumentOpener):
    """Documents list with filter and sort."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "open_document"),
        Binding("down", "cursor(1)", "next", show=False),
        Binding("up", "cursor(-1)", "previous", show=False),
        Binding("pagedown", "cursor(10)", "page_down", show=False),
        Binding("pageup", "cursor(-10)", "page_up", show=False),
        Binding("ctrl+s", "sort", "sort"),
        Binding("ctrl+r", "reverse", "reverse_sort"),
        Binding("ctrl+n", "memo", "memo"),
        Binding("ctrl+o", "import_qdpx", "import_qdpx"),
        Binding("escape", "clear_filter", "clear_filter", show=False),
    ]
    DEFAULT_CSS = """
    HomeScreen #title { background: $primary-background; padding: 0 1; text-style: bold; }
    HomeScreen #filter { margin: 0 0; border: tall $border-blurred; }
    HomeScreen #filter:focus { border: tall $border; }
    HomeScreen DataTable { height: 1fr; }
    HomeScreen #bottom { height: 1; }
    HomeScreen #summary { padding: 0 1; color: $text-muted; width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentRow] = []
        self.shown: list[DocumentRow] = []
        self.sort_column = 0
        self.sort_reverse = False
        self._attribute_names: list[str] = []
        self.awaiting_review = 0
        self.ready = True  # the first time it is shown counts as coming back to a change

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(
            f"{escape(self.project.name)} · {escape(ctx.t('documents'))}", id="title", markup=True
        )
        yield Input(placeholder=ctx.t("filter_placeholder"), id="filter")
        yield FittedTable(id="documents", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="bottom"):
            yield Static("", id="summary")
            yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

    def changed_elsewhere(self) -> None:
        self.reload()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#documents", FittedTable)

    def reload(self) -> None:
        self.caught_up()
        self.query_one(BusyIndicator).start()
        self._load()

    @work(thread=True, exclusive=True, group="home-load")
    def _load(self) -> None:
        try:
            rows = self.project.documents()
            awaiting = sum(self.project.review_counts().values())
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            rows, awaiting = [], 0
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(setattr, self, "awaiting_review", awaiting)
            self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[DocumentRow]) -> None:
        self.rows = rows
        self._attribute_names = sorted({k for r in rows for k in r.attributes})
        self.query_one(BusyIndicator).stop()
        self._refill()

    # --- columns, filter and sort ---------------------------------------------

    def _columns(self) -> list[tuple[str, Callable[[DocumentRow], Any]]]:
        ctx = self.ctx
        columns: list[tuple[str, Callable[[DocumentRow], Any]]] = [
            (ctx.t("col_document"), lambda r: r.name.lower()),
            (ctx.t("col_words"), lambda r: r.words),
            (ctx.t("col_turns"), lambda r: r.turns),
            (ctx.t("col_progress"), lambda r: r.progress),
            (ctx.t("col_codings"), lambda r: r.codings),
        ]
        columns.extend((name, attribute_key(name)) for name in self._attribute_names)
        return columns

    def _refill(self) -> None:
        ctx = self.ctx
        query = self.query_one("#filter", Input).value
        columns = self._columns()
        self.sort_column %= len(columns)
        title, key = columns[self.sort_column]
        self.shown = sorted(
            (r for r in self.rows if matches(r, query)), key=key, reverse=self.sort_reverse
        )
        table = self.table
        keep = self.selected_document
        arrow = " ▼" if self.sort_reverse else " ▲"
        headers = [
            name + (arrow if index == self.sort_column else "")
            for index, (name, _key) in enumerate(columns)
        ]
        table.fill(
            headers,
            [
                [
                    row.name,
                    Text(str(row.words), justify="right"),
                    Text(str(row.turns), justify="right"),
                    progress_bar(row.progress),
                    Text(str(row.codings), justify="right"),
                    *(format_value(row.attributes.get(n, "")) for n in self._attribute_names),
                ]
                for row in self.shown
            ],
            row_keys=[str(row.id) for row in self.shown],
            column_keys=[str(index) for index in range(len(columns))],
        )
        if keep is not None:
            for index, row in enumerate(self.shown):
                if row.id == keep:
                    table.move_cursor(row=index)
        summary = ctx.t(
            "documents_summary", shown=len(self.shown), total=len(self.rows), sort=title
        )
        if self.awaiting_review:
            summary += " · " + ctx.t("review_waiting", count=self.awaiting_review)
        self.query_one("#summary", Static).update(summary)

    @property
    def selected_document(self) -> int | None:
        table = self.table
        if not self.shown or table.cursor_row is None or table.row_count == 0:
            return None
        index = min(table.cursor_row, len(self.shown) - 1)
        return self.shown[index].id

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._refill()
        if self.shown:
            self.table.move_cursor(row=0)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        index = event.column_index
        if index == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = index, False
        self._refill()

    def on_key(self, event: events.Key) -> None:
        """Typing while the list has the focus goes to the filter: type-to-filter anywhere."""
        field = self.query_one("#filter", Input)
        if self.focused is self.table and event.is_printable and event.character:
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()

    # --- actions ---------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(self._columns())
        self.sort_reverse = False
        self._refill()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._refill()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_memo(self) -> None:
        """Write a memo on the highlighted document, or edit one of yours."""
        document = self.selected_document
        row = next((r for r in self.shown if r.id == document), None)
        if row is not None:
            memo_on(self, MemoTarget("document", row.id, row.name), lambda: None)

    def action_import_qdpx(self) -> None:
        """Import a REFI-QDA project from another tool; the list shows its documents after."""
        from codebook.tui.modals.import_qdpx import ImportDialog

        def closed(report: ExchangeReport | None) -> None:
            if report is not None:
                self.reload()

        self.app.push_screen(ImportDialog(), closed)

    def action_open(self) -> None:
        """Open the highlighted document for coding."""
        document = self.selected_document
        if document is not None:
            self.open_for_coding(document)
