"""Export dialog: the Word theme report, the Excel workbook, the CSV tables, a .qdpx, or the
report as PDF (through LibreOffice, when it is installed).

The export runs in a worker and drives a progress bar through the export's
``progress(done, total)`` callback, so a report of hundreds of quotes never
freezes the screen. The project door picks the writer, and every writer
writes atomically: a failed or interrupted export leaves no half-written file.
The language is the app's (``--lang``), so a Dutch session writes a Dutch report.
A .qdpx is always read back and compared with the project: a difference is
said at once, not discovered by a colleague in another tool. An existing file
(or a folder's CSV tables) is replaced only after the user confirms it: Enter
on a suggested name must not wipe last week's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from codebook.domain import CodebookError
from codebook.domain.exports import (
    EXPORT_KINDS,
    ExportSummary,
    QdpxOptions,
    ReportOptions,
    TableOptions,
)
from codebook.domain.queries import NO_FILTERS, Filters
from codebook.tui.context import AppContext, context_of
from codebook.tui.modals.confirm import ConfirmPreview


class ExportDialog(ModalScreen[Path | None]):
    """Choose the kind and the target, then Enter; dismissed with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "start", "export_start"),
    ]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 90; height: auto; padding: 0 1; border: thick $primary; background: $surface;
    }
    ExportDialog #heading { text-style: bold; margin-bottom: 1; }
    ExportDialog RadioSet { width: 100%; }
    ExportDialog #target-label { margin-top: 1; }
    ExportDialog #progress { margin-top: 1; display: none; }
    ExportDialog #status { height: auto; }
    ExportDialog #status.error { color: $error; }
    ExportDialog #keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, kind: str = "docx", filters: Filters = NO_FILTERS) -> None:
        super().__init__()
        self.kind = kind if kind in EXPORT_KINDS else "docx"
        self.filters = filters
        self.running = False
        self.written: Path | None = None

    @property
    def ctx(self) -> AppContext:
        return context_of(self)

    def default(self, kind: str) -> Path:
        return self.ctx.project.default_export_target(kind)

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        with Vertical():
            yield Label(ctx.t("export_title"), id="heading")
            with RadioSet(id="kind"):
                for kind in EXPORT_KINDS:
                    yield RadioButton(ctx.t(f"export_{kind}"), kind == self.kind, id=f"kind-{kind}")
            yield Label(ctx.t("export_target"), id="target-label")
            yield Input(str(self.default(self.kind)), id="target", select_on_focus=False)
            yield Static(ctx.t("export_language", language=ctx.t("language_name")), id="language")
            yield Checkbox(ctx.t("export_highlight"), id="highlight")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static("", id="status")
            yield Static(ctx.t("export_keys"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#target", Input).focus()
        self._show_report_options()

    def _show_report_options(self) -> None:
        self.query_one("#highlight", Checkbox).display = self.kind in ("docx", "pdf")

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        kind = (event.pressed.id or "").removeprefix("kind-")
        if kind not in EXPORT_KINDS or kind == self.kind:
            return
        target = self.query_one("#target", Input)
        # A path the user typed is theirs; the suggested one follows the kind.
        if target.value.strip() == str(self.default(self.kind)):
            target.value = str(self.default(kind))
        self.kind = kind
        self._show_report_options()

    @on(Input.Submitted, "#target")
    def _submitted(self) -> None:
        self.action_start()

    # --- running -------------------------------------------------------------------

    def _lock(self, running: bool) -> None:
        self.running = running
        self.query_one("#kind", RadioSet).disabled = running
        self.query_one("#target", Input).disabled = running
        self.query_one("#highlight", Checkbox).disabled = running

    def action_start(self) -> None:
        if self.running:
            return
        ctx = self.ctx
        text = self.query_one("#target", Input).value.strip()
        if not text:
            self._failed(ctx.t("export_no_target"))
            return
        target = Path(text).expanduser()
        if self.kind == "pdf" and not ctx.project.can_write_pdf():
            self._failed(ctx.t("export_pdf_missing"))
            return
        existing = ctx.project.existing_export(self.kind, target)
        if not existing:
            self._start(target)
            return
        if self.kind == "csv":
            lines = [ctx.t("export_replace_files", count=len(existing))]
            lines += [path.name for path in existing]
        else:
            lines = [ctx.t("export_replace_file")]

        def confirmed(replace: bool | None) -> None:
            if replace:
                self._start(target)
            else:
                self.query_one("#target", Input).focus()

        title = ctx.t("export_replace", path=str(target))
        self.app.push_screen(ConfirmPreview(title, lines), confirmed)

    def _start(self, target: Path) -> None:
        ctx = self.ctx
        options: ReportOptions | TableOptions | QdpxOptions
        if self.kind in ("docx", "pdf"):
            coloured = self.query_one("#highlight", Checkbox).value
            options = ReportOptions(
                filters=self.filters, lang=ctx.lang, highlight="colour" if coloured else "none"
            )
        elif self.kind == "qdpx":
            options = QdpxOptions(check=True)
        else:
            options = TableOptions(filters=self.filters, lang=ctx.lang)
        self._lock(True)
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        status = self.query_one("#status", Static)
        status.remove_class("error")
        status.update(ctx.t("export_running"))
        self._export(self.kind, target, options)

    @work(thread=True, exclusive=True, group="export")
    def _export(
        self, kind: str, target: Path, options: ReportOptions | TableOptions | QdpxOptions
    ) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            written = self.ctx.project.export(kind, target, options, progress)
        except (CodebookError, OSError) as exc:
            self.app.call_from_thread(self._failed, self.ctx.error(exc))
            return
        self.app.call_from_thread(self._finished, written)

    def _progress(self, done: int, total: int) -> None:
        if self.is_attached:
            self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _finished(self, summary: ExportSummary) -> None:
        self.running = False
        self.written = summary.path
        # Said by the app, so it is seen even if the dialog was closed meanwhile.
        self.app.notify(self.ctx.t("export_done", path=str(summary.path)))
        report = summary.report
        if report is not None and report.differences:
            lines = "\n".join(d.line() for d in report.differences[:5])
            message = self.ctx.t("export_differences", count=len(report.differences))
            self.app.notify(f"{message}\n{lines}", severity="warning", timeout=30)
        if self.is_current:
            self.dismiss(summary.path)

    def _failed(self, message: str) -> None:
        if not self.is_attached:
            self.app.notify(message, severity="error")
            return
        self._lock(False)
        self.query_one("#progress", ProgressBar).display = False
        status = self.query_one("#status", Static)
        status.add_class("error")
        status.update(Text(message))
        self.notify(message, severity="error")
        self.query_one("#target", Input).focus()

    def action_cancel(self) -> None:
        if self.running:
            # The writer cannot be stopped halfway; it finishes (atomically) in moments.
            self.notify(self.ctx.t("export_wait"), severity="warning")
            return
        self.dismiss(None)


def open_export(app: App[Any]) -> None:
    """The export key: open the dialog, unless a dialog or text being edited has the keyboard.

    Raising ``SkipAction`` passes the key on, so ctrl+e keeps meaning "end of
    line" in the memo editor and the codebook's definition fields while they
    are edited (the transcript is a read-only ``TextArea``: it exports).
    """
    focused = app.focused
    editing = isinstance(focused, TextArea) and not focused.read_only
    if editing or isinstance(app.screen, ModalScreen):
        raise SkipAction()
    app.push_screen(ExportDialog())
