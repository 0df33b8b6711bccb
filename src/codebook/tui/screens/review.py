"""Review (F7): codings made before their code was redefined, merged or split.

The queue lists each coding awaiting review; the highlighted one shows its
passage in context and its code's definition as the coding was made under it
beside the definition now, the words that changed highlighted, so the analyst
can judge with one look and one key: keep it (``k``, re-stamped with the
current version), recode it (``r``, through the code palette) or remove it
(``x``). Each is one undoable action (``z``); the counts follow every step.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.history import word_changes
from codebook.domain.review import ReviewItem, ReviewQueue
from codebook.tui.context import step_journal
from codebook.tui.modals.palette import CodePalette
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

_CONTEXT = 80


def definition_text(item: ReviewItem, field_labels: dict[str, str], *, old: bool) -> Text:
    """The definition then (``old``) or now, with the words the other side lacks highlighted."""
    out = Text()
    for field in item.definition:
        out.append(f"{field_labels[field.field]}: ", style="bold")
        for change in word_changes(field.old, field.new):
            if change.op == "equal":
                out.append(change.text)
            elif change.op == "delete" and old:
                out.append(change.text, style="bold red strike")
            elif change.op == "insert" and not old:
                out.append(change.text, style="bold green underline")
        out.append("\n")
    return out


class ReviewScreen(ProjectScreen):
    """The queue, the highlighted coding in context, its definition then and now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", "review_keep"),
        Binding("r", "recode", "review_recode"),
        Binding("x", "remove", "review_remove"),
        Binding("z", "undo", "undo"),
        Binding("Z", "redo", "redo", show=False),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    ReviewScreen #queue { height: 1fr; }
    ReviewScreen #passage { height: auto; max-height: 8; padding: 0 1; }
    ReviewScreen #definitions { height: auto; max-height: 14; }
    ReviewScreen #definitions Static { width: 1fr; padding: 0 1; border: round $primary; }
    ReviewScreen #summary { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.queue: ReviewQueue | None = None

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('review')}"), id="title")
        yield FittedTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield Static("", id="passage")
        with Horizontal(id="definitions"):
            yield Static("", id="then")
            yield Static("", id="now")
        yield Static("", id="summary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self.query_one("#queue", FittedTable).focus()
        self.load()

    def changed_elsewhere(self) -> None:
        self.load()

    def load(self) -> None:
        self._load(self.new_request())

    @work(thread=True, exclusive=True, group="review")
    def _load(self, number: int) -> None:
        try:
            queue, error = self.project.review_queue(), None
        except CodebookError as exc:
            queue, error = None, self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, queue, error)

    def _show(self, number: int, queue: ReviewQueue | None, error: str | None) -> None:
        if not self.is_newest(number):
            return
        if queue is None:
            self.notify(error or "", severity="error")
            return
        self.queue = queue
        self.ready = True
        ctx = self.ctx
        table = self.query_one("#queue", FittedTable)
        row = table.cursor_row
        headers = [
            ctx.t("col_code"),
            ctx.t("col_document"),
            ctx.t("col_turn"),
            ctx.t("col_coder"),
            ctx.t("col_passage"),
            ctx.t("col_review_versions"),
        ]
        rows: list[list[str | Text]] = [
            [
                item.code_path,
                item.document,
                "" if item.turn is None else str(item.turn),
                item.coding.coder,
                " ".join(item.coding.text.split())[:50],
                ctx.t(
                    f"review_{item.reason}",
                    made=item.coding.codebook_version,
                    changed=item.changed_in,
                ),
            ]
            for item in queue.items
        ]
        table.fill(headers, rows)
        if queue.items:
            table.move_cursor(row=min(max(row, 0), len(queue.items) - 1))
        per_code = ", ".join(f"{code} {count}" for code, count in queue.counts)
        summary = ctx.t("review_summary", count=len(queue.items))
        self.query_one("#summary", Static).update(
            escape(f"{summary}: {per_code}" if per_code else summary)
        )
        self._show_detail()

    @on(DataTable.RowHighlighted, "#queue")
    def _highlighted(self) -> None:
        self._show_detail()

    def current(self) -> ReviewItem | None:
        if self.queue is None:
            return None
        row = self.query_one("#queue", FittedTable).cursor_row
        return self.queue.items[row] if 0 <= row < len(self.queue.items) else None

    def _show_detail(self) -> None:
        ctx, item = self.ctx, self.current()
        passage = self.query_one("#passage", Static)
        then, now = self.query_one("#then", Static), self.query_one("#now", Static)
        if item is None:
            passage.update(ctx.t("review_empty"))
            then.update("")
            now.update("")
            return
        text = Text()
        text.append("…" + item.before[-_CONTEXT:], style="dim")
        text.append(item.coding.text, style="bold reverse")
        text.append(item.after[:_CONTEXT] + "…", style="dim")
        passage.update(text)
        fields = {f: ctx.t(f"field_{f}") for f in (d.field for d in item.definition)}
        then.border_title = ctx.t("review_then", version=item.coding.codebook_version)
        now.border_title = ctx.t(
            "review_now", version=self.queue.codebook_version if self.queue else 0
        )
        then.update(definition_text(item, fields, old=True))
        now.update(definition_text(item, fields, old=False))

    # --- deciding ------------------------------------------------------------------

    def action_keep(self) -> None:
        item = self.current()
        if item is not None and self.ctx.coder_id is not None:
            self._decide(item.coding.id, "keep", None)

    def action_remove(self) -> None:
        item = self.current()
        if item is not None and self.ctx.coder_id is not None:
            self._decide(item.coding.id, "remove", None)

    def action_recode(self) -> None:
        item = self.current()
        if item is None or self.ctx.coder_id is None:
            return

        def code_chosen(code: int | None) -> None:
            if code is not None:
                self._decide(item.coding.id, "recode", code)

        try:
            items = self.project.code_items()
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        palette = CodePalette(
            self.ctx.t("review_recode_prompt"), items, exclude=frozenset({item.coding.code_id})
        )
        self.app.push_screen(palette, code_chosen)

    @work(thread=True, exclusive=True, group="review-decide")
    def _decide(self, coding: int, decision: str, code: int | None) -> None:
        try:
            if decision == "keep":
                self.project.keep_codings([coding])
            elif decision == "recode" and code is not None:
                self.project.recode_codings([coding], code)
            else:
                self.project.uncode([coding])
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            return
        self.app.call_from_thread(self._written)

    def _written(self) -> None:
        self.ctx.changed()
        self.caught_up()
        self.load()

    def action_undo(self) -> None:
        if step_journal(self, redo=False):
            self._written()

    def action_redo(self) -> None:
        if step_journal(self, redo=True):
            self._written()

    def action_back(self) -> None:
        self.app.pop_screen()
