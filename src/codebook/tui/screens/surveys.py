"""Questionnaires (F8): every item, and the highlighted one's answers per group as text bars.

An analyst writing a theme wants to see, beside the quotes, how the
werkplaatsen answered the statements about it before the report draws the
figures. The bars are stacked per group in the order of the item's scale,
each label in its own colour, with the percentages and n; another grouping
attribute is typed in the field at the top. Open items are documents: they
are coded in the coding screen like any transcript.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.surveys import ItemCounts, SurveyItem
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

BAR_WIDTH = 40
COLOURS = ("#d55e00", "#f0a050", "grey50", "#7fb8e0", "#0072b2", "#009e73", "#cc79a7")
"""Diverging for a scale read left to right (disagree orange, agree blue), as the figures."""


def distribution_text(counts: ItemCounts, n_word: str) -> Text:
    """One stacked bar per group (and all groups together), then the legend."""
    out = Text()
    rows = [*zip(counts.groups, counts.counts, strict=True), ("", counts.merged())]
    width = max((len(group) for group, _ in rows), default=0)
    for group, row in rows:
        total = sum(row)
        out.append(f"{group:<{width}}  ", style="bold")
        used = 0
        for k, count in enumerate(row):
            cells = (
                round(BAR_WIDTH * (used + count) / total) - round(BAR_WIDTH * used / total)
                if total
                else 0
            )
            out.append("█" * cells, style=COLOURS[k % len(COLOURS)])
            used += count
        shares = " ".join(f"{round(100 * c / total)}%" if total else "-" for c in row)
        out.append(f"  {shares}  ({n_word} = {total})\n")
    for k, label in enumerate(counts.item.labels):
        out.append("█ ", style=COLOURS[k % len(COLOURS)])
        out.append(f"{label}   ")
    return out


class SurveyScreen(ProjectScreen):
    """The items of every questionnaire, and the highlighted item's answers per group."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "group_by", "survey_group_by"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    SurveyScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    SurveyScreen #by { width: 40; }
    SurveyScreen #items { height: 1fr; }
    SurveyScreen #bars { height: auto; max-height: 12; padding: 0 1; border: round $primary; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[SurveyItem] = []

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('surveys')}"), id="title")
        yield Input("werkplaats", placeholder=ctx.t("survey_group_by"), id="by")
        yield FittedTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="bars")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self.query_one("#items", FittedTable).focus()
        self.load()

    def changed_elsewhere(self) -> None:
        self.load()

    def load(self) -> None:
        self._load(self.new_request())

    @work(thread=True, exclusive=True, group="surveys")
    def _load(self, number: int) -> None:
        try:
            items, error = self.project.survey_items(), None
        except CodebookError as exc:
            items, error = [], self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, items, error)

    def _show(self, number: int, items: list[SurveyItem], error: str | None) -> None:
        if not self.is_newest(number):
            return
        if error is not None:
            self.notify(error, severity="error")
        self.items = items
        self.ready = True
        ctx = self.ctx
        table = self.query_one("#items", FittedTable)
        headers = [
            ctx.t("col_number"),
            ctx.t("col_survey"),
            ctx.t("col_item"),
            ctx.t("col_kind"),
            ctx.t("col_theme"),
        ]
        rows: list[list[str | Text]] = [
            [str(item.id), item.survey, item.key, ctx.t(f"item_{item.kind}"), item.code or ""]
            for item in items
        ]
        table.fill(headers, rows)
        self._count()

    def current(self) -> SurveyItem | None:
        row = self.query_one("#items", FittedTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    @on(DataTable.RowHighlighted, "#items")
    def _highlighted(self) -> None:
        self._count()

    @on(Input.Submitted, "#by")
    def _by_chosen(self) -> None:
        self.query_one("#items", FittedTable).focus()
        self._count()

    def _count(self) -> None:
        item, bars = self.current(), self.query_one("#bars", Static)
        if item is None:
            bars.update(self.ctx.t("survey_empty"))
        elif item.kind in ("open", "number"):
            bars.update(self.ctx.t(f"survey_{item.kind}_item"))
        else:
            by = self.query_one("#by", Input).value.strip() or "werkplaats"
            self._counts(self.new_request(), item.id, by)

    @work(thread=True, exclusive=True, group="survey-counts")
    def _counts(self, number: int, item: int, by: str) -> None:
        try:
            shown: Text | str = distribution_text(
                self.project.item_counts(item, by), self.ctx.t("survey_n")
            )
        except CodebookError as exc:
            shown = escape(self.ctx.error(exc))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._bars, number, shown)

    def _bars(self, number: int, shown: Text | str) -> None:
        if self.is_newest(number):
            self.query_one("#bars", Static).update(shown)

    def action_group_by(self) -> None:
        self.query_one("#by", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
