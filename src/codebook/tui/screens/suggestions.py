"""Suggestions (F10): what the codebook's keywords and the trained model propose, one key each
to accept or reject.

The analyst stays in charge: nothing here is a coding until it is accepted,
and then it is the analyst's coding, undoable like any other. Each line says
why it was proposed (the keyword that matched, or the model's confidence), and
the sentence itself is shown in full below the list. Training runs in a
worker with its progress in the status line, so the queue stays usable.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.suggestions import Suggestion, SuggestionRun, TrainingReport
from codebook.tui.context import step_journal
from codebook.tui.screens.opening import DocumentOpener
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

SENTENCE_CELL = 70


def reason(suggestion: Suggestion) -> str:
    """Why it was proposed: the keyword, or the model's confidence as a percentage."""
    if suggestion.keyword is not None:
        return f"“{suggestion.keyword}”"
    if suggestion.confidence is not None:
        return f"{round(100 * suggestion.confidence)}%"
    return ""


class SuggestionScreen(DocumentOpener):
    """The open suggestions in document order, the highlighted one's sentence below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "accept", "suggestion_accept"),
        Binding("n,x", "reject", "suggestion_reject"),
        Binding("k", "keywords", "suggestion_keywords"),
        Binding("t", "train", "suggestion_train"),
        Binding("z,ctrl+z", "undo", "undo"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    SuggestionScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    SuggestionScreen #queue { height: 1fr; }
    SuggestionScreen #sentence {
        height: auto; max-height: 8; padding: 0 1; border: round $primary;
    }
    SuggestionScreen #status { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield Static(escape(f"{self.project.name} · {self.ctx.t('suggestions')}"), id="title")
        yield FittedTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield Static("", id="sentence")
        yield Static("", id="status")
        yield BusyIndicator(id="busy")
        yield KeyBar()

    def on_mount(self) -> None:
        self.caught_up()
        self.table.focus()
        self.load()

    def changed_elsewhere(self) -> None:
        self.load()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#queue", FittedTable)

    def say(self, text: str) -> None:
        self.query_one("#status", Static).update(escape(text))

    # --- the queue ------------------------------------------------------------------

    def load(self, keep_row: int = 0) -> None:
        self._load(self.new_request(), keep_row)

    @work(thread=True, exclusive=True, group="suggestions")
    def _load(self, number: int, keep_row: int) -> None:
        try:
            queue, error = self.project.suggestions(), None
        except CodebookError as exc:
            queue, error = [], self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, queue, error, keep_row)

    def _show(self, number: int, queue: list[Suggestion], error: str | None, keep_row: int) -> None:
        if not self.is_newest(number):
            return
        if error is not None:
            self.notify(error, severity="error")
        self.queue = queue
        self.ready = True
        t = self.ctx.t
        headers = [t("col_document"), t("col_code"), t("suggestion_col_why"), t("col_passage")]
        rows: list[list[str | Text]] = [
            [s.document, s.code, reason(s), " ".join(s.text.split())[:SENTENCE_CELL]] for s in queue
        ]
        self.table.fill(headers, rows)
        if queue:
            self.table.move_cursor(row=min(keep_row, len(queue) - 1))
        self.say(t("suggestion_count", count=len(queue)) if queue else t("suggestion_empty"))
        self._sentence()

    def selected(self) -> Suggestion | None:
        row = self.table.cursor_row
        return self.queue[row] if 0 <= row < len(self.queue) else None

    @on(DataTable.RowHighlighted, "#queue")
    def _sentence(self) -> None:
        chosen = self.selected()
        text = Text("") if chosen is None else Text(chosen.text)
        if chosen is not None and chosen.keyword:
            text.highlight_words([chosen.keyword.rstrip("*")], style="bold", case_sensitive=False)
        self.query_one("#sentence", Static).update(text)

    @on(DataTable.RowSelected, "#queue")
    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_named(chosen.document, (chosen.start, chosen.end))

    # --- deciding -------------------------------------------------------------------

    def action_accept(self) -> None:
        self._decide(accept=True)

    def action_reject(self) -> None:
        self._decide(accept=False)

    def _decide(self, *, accept: bool) -> None:
        chosen = self.selected()
        if chosen is None or self.ctx.coder_id is None:
            return
        row = self.table.cursor_row
        try:
            if accept:
                self.project.accept_suggestion(chosen.id)
            else:
                self.project.reject_suggestion(chosen.id)
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        self.ctx.changed()
        self.caught_up()
        key = "suggestion_accepted" if accept else "suggestion_rejected"
        self.say(self.ctx.t(key, code=chosen.code, document=chosen.document))
        self.load(keep_row=row)

    def action_undo(self) -> None:
        if step_journal(self, redo=False):
            self.ctx.changed()
            self.caught_up()
            self.load(keep_row=self.table.cursor_row)

    # --- proposing ------------------------------------------------------------------

    def action_keywords(self) -> None:
        self.query_one(BusyIndicator).start()
        self._keywords()

    @work(thread=True, exclusive=True, group="suggest")
    def _keywords(self) -> None:
        try:
            run, error = self.project.autocode_keywords(), None
        except CodebookError as exc:
            run, error = None, self.ctx.error(exc)
        self.app.call_from_thread(self._proposed, run, error)

    def action_train(self) -> None:
        self.query_one(BusyIndicator).start()
        self.say(self.ctx.t("suggestion_training"))
        self._train()

    @work(thread=True, exclusive=True, group="suggest")
    def _train(self) -> None:
        def progress(epoch: int, epochs: int, loss: float) -> None:
            text = self.ctx.t("suggestion_epoch", epoch=epoch, epochs=epochs, loss=f"{loss:.3f}")
            self.app.call_from_thread(self.say, text)

        try:
            report = self.project.train_suggester(progress=progress)
            self.app.call_from_thread(self._trained, report)
            run, error = self.project.suggest_from_model(), None
        except CodebookError as exc:
            run, error = None, self.ctx.error(exc)
        self.app.call_from_thread(self._proposed, run, error)

    def _trained(self, report: TrainingReport) -> None:
        t = self.ctx.t
        skipped = ", ".join(f"{code} ({count})" for code, count in report.skipped)
        self.notify(
            t("suggestion_trained", codes=len(report.codes), sentences=report.sentences)
            + (f"\n{t('suggestion_skipped', codes=skipped)}" if skipped else "")
        )

    def _proposed(self, run: SuggestionRun | None, error: str | None) -> None:
        self.query_one(BusyIndicator).stop()
        if error is not None or run is None:
            self.notify(error or "", severity="error")
            self.say("")
            return
        self.say(
            self.ctx.t(
                "suggestion_run",
                added=run.added,
                rejected=run.rejected_before,
                coded=run.already_coded,
                queued=run.already_queued,
            )
        )
        self.ctx.changed()
        self.caught_up()
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
