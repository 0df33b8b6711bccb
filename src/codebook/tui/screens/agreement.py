"""Agreement (F6): the coders' agreement figures and the queue of units where they differ.

The figures are the door's ``AgreementResult``, the same numbers ``codebook
agree`` prints, shown with the unit and the rule they were counted by: a
kappa without its unit is easily misread. Below them the disagreement queue
lists each unit where the coders differ; the selected one shows its text,
every coder's coding of it and the code's definition, and a key settles it
(keep one coder's coding, both, neither, or another code) with a note. Each
resolution is one undoable action (``z``); it becomes a coding of the
reference coder, so reports can be run on the settled coding.
"""

from __future__ import annotations

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
from codebook.domain.agreement import (
    AGREEMENT_UNITS,
    AgreementRequest,
    Figures,
    Interval,
    check_agreement_unit,
)
from codebook.domain.resolutions import (
    DisagreementQueue,
    QueueItem,
    ResolutionKind,
    ResolutionRequest,
)
from codebook.tui.context import step_journal
from codebook.tui.modals.palette import CodePalette
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

DASH = "–"


def number(value: float | None, interval: Interval | None = None) -> str:
    """A figure to three decimals with its 95% interval; "–" when undefined."""
    if value is None:
        return DASH
    if interval is None:
        return f"{value:.3f}"
    return f"{value:.3f} [{interval[0]:.3f}, {interval[1]:.3f}]"


def figure_cells(label: str, figures: Figures, verdict: str) -> list[str | Text]:
    kappa, kappa_ci = (
        (figures.kappa, figures.kappa_ci)
        if figures.fleiss is None
        else (figures.fleiss, figures.fleiss_ci)
    )
    return [
        label,
        Text(str(figures.n_units), justify="right"),
        number(figures.percent, figures.percent_ci),
        number(kappa, kappa_ci),
        number(figures.alpha, figures.alpha_ci),
        verdict,
    ]


