"""Analysis: frequencies, code x case matrices, co-occurrence and attribute x attribute
crosstabs as tables on screen.

Each table is the ``Tabulation`` the door returns (the same one the CLI
prints and the Excel export writes), shown cell for cell, with a heading that
says what the numbers count ("Segments per code by werkplaats"): a count
without its unit is easily misread. Tables are computed in a worker; choosing
another table, unit or coder never freezes the screen. Enter on a count lists
the quotes behind it (``cell_quotes``), so a surprising number can be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Select, Static
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
    Tabulation,
    Unit,
    Within,
)
from codebook.tui.context import AppContext
from codebook.tui.filter_text import filters_from_text
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.screens.cell_quotes import Cell, CellQuotesScreen
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

TOTAL_ONLY = ""
"""Frequencies without an attribute: one total column."""
EVERYONE = ""
"""No coder filter: every coder's codings, counted as the project counts them."""
ALL_CODES = ""
"""A crosstab of every code's codings."""
DOCUMENTS = "documents"
CASES = "cases"
DEBOUNCE = 0.3


@dataclass(frozen=True)
class TableChoice:
    """The choices on screen: which table, counted how; ``columns`` is an attribute,
    ``DOCUMENTS``, ``CASES`` or ``TOTAL_ONLY`` (what each means depends on ``kind``),
    ``rows`` a crosstab's row attribute and ``code`` the code it counts (a path, or
    ``ALL_CODES``), ``coder`` one coder or ``EVERYONE``, ``where`` the filter as typed."""

    kind: str = "frequencies"
    columns: str = TOTAL_ONLY
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False
    where: str = ""
    rows: str = ""
    code: str = ALL_CODES
    coder: str = EVERYONE

    def request(self) -> TableRequest:
        """The table these choices ask the project for; ``CodebookError`` if the filter is wrong."""
        crosstab = self.kind == "crosstab"
        return TableRequest(
            kind=self.kind,
            columns=self.columns if self.columns != TOTAL_ONLY else None,
            rows=self.rows or None if crosstab else None,
            unit=self.unit,
            within=self.within,
            with_children=self.with_children,
            filters=filters_from_text(self.where, self.coder),
            codes=(self.code,) if crosstab and self.code != ALL_CODES else (),
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
    elif request.kind == "crosstab":
        codes = request.code or ctx.t("all_codes")
        title = ctx.t(
            "heading_crosstab", unit=unit, rows=request.rows, by=request.columns, codes=codes
        )
    elif request.kind == "matrix" and request.columns in (DOCUMENTS, CASES):
        title = ctx.t(f"heading_{request.columns}", unit=unit)
    elif request.columns == TOTAL_ONLY:
        title = ctx.t("heading_total", unit=unit)
    else:
        title = ctx.t("heading_by", unit=unit, by=request.columns)
    parts = [capital(title)]
    if request.with_children:
        parts.append(ctx.t("heading_children"))
    if request.coder:
        parts.append(ctx.t("heading_coder", coder=request.coder))
    if request.where.strip():
        parts.append(ctx.t("heading_where", where=request.where.strip()))
    return " · ".join(parts)


def column_title(ctx: AppContext, column: object) -> str:
    if column == TOTAL:
        return ctx.t("col_total")
    if column == MISSING:
        return ctx.t("col_missing")
    return str(column)


class CountTable(FittedTable):
    """The table of counts; Enter on a count lists the quotes behind it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "cell_quotes"),
    ]


class AnalysisScreen(ProjectScreen):
    """Choices in two rows, the heading, then the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_table", "next_table"),
        Binding("ctrl+t", "toggle_children", "with_children"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    AnalysisScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    AnalysisScreen #choices, AnalysisScreen #narrowing { height: 3; }
    AnalysisScreen #kind { width: 26; }
    AnalysisScreen #rows, AnalysisScreen #columns { width: 30; }
    AnalysisScreen #unit, AnalysisScreen #within { width: 30; }
    AnalysisScreen #code { width: 40; }
    AnalysisScreen #coder { width: 30; }
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
        self.coders: list[str] = []
        self.code_paths: list[str] = []
        self.frame: Tabulation | None = None
        self.shown: TableChoice | None = None
        self.error: str | None = None

    @property
    def table(self) -> CountTable:
        return self.query_one("#table", CountTable)

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
            yield Select([], allow_blank=True, prompt=ctx.t("rows_by"), id="rows")
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
        with Horizontal(id="narrowing"):
            yield Select([(ctx.t("all_codes"), ALL_CODES)], value=ALL_CODES, id="code")
            yield Select([(ctx.t("all_coders"), EVERYONE)], value=EVERYONE, id="coder")
            yield Input(placeholder=ctx.t("where_placeholder"), id="where")
        yield Static("", id="heading")
        yield CountTable(id="table", cursor_type="cell", zebra_stripes=True)
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
        if kind == "crosstab":
            # "werkplaats x rol": the first usual attribute makes the rows, the second the columns.
            attributes.sort(key=lambda option: preference(option[1]))
            return attributes[1:] + attributes[:1]
        if kind == "matrix":
            return [(ctx.t("per_document"), DOCUMENTS), (ctx.t("per_case"), CASES), *attributes]
        # The report's usual attributes first: "by werkplaats" is what evaluators ask for.
        attributes.sort(key=lambda option: preference(option[1]))
        return [*attributes, (ctx.t("columns_total"), TOTAL_ONLY)]

    def _show_choices(self, kind: str) -> None:
        """Only the choices this kind of table has: columns and unit, or co-occurrence's unit;
        a crosstab's row attribute and code."""
        self.query_one("#rows", Select).display = kind == "crosstab"
        self.query_one("#code", Select).display = kind == "crosstab"
        self.query_one("#columns", Select).display = kind != "cooccurrence"
        self.query_one("#unit", Select).display = kind != "cooccurrence"
        self.query_one("#within", Select).display = kind == "cooccurrence"

    def _set_columns(self, kind: str) -> None:
        columns: Select[str] = self.query_one("#columns", Select)
        rows: Select[str] = self.query_one("#rows", Select)
        with self.prevent(Select.Changed):
            columns.set_options(self._column_options(kind))
            rows.set_options([(name, name) for name in self.attributes])
            usual = sorted(self.attributes, key=preference)
            if kind == "crosstab" and usual:
                rows.value = usual[0]

    @work(thread=True, exclusive=True, group="analysis-attributes")
    def _load_attributes(self) -> None:
        try:
            names = self.project.attribute_names()
            coders = self.project.coders()
            paths = [item.path for item in self.project.code_items()]
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            names, coders, paths = [], [], []
        self.app.call_from_thread(self._attributes_loaded, names, coders, paths)

    def _attributes_loaded(self, names: list[str], coders: list[str], paths: list[str]) -> None:
        if not self.is_attached:
            return
        self.attributes, self.coders, self.code_paths = names, coders, paths
        self.ready = True
        ctx = self.ctx
        with self.prevent(Select.Changed):
            self.query_one("#coder", Select).set_options(
                [(ctx.t("all_coders"), EVERYONE), *((name, name) for name in coders)]
            )
            self.query_one("#coder", Select).value = EVERYONE
            self.query_one("#code", Select).set_options(
                [(ctx.t("all_codes"), ALL_CODES), *((path, path) for path in paths)]
            )
            self.query_one("#code", Select).value = ALL_CODES
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
            rows=value("#rows"),
            code=value("#code"),
            coder=value("#coder"),
        )

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        kind = self.choice().kind
        self._show_choices(kind)
        self._set_columns(kind)
        self.recompute()

    @on(Select.Changed, "#rows, #columns, #unit, #within, #code, #coder")
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
            frame, error = None, self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, choice, frame, error, loud)

    def _show(
        self,
        number: int,
        request: TableChoice,
        frame: Tabulation | None,
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
        said = [escape(line) for line in frame.counted.lines(self.ctx.lang)]
        if len(frame.columns) == 0:
            summary.update(" · ".join([self.ctx.t("analysis_no_columns"), *said]))
        else:
            rows, columns = len(frame.rows), len(frame.columns)
            key = "crosstab_summary" if request.kind == "crosstab" else "analysis_summary"
            shape = self.ctx.t(
                key, rows=rows, columns=columns, unit=self.ctx.t(f"unit_{request.unit}")
            )
            summary.update(" · ".join([shape, *said]))

    def _fill(self, frame: Tabulation) -> None:
        """Numbers right-aligned under their heading, so columns of counts read as columns.

        The cursor stays on its cell when the table keeps its shape (a recount
        after coding elsewhere), so coming back from a cell's quotes finds it.
        """
        ctx = self.ctx
        table = self.table
        here = table.cursor_coordinate
        shape = (table.row_count, len(table.columns))
        first = ctx.t("col_code") if frame.index_name == "code" else frame.index_name
        headers = [first, *(column_title(ctx, column) for column in frame.columns)]
        rows: list[list[str | Text]] = [
            [label, *(Text(str(v), justify="right") for v in row)]
            for label, row in zip(frame.rows, frame.cells, strict=True)
        ]
        keys = ["code", *(f"c{index}" for index in range(len(frame.columns)))]
        table.fill(headers, rows, column_keys=keys)
        if shape == (len(rows), len(headers)):
            table.cursor_coordinate = here

    # --- from a count to its quotes ------------------------------------------------

    @on(DataTable.CellSelected, "#table")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        self.open_cell(event.coordinate.row, event.coordinate.column)

    def open_cell(self, row: int, column: int) -> None:
        """List the quotes the count at (``row``, ``column``) of the table on screen counts."""
        frame, shown = self.frame, self.shown
        if frame is None or shown is None or column == 0 or self.error is not None:
            return
        if shown.kind == "cooccurrence":
            self.notify(self.ctx.t("analysis_no_cell_quotes"), severity="warning")
            return
        label, value = frame.rows[row], frame.columns[column - 1]
        count = frame.cells[row][column - 1]
        title = self.ctx.t(
            "cell_title",
            count=count,
            unit=self.ctx.t(f"unit_{shown.unit}"),
            row=label,
            column=column_title(self.ctx, value),
        )
        cell = Cell(shown.request(), label, value, title, frame.counted)
        self.app.push_screen(CellQuotesScreen(cell))

    # --- actions -------------------------------------------------------------------

    def action_next_table(self) -> None:
        kind = self.query_one("#kind", Select)
        current = self.choice().kind
        kind.value = KINDS[(KINDS.index(current) + 1) % len(KINDS)]

    def action_toggle_children(self) -> None:
        self.query_one("#children", Checkbox).toggle()

    def action_back(self) -> None:
        self.app.pop_screen()
