"""Analysis: frequencies, code x case matrices and co-occurrence as tables on screen.

Each table is the DataFrame the analysis service returns (the same one the CLI
prints and the Excel export writes), shown cell for cell, with a heading that
says what the numbers count ("Segments per code by werkplaats"): a count
without its unit is easily misread. Tables are computed in a worker; choosing
another table or unit never freezes the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Select, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.analysis import (
    DEFAULT_BY,
    KINDS,
    MISSING,
    TOTAL,
    UNITS,
    WITHIN,
    TableRequest,
    Unit,
    Within,
)
from codebook.tui.context import AppContext
from codebook.tui.filter_text import filters_from_text
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

if TYPE_CHECKING:
    import pandas as pd

TOTAL_ONLY = ""
"""Frequencies without an attribute: one total column."""
DOCUMENTS = "documents"
CASES = "cases"
DEBOUNCE = 0.3


@dataclass(frozen=True)
class TableChoice:
    """The choices on screen: which table, counted how; ``columns`` is an attribute,
    ``DOCUMENTS``, ``CASES`` or ``TOTAL_ONLY`` (what each means depends on ``kind``),
    ``where`` the filter as typed."""

    kind: str = "frequencies"
    columns: str = TOTAL_ONLY
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False
    where: str = ""

    def request(self) -> TableRequest:
        """The table these choices ask the project for; ``CodebookError`` if the filter is wrong."""
        return TableRequest(
            kind=self.kind,
            columns=self.columns if self.columns != TOTAL_ONLY else None,
            unit=self.unit,
            within=self.within,
            with_children=self.with_children,
            filters=filters_from_text(self.where),
        )


def preference(attribute: str) -> int:
    """Rank of an attribute among the report's defaults (werkplaats, rol); others after."""
    name = attribute.casefold()
    return DEFAULT_BY.index(name) if name in DEFAULT_BY else len(DEFAULT_BY)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def heading(ctx: AppContext, request: TableChoice) -> str:
    """What the numbers count, in words: "Segments per code by werkplaats"."""
    unit = ctx.t(f"unit_{request.unit}")
    if request.kind == "cooccurrence":
        title = ctx.t("heading_cooccurrence", unit=ctx.t(f"cooc_{request.within}"))
    elif request.kind == "matrix" and request.columns in (DOCUMENTS, CASES):
        title = ctx.t(f"heading_{request.columns}", unit=unit)
    elif request.columns == TOTAL_ONLY:
        title = ctx.t("heading_total", unit=unit)
    else:
        title = ctx.t("heading_by", unit=unit, by=request.columns)
    parts = [capital(title)]
    if request.with_children:
        parts.append(ctx.t("heading_children"))
    if request.where.strip():
        parts.append(ctx.t("heading_where", where=request.where.strip()))
    return " · ".join(parts)


def column_title(ctx: AppContext, column: object) -> str:
    if column == TOTAL:
        return ctx.t("col_total")
    if column == MISSING:
        return ctx.t("col_missing")
    return str(column)


