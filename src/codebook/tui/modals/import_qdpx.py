"""Import dialog: a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or QualCoder.

The import adds what this project lacks (into an empty project: everything),
in a worker with a progress bar, and is one undoable action. The report
stays in the dialog to be read (what was imported, what was skipped and why,
how the selections were counted, and the round-trip check, which always
runs here); it is also kept as a memo on the project.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static

from codebook.domain import CodebookError
from codebook.domain.exchange import ExchangeReport
from codebook.tui.context import AppContext, context_of


class ImportDialog(ModalScreen[ExchangeReport | None]):
    """Name the file, Enter; dismissed (Escape) with the report of what was imported."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "close")]
    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > Vertical {
        width: 100; height: auto; max-height: 90%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    ImportDialog #heading { text-style: bold; margin-bottom: 1; }
    ImportDialog #hint { color: $text-muted; }
    ImportDialog #progress { margin-top: 1; display: none; }
    ImportDialog #report { height: auto; max-height: 20; }
    ImportDialog #status.error { color: $error; }
    ImportDialog #keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.report: ExchangeReport | None = None

    @property
    def ctx(self) -> AppContext:
        return context_of(self)

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        with Vertical():
            yield Label(ctx.t("import_title"), id="heading")
            yield Input(placeholder=ctx.t("import_placeholder"), id="source")
            yield Static(ctx.t("import_hint"), id="hint")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            with VerticalScroll(id="report"):
                yield Static("", id="status")
            yield Static(ctx.t("import_keys"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    @on(Input.Submitted, "#source")
    def _submitted(self) -> None:
        if self.running:
            return
        text = self.query_one("#source", Input).value.strip()
        if not text:
            self._failed(self.ctx.t("import_no_file"))
            return
        self.running = True
        self.query_one("#source", Input).disabled = True
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        status = self.query_one("#status", Static)
        status.remove_class("error")
        status.update(self.ctx.t("import_running"))
        self._import(Path(text).expanduser())

    @work(thread=True, exclusive=True, group="import-qdpx")
    def _import(self, file: Path) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            report = self.ctx.project.import_qdpx(file, into=True, check=True, progress=progress)
        except (CodebookError, OSError) as exc:
            self.app.call_from_thread(self._failed, self.ctx.error(exc))
            return
        self.app.call_from_thread(self._finished, report)

    def _progress(self, done: int, total: int) -> None:
        if self.is_attached:
            self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _finished(self, report: ExchangeReport) -> None:
        self.running = False
        self.report = report
        self.ctx.changed()
        lines = report.lines(self.ctx.lang)
        # Said by the app, so it is seen even if the dialog was closed meanwhile.
        self.app.notify(lines[0], severity="warning" if report.differences else "information")
        if self.is_attached:
            self.query_one("#status", Static).update(Text("\n".join(lines)))

    def _failed(self, message: str) -> None:
        if not self.is_attached:
            self.app.notify(message, severity="error")
            return
        self.running = False
        self.query_one("#progress", ProgressBar).display = False
        source = self.query_one("#source", Input)
        source.disabled = False
        status = self.query_one("#status", Static)
        status.add_class("error")
        status.update(Text(message))
        self.notify(message, severity="error")
        source.focus()

    def action_close(self) -> None:
        if self.running:
            self.notify(self.ctx.t("import_wait"), severity="warning")
            return
        self.dismiss(self.report)
