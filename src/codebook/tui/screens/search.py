"""Search (F9): every place something is said, as keyword-in-context lines, and coding them.

An analyst looking for "samenwerken" wants every inflection, the words around
each hit to judge it, where it was said, and then to code the right ones at
once. The hits are aligned on the match; Enter opens one in the coding screen
with the hit selected; space marks hits, and ``c`` codes the marked ones (or
all) at word, sentence or turn scope after a preview, as one undoable action.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.search import BulkPreview, BulkScope, SearchHit, SearchQuery, SearchResult
from codebook.tui.context import step_journal
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.palette import CodePalette
from codebook.tui.screens.opening import DocumentOpener
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

SCOPES: tuple[BulkScope, ...] = ("sentence", "word", "turn")
"""Sentence first: a hit's sentence is what an analyst codes most often."""
PREVIEW_LINES = 12


def parse_where(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``werkplaats=WOA, rol=lo`` as the query's attribute filter; a name given twice keeps
    every value (any of them holds)."""
    found: dict[str, list[str]] = {}
    for part in text.split(","):
        name, sign, value = part.partition("=")
        if sign and name.strip() and value.strip():
            found.setdefault(name.strip(), []).append(value.strip())
    return tuple((name, tuple(values)) for name, values in found.items())


def kwic_row(hit: SearchHit, marked: bool) -> list[str | Text]:
    """One hit as table cells: the left context right-aligned against the bold match."""
    return [
        "✓" if marked else " ",
        hit.document,
        hit.speaker or "",
        str(hit.turn) if hit.turn else "",
        Text(hit.left, justify="right", end=""),
        Text(hit.match, style="bold reverse", end=""),
        hit.right,
    ]


class SearchScreen(DocumentOpener):
    """A query with its options and filters above, the hits below, their counts at the bottom."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_query", "search_query"),
        Binding("space", "mark", "search_mark"),
        Binding("a", "mark_all", "search_mark_all"),
        Binding("c", "bulk_code", "search_bulk_code"),
        Binding("s", "next_scope", "search_scope"),
        Binding("z,ctrl+z", "undo", "undo"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    SearchScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    SearchScreen #query-row, SearchScreen #filters { height: 3; }
    SearchScreen #query { width: 1fr; }
    SearchScreen Checkbox { width: auto; border: none; }
    SearchScreen #filters Input { width: 1fr; }
    SearchScreen #hits { height: 1fr; }
    SearchScreen #counts { height: auto; max-height: 4; padding: 0 1; background: $panel; }
    """

    def __init__(self, documents: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.documents = documents
        self.result: SearchResult | None = None
        self.marked: set[int] = set()
        self.scope: BulkScope = SCOPES[0]

    def compose(self) -> ComposeResult:
        t = self.ctx.t
        yield Static(escape(f"{self.project.name} · {t('search')}"), id="title")
        with Horizontal(id="query-row"):
            yield Input(placeholder=t("search_placeholder"), id="query")
            yield Checkbox(t("search_lemma"), True, id="lemma")
            yield Checkbox(t("search_phrase"), id="phrase")
            yield Checkbox(t("search_regex"), id="regex")
            yield BusyIndicator(id="busy")
        with Horizontal(id="filters"):
            yield Input(placeholder=t("search_where"), id="where")
            yield Input(placeholder=t("search_speaker"), id="speaker")
            yield Input(placeholder=t("search_code"), id="code")
        yield FittedTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Static(t("search_hint"), id="counts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self.query_one("#query", Input).focus()

    def changed_elsewhere(self) -> None:
        if self.result is not None:
            self.run_search()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#hits", FittedTable)

    # --- asking ---------------------------------------------------------------------

    def current_query(self) -> SearchQuery:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value.strip()

        return SearchQuery(
            text=self.query_one("#query", Input).value.strip(),
            lemma=self.query_one("#lemma", Checkbox).value,
            phrase=self.query_one("#phrase", Checkbox).value,
            regex=self.query_one("#regex", Checkbox).value,
            where=parse_where(value("where")),
            code=value("code") or None,
            speaker=value("speaker") or None,
            documents=self.documents,
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        self.query_one(BusyIndicator).start()
        self._search(self.new_request(), self.current_query())

    @work(thread=True, exclusive=True, group="search")
    def _search(self, number: int, query: SearchQuery) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._indexing, number, done, total)

        try:
            result: SearchResult | None = self.project.search(query, progress=progress)
            error = None
        except CodebookError as exc:
            result, error = None, self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, result, error)

    def _indexing(self, number: int, done: int, total: int) -> None:
        if self.is_newest(number):
            self.query_one("#counts", Static).update(
                self.ctx.t("search_indexing", done=done, total=total)
            )

    def _show(self, number: int, result: SearchResult | None, error: str | None) -> None:
        if not self.is_newest(number):
            return
        self.query_one(BusyIndicator).stop()
        self.ready = True
        if error is not None:
            self.notify(error, severity="error")
            return
        self.result = result
        self.marked.clear()
        self._fill()
        if result is not None and result.hits:
            self.table.focus()

    def _fill(self) -> None:
        t = self.ctx.t
        result = self.result
        hits = () if result is None else result.hits
        headers = [
            "",
            t("col_document"),
            t("col_speaker"),
            t("col_turn"),
            "",
            t("search_col_match"),
            "",
        ]
        self.table.fill(headers, [kwic_row(hit, n in self.marked) for n, hit in enumerate(hits)])
        self.query_one("#counts", Static).update(self._counts_text())

    def _counts_text(self) -> str:
        t = self.ctx.t
        result = self.result
        if result is None:
            return t("search_hint")
        if not result.hits:
            return t("search_nothing", query=result.query.text)
        per_document = " · ".join(f"{row.value} {row.hits}" for row in result.per_document)
        lines = [
            t(
                "search_summary",
                hits=len(result.hits),
                documents=len(result.per_document),
                scope=t(f"scope_{self.scope}"),
                marked=len(self.marked),
            ),
            per_document,
        ]
        for name, rows in result.per_attribute:
            values = " · ".join(f"{row.value or '-'} {row.hits}" for row in rows)
            lines.append(f"{name}: {values}")
        return "\n".join(lines)

    # --- hits -----------------------------------------------------------------------

    def selected(self) -> SearchHit | None:
        hits = () if self.result is None else self.result.hits
        row = self.table.cursor_row
        return hits[row] if 0 <= row < len(hits) else None

    @on(DataTable.RowSelected, "#hits")
    def _open_selected(self) -> None:
        hit = self.selected()
        if hit is not None:
            self.open_named(hit.document, (hit.start, hit.end))

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_mark(self) -> None:
        row = self.table.cursor_row
        if self.selected() is None:
            return
        self.marked.symmetric_difference_update({row})
        self._refill_keeping(row + 1)

    def action_mark_all(self) -> None:
        hits = () if self.result is None else self.result.hits
        everything = set(range(len(hits)))
        self.marked = set() if self.marked == everything else everything
        self._refill_keeping(self.table.cursor_row)

    def _refill_keeping(self, row: int) -> None:
        self._fill()
        if self.table.row_count:
            self.table.move_cursor(row=min(row, self.table.row_count - 1))

    def action_next_scope(self) -> None:
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.query_one("#counts", Static).update(self._counts_text())

    def targets(self) -> list[SearchHit]:
        """The marked hits, or every hit when none is marked."""
        hits = [] if self.result is None else list(self.result.hits)
        return [hits[n] for n in sorted(self.marked)] if self.marked else hits

    # --- bulk coding ----------------------------------------------------------------

    def action_bulk_code(self) -> None:
        ctx = self.ctx
        hits = self.targets()
        if not hits or ctx.coder_id is None:
            return
        items = ctx.project.code_items()
        paths = {item.id: item.path for item in items}

        def chosen(code_id: int | None) -> None:
            if code_id is not None and code_id in paths:
                self._preview(hits, paths[code_id], self.scope)

        title = ctx.t("search_code_title", count=len(hits), scope=ctx.t(f"scope_{self.scope}"))
        self.app.push_screen(CodePalette(title, items), chosen)

    @work(thread=True, exclusive=True, group="search-bulk")
    def _preview(self, hits: list[SearchHit], code: str, scope: BulkScope) -> None:
        try:
            preview = self.project.preview_bulk_code(hits, code, scope)
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            return
        self.app.call_from_thread(self._confirm, hits, preview)

    def _confirm(self, hits: list[SearchHit], preview: BulkPreview) -> None:
        t = self.ctx.t
        lines: list[str | Text] = []
        for segment in preview.segments[:PREVIEW_LINES]:
            line = Text(f"{segment.document}: ", style="bold")
            line.append(" ".join(segment.text.split())[:160])
            if segment.already_coded:
                line.append(f"  ({t('search_already_coded')})", style="dim")
            lines.append(line)
        if len(preview.segments) > PREVIEW_LINES:
            lines.append(t("search_more", count=len(preview.segments) - PREVIEW_LINES))
        title = t(
            "search_preview_title",
            new=preview.new,
            code=preview.code,
            scope=t(f"scope_{preview.scope}"),
        )

        def answered(apply: bool | None) -> None:
            if apply:
                self._apply(hits, preview.code, preview.scope)

        self.app.push_screen(ConfirmPreview(title, lines), answered)

    @work(thread=True, exclusive=True, group="search-bulk")
    def _apply(self, hits: list[SearchHit], code: str, scope: BulkScope) -> None:
        try:
            made = self.project.bulk_code(hits, code, scope)
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            return
        self.app.call_from_thread(self._applied, made, code)

    def _applied(self, made: int, code: str) -> None:
        self.ctx.changed()
        self.caught_up()
        self.notify(self.ctx.t("search_coded", count=made, code=code))
        self.marked.clear()
        self._fill()

    def action_undo(self) -> None:
        if step_journal(self, redo=False):
            self.ctx.changed()
            self.caught_up()

    def action_back(self) -> None:
        if not self.table.has_focus and self.result is not None and self.result.hits:
            self.table.focus()
            return
        self.app.pop_screen()