class AnalysisScreen(ProjectScreen):
    """Choices in one row, the heading, then the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_table", "next_table"),
        Binding("ctrl+t", "toggle_children", "with_children"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    AnalysisScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    AnalysisScreen #choices { height: 3; }
    AnalysisScreen #kind { width: 26; }
    AnalysisScreen #columns { width: 30; }
    AnalysisScreen #unit, AnalysisScreen #within { width: 30; }
    AnalysisScreen #where { width: 1fr; border: tall $border-blurred; }
    AnalysisScreen #where:focus { border: tall $border; }
    AnalysisScreen #heading { height: 1; padding: 0 1; text-style: bold; color: $accent; }
    AnalysisScreen #table { height: 1fr; }
    AnalysisScreen #bottom { height: 1; }
    AnalysisScreen #summary { padding: 0 1; color: $text-muted; width: 1fr; }
    AnalysisScreen #summary.error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[str] = []
        self.frame: pd.DataFrame | None = None
        self.shown: TableChoice | None = None
        self.error: str | None = None

    @property
    def table(self) -> FittedTable:
        return self.query_one("#table", FittedTable)

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('analysis')}"), id="title")
        with Horizontal(id="choices"):
            yield Select(
                [(ctx.t(f"table_{kind}"), kind) for kind in KINDS],
                value="frequencies",
                allow_blank=False,
                id="kind",
            )
            yield Select(self._column_options("frequencies"), allow_blank=False, id="columns")
            yield Select(
                [(ctx.t(f"unit_{unit}"), unit) for unit in UNITS],
                value="segments",
                allow_blank=False,
                id="unit",
            )
            yield Select(
                [(ctx.t(f"within_{within}"), within) for within in WITHIN],
                value="segment",
                allow_blank=False,
                id="within",
            )
            yield Checkbox(ctx.t("with_children"), id="children")
        yield Input(placeholder=ctx.t("where_placeholder"), id="where")
        yield Static("", id="heading")
        yield FittedTable(id="table", cursor_type="cell", zebra_stripes=True)
        with Horizontal(id="bottom"):
            yield Static("", id="summary")
            yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self._show_choices("frequencies")
        self.query_one("#kind", Select).focus()
        self.query_one(BusyIndicator).start()
        self._load_attributes()

    def changed_elsewhere(self) -> None:
        # Back from coding: the counts may have changed (the first table waits for
        # the attribute names instead).
        self.recompute()

    # --- choices -------------------------------------------------------------------

    def _column_options(self, kind: str) -> list[tuple[str, str]]:
        ctx = self.ctx
        attributes = [(name, name) for name in self.attributes]
        if kind == "matrix":
            return [(ctx.t("per_document"), DOCUMENTS), (ctx.t("per_case"), CASES), *attributes]
        # The report's usual attributes first: "by werkplaats" is what evaluators ask for.
        attributes.sort(key=lambda option: preference(option[1]))
        return [*attributes, (ctx.t("columns_total"), TOTAL_ONLY)]

    def _show_choices(self, kind: str) -> None:
        """Only the choices this kind of table has: columns and unit, or co-occurrence's unit."""
        self.query_one("#columns", Select).display = kind != "cooccurrence"
        self.query_one("#unit", Select).display = kind != "cooccurrence"
        self.query_one("#within", Select).display = kind == "cooccurrence"

    def _set_columns(self, kind: str) -> None:
        columns: Select[str] = self.query_one("#columns", Select)
        with self.prevent(Select.Changed):
            columns.set_options(self._column_options(kind))

    @work(thread=True, exclusive=True, group="analysis-attributes")
    def _load_attributes(self) -> None:
        try:
            names = self.project.attribute_names()
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            names = []
        self.app.call_from_thread(self._attributes_loaded, names)

    def _attributes_loaded(self, names: list[str]) -> None:
        if not self.is_attached:
            return
        self.attributes = names
        self.ready = True
        self._set_columns(self.choice().kind)
        self.recompute()

    def choice(self) -> TableChoice:
        """What the choices on screen say now."""

        def value(selector: str) -> str:
            chosen = self.query_one(selector, Select).value
            return chosen if isinstance(chosen, str) else ""

        unit, within = value("#unit"), value("#within")
        return TableChoice(
            kind=value("#kind") or "frequencies",
            columns=value("#columns"),
            unit=next((u for u in UNITS if u == unit), "segments"),
            within=next((w for w in WITHIN if w == within), "segment"),
            with_children=self.query_one("#children", Checkbox).value,
            where=self.query_one("#where", Input).value,
        )

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        kind = self.choice().kind
        self._show_choices(kind)
        self._set_columns(kind)
        self.recompute()

    @on(Select.Changed, "#columns, #unit, #within")
    @on(Checkbox.Changed, "#children")
    def _choice_changed(self) -> None:
        self.recompute()

    @on(Input.Changed, "#where")
    def _where_typed(self) -> None:
        self.later(DEBOUNCE, lambda: self.recompute(loud=False))

    @on(Input.Submitted, "#where")
    def _where_submitted(self) -> None:
        self.recompute(loud=True)

    # --- computing -----------------------------------------------------------------

    def recompute(self, loud: bool = True) -> None:
        """Compute the chosen table; ``loud``: an error is also a notification.

        Not before the attribute names are in: the choices settling on mount would
        each start a computation, and one of those tables (by no attribute) could
        flash up before the one the screen opens on. ``_attributes_loaded`` computes
        the first table.
        """
        if not self.ready:
            return
        number = self.new_request()
        self.query_one(BusyIndicator).start()
        self._compute(number, self.choice(), loud)

    @work(thread=True, exclusive=True, group="analysis")
    def _compute(self, number: int, choice: TableChoice, loud: bool) -> None:
        try:
            frame, error = self.project.table(choice.request()), None
        except CodebookError as exc:
            frame, error = None, str(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, choice, frame, error, loud)

    def _show(
        self,
        number: int,
        request: TableChoice,
        frame: pd.DataFrame | None,
        error: str | None,
        loud: bool,
    ) -> None:
        if not self.is_newest(number):
            return  # a newer request is on its way, or the screen was closed meanwhile
        self.query_one(BusyIndicator).stop()
        summary = self.query_one("#summary", Static)
        summary.set_class(error is not None, "error")
        self.error = error
        if frame is None:
            summary.update(escape(error or ""))
            if loud and error:
                self.notify(error, severity="error")
            return
        self.frame, self.shown = frame, request
        self.query_one("#heading", Static).update(escape(heading(self.ctx, request)))
        self._fill(frame)
        counted = frame.attrs.get("counted")
        said = [escape(line) for line in counted.lines(self.ctx.lang)] if counted else []
        if len(frame.columns) == 0:
            summary.update(" · ".join([self.ctx.t("analysis_no_columns"), *said]))
        else:
            rows, columns = len(frame.index), len(frame.columns)
            shape = self.ctx.t("analysis_summary", rows=rows, columns=columns)
            summary.update(" · ".join([shape, *said]))

    def _fill(self, frame: pd.DataFrame) -> None:
        """Numbers right-aligned under their heading, so columns of counts read as columns."""
        ctx = self.ctx
        headers = [ctx.t("col_code"), *(column_title(ctx, column) for column in frame.columns)]
        rows: list[list[str | Text]] = [
            [str(label), *(Text(str(int(v)), justify="right") for v in row)]
            for label, row in zip(frame.index, frame.itertuples(index=False), strict=True)
        ]
        keys = ["code", *(f"c{index}" for index in range(len(frame.columns)))]
        self.table.fill(headers, rows, column_keys=keys)

    # --- actions -------------------------------------------------------------------

    def action_next_table(self) -> None:
        kind = self.query_one("#kind", Select)
        current = self.choice().kind
        kind.value = KINDS[(KINDS.index(current) + 1) % len(KINDS)]

    def action_toggle_children(self) -> None:
        self.query_one("#children", Checkbox).toggle()

    def action_back(self) -> None:
        self.app.pop_screen()