class AgreementScreen(ProjectScreen):
    """Choices in one row, the figures, what they count, then the queue and the selected unit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "compute", "agree_compute"),
        Binding("a", "keep(0)", "resolve_keep_a"),
        Binding("b", "keep(1)", "resolve_keep_b"),
        Binding("k", "keep_which", "resolve_keep_which"),
        Binding("o", "resolve('both')", "resolve_both"),
        Binding("n", "resolve('neither')", "resolve_neither"),
        Binding("r", "resolve('recode')", "resolve_recode"),
        Binding("h", "toggle_resolved", "hide_resolved"),
        Binding("z", "undo", "undo"),
        Binding("Z", "redo", "redo", show=False),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    AgreementScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    AgreementScreen #choices { height: 3; }
    AgreementScreen #coders { width: 1fr; }
    AgreementScreen #unit { width: 24; }
    AgreementScreen #figures { height: auto; max-height: 12; }
    AgreementScreen #counted { height: auto; padding: 0 1; color: $text-muted; }
    AgreementScreen #queue { height: 1fr; }
    AgreementScreen #detail { height: auto; max-height: 12; padding: 0 1; }
    AgreementScreen #bottom { height: 1; }
    AgreementScreen #summary { padding: 0 1; color: $text-muted; width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.queue: DisagreementQueue | None = None
        self.shown: list[QueueItem] = []

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield Static(escape(f"{self.project.name} · {ctx.t('agreement')}"), id="title")
        with Horizontal(id="choices"):
            yield Input(placeholder=ctx.t("agree_coders_placeholder"), id="coders")
            yield Select(
                [(ctx.t(f"agree_unit_{unit}"), unit) for unit in AGREEMENT_UNITS],
                value="sentence",
                allow_blank=False,
                id="unit",
            )
            yield Checkbox(ctx.t("hide_resolved"), id="hide")
        yield FittedTable(id="figures", cursor_type="row")
        yield Static("", id="counted")
        yield FittedTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        with Horizontal(id="bottom"):
            yield Static("", id="summary")
            yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self.query_one(BusyIndicator).start()
        self._load_coders()

    def changed_elsewhere(self) -> None:
        self.action_compute()

    @work(thread=True, exclusive=True, group="agreement-coders")
    def _load_coders(self) -> None:
        try:
            names = self.project.coders_with_codings()
            reference = self.project.reference_coder() or "consensus"
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            names, reference = [], ""
        compared = [name for name in names if name != reference]
        self.app.call_from_thread(self._coders_loaded, compared)

    def _coders_loaded(self, names: list[str]) -> None:
        if not self.is_attached:
            return
        coders = self.query_one("#coders", Input)
        with self.prevent(Input.Changed):
            coders.value = ", ".join(names)
        self.ready = True
        self.query_one("#queue", FittedTable).focus()
        self.action_compute()

    # --- computing -----------------------------------------------------------------

    def request(self) -> AgreementRequest:
        coders = tuple(
            name.strip()
            for name in self.query_one("#coders", Input).value.split(",")
            if name.strip()
        )
        unit = self.query_one("#unit", Select).value
        chosen = check_agreement_unit(unit) if isinstance(unit, str) else "sentence"
        return AgreementRequest(coders=coders, unit=chosen)

    @on(Input.Submitted, "#coders")
    @on(Select.Changed, "#unit")
    def action_compute(self) -> None:
        if not self.ready:
            return
        number = self.new_request()
        self.query_one(BusyIndicator).start()
        self._compute(number, self.request())

    @work(thread=True, exclusive=True, group="agreement")
    def _compute(self, number: int, request: AgreementRequest) -> None:
        try:
            queue, error = self.project.disagreement_queue(request), None
        except CodebookError as exc:
            queue, error = None, self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, queue, error)

    def _show(self, number: int, queue: DisagreementQueue | None, error: str | None) -> None:
        if not self.is_newest(number):
            return
        self.query_one(BusyIndicator).stop()
        if queue is None:
            self.query_one("#summary", Static).update(escape(error or ""))
            if error:
                self.notify(error, severity="error")
            return
        self.queue = queue
        self._fill_figures(queue)
        self._fill_queue()

    def _fill_figures(self, queue: DisagreementQueue) -> None:
        ctx, result = self.ctx, queue.result
        kappa = ctx.t("col_kappa" if len(result.coders) == 2 else "col_fleiss")
        headers = [
            ctx.t("col_code"),
            ctx.t("col_units"),
            ctx.t("col_percent"),
            kappa,
            ctx.t("col_alpha"),
            ctx.t("col_verdict"),
        ]

        def verdict(figures: Figures) -> str:
            return DASH if figures.verdict is None else ctx.t(f"verdict_{figures.verdict}")

        rows = [figure_cells(c.path, c.figures, verdict(c.figures)) for c in result.codes]
        rows.append(figure_cells(ctx.t("overall"), result.overall, verdict(result.overall)))
        self.query_one("#figures", FittedTable).fill(headers, rows)
        self.query_one("#counted", Static).update(
            escape(f"{result.description}; {result.rule}. {ctx.t('agree_ci_note')}")
        )

    def _fill_queue(self) -> None:
        ctx, queue = self.ctx, self.queue
        if queue is None:
            return
        hide = self.query_one("#hide", Checkbox).value
        self.shown = [i for i in queue.items if not (hide and i.resolved)]
        headers = [
            ctx.t("col_document"),
            ctx.t("col_range"),
            ctx.t("col_code"),
            ctx.t("col_coded_by"),
            ctx.t("col_not_coded_by"),
            ctx.t("col_resolution"),
        ]
        rows: list[list[str | Text]] = []
        for item in self.shown:
            d = item.disagreement
            status = "" if item.resolution is None else ctx.t(f"kind_{item.resolution.kind}")
            if item.resolution is not None and item.resolution.detail:
                status += f" {item.resolution.detail}"
            rows.append(
                [
                    d.document,
                    f"{d.start}-{d.end}",
                    d.path,
                    ", ".join(d.coded_by),
                    ", ".join(d.not_coded_by),
                    status,
                ]
            )
        self.query_one("#queue", FittedTable).fill(headers, rows)
        self.query_one("#summary", Static).update(
            ctx.t("queue_summary", open=len(queue.open_items), total=len(queue.items))
        )
        self._show_detail()

    @on(DataTable.RowHighlighted, "#queue")
    def _highlighted(self) -> None:
        self._show_detail()

    def current(self) -> QueueItem | None:
        table = self.query_one("#queue", FittedTable)
        row = table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _show_detail(self) -> None:
        ctx, item = self.ctx, self.current()
        detail = self.query_one("#detail", Static)
        if item is None:
            detail.update("")
            return
        d = item.disagreement
        lines = [f"[b]{escape(d.path)}[/] · {escape(d.document)} {d.start}-{d.end}"]
        lines.append(f"“{escape(item.text)}”")
        for coding, text in zip(d.codings, item.coding_texts, strict=True):
            lines.append(f"  [b]{escape(coding.coder)}[/]: {escape(text)}")
        for coder in d.not_coded_by:
            lines.append(f"  [b]{escape(coder)}[/]: {ctx.t('not_coded')}")
        if item.definition:
            lines.append(f"[i]{escape(item.definition)}[/]")
        if item.resolution is not None:
            resolution = item.resolution
            lines.append(
                ctx.t(
                    "resolved_as", kind=ctx.t(f"kind_{resolution.kind}"), detail=resolution.detail
                )
                + f" · {escape(resolution.note)}"
            )
        detail.update("\n".join(lines))

    # --- resolving -----------------------------------------------------------------

    def _coders(self) -> tuple[str, ...]:
        return () if self.queue is None else self.queue.result.coders

    def action_keep(self, which: int) -> None:
        coders = self._coders()
        if which < len(coders):
            self._ask_note("keep", keep=coders[which])

    def action_resolve(self, kind: ResolutionKind) -> None:
        if kind != "recode":
            self._ask_note(kind)
            return
        if self.current() is None:
            return

        def code_chosen(code: int | None) -> None:
            if code is not None:
                self._ask_note("recode", recode_to=code)

        try:
            items = [item for item in self.project.code_items() if not item.retired]
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        self.app.push_screen(CodePalette(self.ctx.t("recode_prompt"), items), code_chosen)

    def action_keep_which(self) -> None:
        """Keep the codings of a coder named by the user: with three or more coders,
        ``a`` and ``b`` reach only the first two."""
        coders = self._coders()
        if self.current() is None or not coders:
            return

        def named(name: str | None) -> None:
            chosen = next(
                (c for c in coders if c.casefold() == (name or "").strip().casefold()), None
            )
            if chosen is None:
                if name:
                    self.notify(self.ctx.t("keep_unknown", coder=name.strip()), severity="error")
                return
            self._ask_note("keep", keep=chosen)

        title = self.ctx.t("keep_prompt", coders=", ".join(coders))
        self.app.push_screen(TextPrompt(title), named)

    def _ask_note(
        self,
        kind: ResolutionKind,
        *,
        keep: str | None = None,
        recode_to: str | int | None = None,
    ) -> None:
        item = self.current()
        if item is None or self.ctx.coder_id is None:
            return

        def note_given(note: str | None) -> None:
            if note is not None:
                request = ResolutionRequest(
                    item.disagreement, kind, coder=keep, recode_to=recode_to, note=note
                )
                self._resolve(request)

        self.app.push_screen(TextPrompt(self.ctx.t("note_prompt"), allow_empty=True), note_given)

    @work(thread=True, exclusive=True, group="agreement-resolve")
    def _resolve(self, request: ResolutionRequest) -> None:
        try:
            self.project.resolve(request)
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            return
        self.app.call_from_thread(self._written)

    def _written(self) -> None:
        self.ctx.changed()
        self.caught_up()
        self.action_compute()

    def action_undo(self) -> None:
        if step_journal(self, redo=False):
            self._written()

    def action_redo(self) -> None:
        if step_journal(self, redo=True):
            self._written()

    @on(Checkbox.Changed, "#hide")
    def _hide_changed(self) -> None:
        self._fill_queue()

    def action_toggle_resolved(self) -> None:
        self.query_one("#hide", Checkbox).toggle()

    def action_back(self) -> None:
        self.app.pop_screen()
