"""Quotes: every passage coded with a code (or a code query), filtered, read in context.

The analyst types a code path or name, or a query (``"A" AND "B"``,
``"A" NEAR/2 "B"``, ``"A" NOT "B"``, a ``*`` for children), narrows it with
the CLI's ``--where`` syntax and a coder list, and reads each quote with a few
sentences around it in the panel below the list. Enter on a quote opens its
transcript for coding, with the quote selected; Escape there comes back to
the same list. Space moves into the panel, to scroll a long context.

Retrieval runs in a worker shortly after typing pauses, so the field never
lags; only the newest request's answer is shown. Half-typed queries are
normal while typing, so their errors only show in the status line; Enter
retrieves at once and reports an error as a notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.analysis import CountedCoders
from codebook.domain.quotes import Quote
from codebook.project import Project
from codebook.tui.filter_text import filters_from_text
from codebook.tui.screens.quote_list import (
    QuoteListScreen,
    QuoteTable,
)
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar

DEBOUNCE = 0.15
"""Seconds of no typing before retrieving: one query per pause, not one per key."""
MAX_CONTEXT = 10


@dataclass(frozen=True)
class Request:
    """What the fields ask for, read on the UI thread and handed to the worker."""

    query: str
    where: str = ""
    coders: str = ""
    with_children: bool = False
    context: int = 0


def run_request(project: Project, request: Request) -> tuple[list[Quote], CountedCoders]:
    """The quotes ``request`` asks for and whose codings they count (call in a worker);
    ``CodebookError`` if it is wrong."""
    filters = filters_from_text(request.where, request.coders)
    quotes = project.quotes(
        request.query, filters, with_children=request.with_children, context=request.context
    )
    return quotes, project.counted_coders(filters)


class RetrievalScreen(QuoteListScreen):
    """Query fields above, quotes in the middle, the highlighted quote in context below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", "next", show=False),
        Binding("up", "cursor(-1)", "previous", show=False),
        Binding("pagedown", "cursor(10)", "page_down", show=False),
        Binding("pageup", "cursor(-10)", "page_up", show=False),
        Binding("ctrl+r", "retrieve", "retrieve_now"),
        Binding("ctrl+t", "toggle_children", "with_children"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    RetrievalScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    RetrievalScreen #fields, RetrievalScreen #options { height: 3; }
    RetrievalScreen Input { border: tall $border-blurred; }
    RetrievalScreen Input:focus { border: tall $border; }
    RetrievalScreen #query { width: 2fr; }
    RetrievalScreen #where { width: 1fr; }
    RetrievalScreen #coders { width: 40; }
    RetrievalScreen #context-label { padding: 1 1 0 2; width: auto; }
    RetrievalScreen #context { width: 8; }
    RetrievalScreen #quotes { height: 1fr; }
    RetrievalScreen #panel {
        height: 11; border-top: solid $primary-background; padding: 0 1;
    }
    RetrievalScreen #panel:focus { border-top: solid $accent; }
    RetrievalScreen #bottom { height: 1; }
    RetrievalScreen #summary { padding: 0 1; color: $text-muted; width: 1fr; }
    RetrievalScreen #summary.error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('quotes')}"), id="title")
        with Horizontal(id="fields"):
            yield Input(placeholder=ctx.t("query_placeholder"), id="query")
            yield Input(placeholder=ctx.t("where_placeholder"), id="where")
        with Horizontal(id="options"):
            yield Input(placeholder=ctx.t("coders_placeholder"), id="coders")
            yield Checkbox(ctx.t("with_children"), id="children")
            yield Static(ctx.t("context_sentences"), id="context-label")
            yield Input("1", id="context", type="integer", max_length=2)
        yield QuoteTable(id="quotes", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="panel"):
            yield Static("", id="context-text")
        with Horizontal(id="bottom"):
            yield Static(ctx.t("quotes_hint"), id="summary")
            yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.fill(self._headers(), [])
        self.caught_up()
        self.ready = True
        self.query_one("#query", Input).focus()

    def changed_elsewhere(self) -> None:
        # Back from coding: the quotes may have changed under us.
        self.retrieve(loud=False)

    # --- asking ------------------------------------------------------------------

    def request(self) -> Request:
        """The fields as a request; an empty or unreadable context counts as none."""
        try:
            sentences = int(self.query_one("#context", Input).value or 0)
        except ValueError:
            sentences = 0
        return Request(
            query=self.query_one("#query", Input).value.strip(),
            where=self.query_one("#where", Input).value,
            coders=self.query_one("#coders", Input).value,
            with_children=self.query_one("#children", Checkbox).value,
            context=max(0, min(MAX_CONTEXT, sentences)),
        )

    def retrieve(self, loud: bool) -> None:
        """Retrieve now; ``loud``: an error is also a notification (the user pressed Enter)."""
        number = self.new_request()
        request = self.request()
        if not request.query:
            self._show(number, ([], None), None, loud=False)
            return
        self.query_one(BusyIndicator).start()
        self._retrieve(number, request, loud)

    @work(thread=True, exclusive=True, group="quotes")
    def _retrieve(self, number: int, request: Request, loud: bool) -> None:
        found: tuple[list[Quote], CountedCoders | None] | None = None
        try:
            found, error = run_request(self.project, request), None
        except CodebookError as exc:
            error = self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, found, error, loud)

    def _show(
        self,
        number: int,
        found: tuple[list[Quote], CountedCoders | None] | None,
        error: str | None,
        loud: bool,
    ) -> None:
        if not self.is_newest(number):
            return  # a newer request is on its way, or the screen was closed meanwhile
        self.query_one(BusyIndicator).stop()
        summary = self.query_one("#summary", Static)
        self.error = error
        summary.set_class(error is not None, "error")
        if error is not None or found is None:
            # Keep the last good quotes on screen: a half-typed query is no reason to blank them.
            summary.update(escape(error or ""))
            if loud and error:
                self.notify(error, severity="error")
            return
        quotes, counted = found
        self._fill(quotes)
        if self.query_one("#query", Input).value.strip():
            documents = len({q.document_id for q in quotes})
            said = [self.ctx.t("quotes_summary", count=len(quotes), documents=documents)]
            if counted is not None:
                said.extend(counted.lines(self.ctx.lang))
            summary.update(escape(" · ".join(said)))
        else:
            summary.update(self.ctx.t("quotes_hint"))

    @on(Input.Changed, "#query, #where, #coders, #context")
    def _typed(self) -> None:
        self.later(DEBOUNCE, lambda: self.retrieve(loud=False))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.retrieve(loud=True)

    @on(Checkbox.Changed, "#children")
    def _children_changed(self) -> None:
        self.retrieve(loud=False)

    # --- actions -----------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_retrieve(self) -> None:
        self.retrieve(loud=True)

    def action_toggle_children(self) -> None:
        self.query_one("#children", Checkbox).toggle()
