"""A code's revision history, and what changed in the codebook between two versions.

Coders who apply a code months after it was defined need to know what it
meant then and what it means now: a redefinition silently shifts what earlier
codings stand for. Every revision stored a snapshot of the codebook, so the
history and any diff are reads through the door. Changed definitions are
shown word by word (deleted words struck through in red, inserted ones
underlined in green), never cut, because the one changed word may be at the
end of a long definition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from codebook.domain import CodebookError
from codebook.domain.action_texts import action_text
from codebook.domain.codebook import CodeItem
from codebook.domain.history import CodebookDiff, HistoryEntry, WordChange, word_changes
from codebook.tui.labels import LABELS
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.table import FittedTable

DELETED = "strike red"
INSERTED = "underline green"
_STYLES = {"equal": "", "delete": DELETED, "insert": INSERTED}

Translate = Callable[..., str]


def marked_words(changes: Sequence[WordChange]) -> Text:
    """The new text with the old words it lost kept in place, each run styled by what it is."""
    text = Text()
    for change in changes:
        text.append(change.text, style=_STYLES[change.op])
    return text


def changed_field(label: str, old: str, new: str, indent: str = "") -> Text:
    """One field's label, then its whole text with the changed words marked."""
    text = Text(f"{indent}{label}: ", style="bold")
    text.append_text(marked_words(word_changes(old, new)))
    return text


def _kind(t: Translate, prefix: str, kind: str) -> str:
    """A revision or diff kind as a word of the user's language; an unknown one as stored."""
    key = f"{prefix}_{kind}"
    return t(key) if key in LABELS["en"] else kind


def diff_text(diff: CodebookDiff, t: Translate, lang: str) -> Text:
    """Every change between two codebook versions, definitions word by word."""
    if not diff.entries:
        return Text(t("no_changes"), style="dim")
    lines: list[Text] = []
    for entry in diff.entries:
        head = Text(f"{_kind(t, 'diff', entry.kind)}: ", style="bold")
        head.append(entry.path)
        if entry.detail:
            head.append(f" {action_text(entry.detail, lang)}", style="dim")
        lines.append(head)
        lines.extend(
            changed_field(t(f"field_{change.field}"), change.old, change.new, indent="  ")
            for change in entry.fields
        )
    return Text("\n").join(lines)


class CodeHistoryScreen(ProjectScreen):
    """The revisions that touched one code, oldest first; below, what the highlighted one did."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_changes", "show_changes"),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    CodeHistoryScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    CodeHistoryScreen #topbar { height: 1; }
    CodeHistoryScreen #revisions { height: 1fr; }
    CodeHistoryScreen #changes-box { height: 1fr; border-top: solid $primary-background; }
    CodeHistoryScreen #changes { padding: 0 1; }
    """

    def __init__(self, code: CodeItem) -> None:
        super().__init__()
        self.code = code
        self.entries: list[HistoryEntry] = []
        self.shown: int | None = None
        """The version whose changes the panel shows."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self.ctx.t("history_title", code=self.code.path), id="title", markup=False)
            yield BusyIndicator(id="busy")
        yield FittedTable(id="revisions", cursor_type="row")
        with VerticalScroll(id="changes-box"):
            yield Static("", id="changes")
        yield KeyBar()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#revisions", FittedTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.changed_elsewhere()

    def changed_elsewhere(self) -> None:
        self.caught_up()
        self.query_one(BusyIndicator).start()
        self._load(self.new_request())

    @work(thread=True, exclusive=True, group="code-history")
    def _load(self, number: int) -> None:
        try:
            entries = self.project.codebook_history(self.code.id)
        except CodebookError as exc:
            self.app.call_from_thread(self._failed, self.ctx.error(exc))
            return
        self.app.call_from_thread(self._loaded, number, entries)

    def _failed(self, message: str) -> None:
        self.query_one(BusyIndicator).stop()
        self.notify(message, severity="error")

    def _loaded(self, number: int, entries: list[HistoryEntry]) -> None:
        if not self.is_newest(number):
            return
        self.query_one(BusyIndicator).stop()
        self.entries = entries
        t = self.ctx.t
        rows: list[list[str | Text]] = [
            [
                Text(f"v{e.version}", style="bold"),
                e.created_at.strftime("%Y-%m-%d %H:%M"),
                e.coder,
                _kind(t, "revision", e.kind),
                action_text(e.summary, self.ctx.lang),
                e.reason,
            ]
            for e in entries
        ]
        columns = ["col_version", "col_when", "col_coder", "col_kind", "col_what", "col_reason"]
        self.table.fill([t(c) for c in columns], rows)
        self.ready = True
        if not entries:
            self.query_one("#changes", Static).update(Text(t("no_revisions"), style="dim"))
            return
        self.table.move_cursor(row=len(entries) - 1)
        self.action_show_changes()

    @on(DataTable.RowHighlighted, "#revisions")
    def _highlighted(self) -> None:
        self.action_show_changes()

    @on(DataTable.RowSelected, "#revisions")
    def _selected(self) -> None:
        """Enter on a revision: its changes, with the focus there to scroll a long one."""
        self.action_show_changes()
        self.query_one("#changes-box").focus()

    def action_show_changes(self) -> None:
        """What the highlighted revision changed: the codebook before it against after it."""
        row = self.table.cursor_row
        if not 0 <= row < len(self.entries):
            return
        version = self.entries[row].version
        if version == self.shown:
            return
        self.shown = version
        self._changes(version)

    @work(thread=True, exclusive=True, group="code-history-diff")
    def _changes(self, version: int) -> None:
        try:
            diff = self.project.codebook_diff(version - 1, version)
        except CodebookError as exc:
            self.app.call_from_thread(self._failed, self.ctx.error(exc))
            return
        self.app.call_from_thread(self._changes_read, version, diff)

    def _changes_read(self, version: int, diff: CodebookDiff) -> None:
        if version == self.shown and self.is_attached:
            self.query_one("#changes", Static).update(diff_text(diff, self.ctx.t, self.ctx.lang))

    def action_back(self) -> None:
        self.app.pop_screen()


class CodebookDiffScreen(ProjectScreen):
    """Everything that changed in the codebook from one version to another."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "back")]
    DEFAULT_CSS = """
    CodebookDiffScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    CodebookDiffScreen #changes-box { height: 1fr; }
    CodebookDiffScreen #changes { padding: 0 1; }
    """

    def __init__(self, old: int, new: int) -> None:
        super().__init__()
        self.old = old
        self.new = new

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        with VerticalScroll(id="changes-box"):
            yield Static("", id="changes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#changes-box").focus()
        self.changed_elsewhere()

    def changed_elsewhere(self) -> None:
        self.caught_up()
        self._load(self.new_request())

    @work(thread=True, exclusive=True, group="codebook-diff")
    def _load(self, number: int) -> None:
        try:
            diff = self.project.codebook_diff(self.old, self.new)
        except CodebookError as exc:
            self.app.call_from_thread(self._failed, self.ctx.error(exc))
            return
        self.app.call_from_thread(self._loaded, number, diff)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error")
        self.app.pop_screen()

    def _loaded(self, number: int, diff: CodebookDiff) -> None:
        if not self.is_newest(number):
            return
        t = self.ctx.t
        title = t("diff_title", old=diff.old_version, new=diff.new_version, count=len(diff.entries))
        self.query_one("#title", Static).update(title)
        self.query_one("#changes", Static).update(diff_text(diff, t, self.ctx.lang))
        self.ready = True

    def action_back(self) -> None:
        self.app.pop_screen()
