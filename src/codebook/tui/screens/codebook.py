"""Codebook: browse the code tree, edit each code's fields, and revise the codebook.

The fields are those of a good qualitative codebook (MacQueen et al. 1998):
brief and full definition, when to use, when not to use, example, plus colour
and keywords. Revisions (rename, move, merge, split, retire, unretire, redefine)
are use cases of the project door; each is previewed in a modal that says
exactly what will change, applied with Enter, cancelled with Escape, and
undoable like any other action. They run in a worker: a merge
that moves thousands of codings never freezes the screen. The highlighted
code's history (h) and a comparison of two codebook versions (d) open
their own screens (``screens/code_history.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static, Tree
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.codebook import CodeItem
from codebook.domain.memos import MemoTarget, MemoView
from codebook.tui import revision_flow as revising
from codebook.tui.context import step_journal
from codebook.tui.memo_flow import memo_on
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.screens.code_history import (
    CodebookDiffScreen,
    CodeHistoryScreen,
    changed_field,
)
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.code_form import CodeForm, field_value
from codebook.tui.widgets.code_tree import CodeTreeView
from codebook.tui.widgets.keybar import KeyBar


class CodebookScreen(ProjectScreen):
    """The codebook tree with the highlighted code's fields beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_code(False)", "new_code"),
        Binding("a", "new_code(True)", "new_child"),
        Binding("e", "edit", "edit_fields"),
        Binding("ctrl+s", "save", "save_fields", show=False),
        Binding("r", "rename", "rename"),
        Binding("m", "move", "move"),
        Binding("g", "merge", "merge"),
        Binding("s", "split", "split"),
        Binding("x", "retire", "retire"),
        Binding("M", "memo", "memo"),
        Binding("h", "history", "history"),
        Binding("d", "compare_versions", "compare_versions", show=False),
        Binding("u", "unretire", "unretire", show=False),
        Binding("z,ctrl+z", "undo", "undo", show=False),
        Binding("Z,ctrl+y", "redo", "redo", show=False),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    CodebookScreen #title { height: 1; background: $primary-background; padding: 0 1; }
    CodebookScreen #topbar { height: 1; }
    CodebookScreen #awaiting { width: auto; padding: 0 1; color: $warning; }
    CodebookScreen #body { height: 1fr; }
    CodebookScreen CodeTreeView { width: 50; border-right: solid $primary-background; }
    CodebookScreen #form { width: 1fr; padding: 0 1; }
    CodebookScreen #form Label { margin-top: 1; text-style: bold; color: $accent; }
    CodebookScreen #form Input { border: tall $border-blurred; }
    CodebookScreen #form Input:focus { border: tall $border; }
    CodebookScreen #form TextArea { height: 5; }
    CodebookScreen #form #memos { margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[CodeItem] = []
        self.memos: dict[int, list[MemoView]] = {}
        self.awaiting_review: dict[int, int] = {}
        self.editing = False
        self._select_after_reload: int | None = None

    @property
    def code_tree(self) -> CodeTreeView:
        return self.query_one("#codes", CodeTreeView)

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        with Horizontal(id="topbar"):
            yield Static(escape(f"{self.project.name} · {ctx.t('codebook')}"), id="title")
            yield Static("", id="awaiting")
            yield BusyIndicator(id="busy")
        with Horizontal(id="body"):
            yield CodeTreeView(id="codes")
            yield CodeForm(id="form")
        yield KeyBar()

    def on_mount(self) -> None:
        self.code_tree.focus()
        self.reload()

    def changed_elsewhere(self) -> None:
        self.reload()

    # --- loading -----------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.caught_up()
        if select is not None:
            self._select_after_reload = select
        self._busy(True)
        self._load()

    def _busy(self, busy: bool) -> None:
        indicator = self.query_one(BusyIndicator)
        if busy:
            indicator.start()
        else:
            indicator.stop()

    @work(thread=True, exclusive=True, group="codebook-load")
    def _load(self) -> None:
        try:
            items = self.project.code_items(include_retired=True)
            memos = self.project.code_memos()
            awaiting = self.project.review_counts()
        except CodebookError as exc:
            self.app.call_from_thread(self._load_failed, self.ctx.error(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, items, memos, awaiting)

    def _load_failed(self, message: str) -> None:
        self._busy(False)
        self.notify(message, severity="error")

    def _loaded(
        self,
        items: list[CodeItem],
        memos: dict[int, list[MemoView]],
        awaiting: dict[int, int] | None = None,
    ) -> None:
        self.items = items
        self.memos = memos
        self.awaiting_review = awaiting or {}
        pins = {guid: slot for slot, guid in enumerate(self.ctx.pins.slots) if guid}
        tree = self.code_tree
        tree.load(items, pins)
        if self._select_after_reload is not None:
            tree.select_code(self._select_after_reload)
            self._select_after_reload = None
        self._stop_editing()
        self._busy(False)
        self.ready = True

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        if not self.editing:
            self._show_fields(self.code_tree.highlighted_item)

    def _show_fields(self, item: CodeItem | None) -> None:
        memos = [] if item is None else self.memos.get(item.id, [])
        self.query_one(CodeForm).show(item, memos)
        count = 0 if item is None else self.awaiting_review.get(item.id, 0)
        waiting = self.ctx.t("review_waiting", count=count) if count else ""
        self.query_one("#awaiting", Static).update(waiting)

    # --- editing fields ------------------------------------------------------------

    def action_edit(self) -> None:
        item = self.code_tree.highlighted_item
        if item is None or item.retired:
            return
        self.editing = True
        self.query_one(CodeForm).set_editable(True)
        self.notify(self.ctx.t("editing_hint"))

    def _stop_editing(self) -> None:
        self.editing = False
        self.query_one(CodeForm).set_editable(False)
        self._show_fields(self.code_tree.highlighted_item)

    def action_save(self) -> None:
        item = self.code_tree.highlighted_item
        if not self.editing or item is None:
            return
        changes = self.query_one(CodeForm).changes(item)
        if not changes:
            self._stop_editing()
            self.code_tree.focus()
            return
        lines: list[str | Text] = [
            changed_field(self.ctx.t("field_" + key), field_value(item, key), value)
            for key, value in changes.items()
        ]
        title = self.ctx.t("preview_redefine", code=item.path)
        self._confirm(
            title,
            lines,
            lambda project: project.redefine_code(item.id, changes),
            select=item.id,
        )

    def action_toggle_pin(self) -> None:
        """Pin (or unpin) the highlighted code to a number key for the coding screen."""
        item = self.code_tree.highlighted_item
        if item is None or item.retired:
            return
        pins = self.ctx.pins
        slot = pins.toggle(item.guid)
        pins.save()
        self._seen = self.ctx.changed()  # the coding screen redraws its pins when we go back
        self.code_tree.set_pins({g: n for n, g in enumerate(pins.slots) if g})
        if slot is None:
            self.notify(self.ctx.t("unpinned", code=item.name))
        else:
            self.notify(self.ctx.t("pinned", code=item.name, number=slot + 1))

    # --- memos --------------------------------------------------------------------

    def action_memo(self) -> None:
        """Write a memo on the highlighted code, or edit one of yours (retired codes too)."""
        item = self.code_tree.highlighted_item
        if item is None or self.editing:
            return
        target = MemoTarget("code", item.id, item.path, item.retired)
        memo_on(self, target, lambda: self.reload(select=item.id))

    # --- history ------------------------------------------------------------------

    def action_history(self) -> None:
        """The highlighted code's revisions (retired codes too: their history matters most)."""
        item = self.code_tree.highlighted_item
        if item is not None and not self.editing:
            self.app.push_screen(CodeHistoryScreen(item))

    def action_compare_versions(self) -> None:
        """Ask for two codebook versions, the previous and the current one typed in already."""
        if self.editing:
            return
        try:
            current = self.project.summary().codebook_version
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return

        def answered(text: str | None) -> None:
            if text is None:
                return
            versions = text.replace("-", " ").split()
            if len(versions) != 2 or not all(v.isdigit() for v in versions):
                self.notify(self.ctx.t("diff_versions_bad"), severity="warning")
                return
            self.app.push_screen(CodebookDiffScreen(int(versions[0]), int(versions[1])))

        title = self.ctx.t("diff_versions_title", current=current)
        self.app.push_screen(TextPrompt(title, f"{max(current - 1, 0)} {current}"), answered)

    # --- creating ----------------------------------------------------------------

    def action_new_code(self, as_child: bool) -> None:
        parent = self.code_tree.highlighted_item if as_child else None
        if as_child and (parent is None or parent.retired):
            return
        title = (
            self.ctx.t("new_child_title", parent=parent.name)
            if parent is not None
            else self.ctx.t("new_code_title")
        )

        def named(name: str | None) -> None:
            if name:
                self.create(name, None if parent is None else parent.id)

        self.app.push_screen(TextPrompt(title), named)

    def create(self, name: str, parent_id: int | None) -> None:
        ctx = self.ctx
        if ctx.coder_id is None:
            return
        try:
            new_id = self.project.create_code(name, parent_id)
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        ctx.changed()
        self.notify(ctx.t("code_created", code=name))
        self.reload(select=new_id)

    # --- revisions -----------------------------------------------------------------

    def _live(self) -> CodeItem | None:
        item = self.code_tree.highlighted_item
        if item is not None and item.retired:
            self.notify(self.ctx.t("code_is_retired", code=item.name), severity="warning")
            return None
        return item

    def _subtree(self, item: CodeItem) -> list[CodeItem]:
        """The code and everything below it (items are in depth-first order)."""
        start = self.items.index(item)
        out = [item]
        for other in self.items[start + 1 :]:
            if other.depth <= item.depth:
                break
            out.append(other)
        return out

    def action_rename(self) -> None:
        item = self._live()
        if item is None:
            return
        revising.rename(self, item, self._confirm)

    def action_move(self) -> None:
        item = self._live()
        if item is not None:
            revising.move(self, item, self.items, self._subtree(item), self._confirm)

    def action_merge(self) -> None:
        item = self._live()
        if item is not None:
            revising.merge(self, item, self.items, self._confirm)

    def action_split(self) -> None:
        item = self._live()
        if item is not None:
            revising.split(self, item, self._confirm)

    def action_retire(self) -> None:
        item = self._live()
        if item is not None:
            revising.retire(self, item, self._subtree(item), self._confirm)

    def action_unretire(self) -> None:
        item = self.code_tree.highlighted_item
        if item is not None and item.retired:
            revising.unretire(self, item, self._confirm)

    def _confirm(
        self,
        title: str,
        lines: Sequence[str | Text],
        change: revising.Change,
        select: int | None = None,
    ) -> None:
        """Show the preview; on Enter run the change in a worker, then reload."""

        def answered(ok: bool | None) -> None:
            if ok:
                self._busy(True)
                self._revise(change, select)
            elif self.editing:
                return
            else:
                self.notify(self.ctx.t("cancelled"))

        self.app.push_screen(ConfirmPreview(title, lines), answered)

    @work(thread=True, exclusive=True, group="codebook-revise")
    def _revise(self, change: revising.Change, select: int | None) -> None:
        try:
            summary = change(self.project).summary
        except CodebookError as exc:
            self.app.call_from_thread(self._revised, None, self.ctx.error(exc), select)
            return
        self.app.call_from_thread(self._revised, summary, None, select)

    def _revised(self, summary: str | None, error: str | None, select: int | None) -> None:
        if error is not None:
            self._busy(False)
            self.notify(error, severity="error")
            return
        self.ctx.changed()
        self.notify(self.ctx.t("revised", summary=summary))
        if self.editing:
            self._stop_editing()
            self.code_tree.focus()
        self.reload(select=select)

    # --- undo, back ----------------------------------------------------------------

    def action_undo(self) -> None:
        self._journal(redo=False)

    def action_redo(self) -> None:
        self._journal(redo=True)

    def _journal(self, redo: bool) -> None:
        if not self.editing and step_journal(self, redo):
            self.ctx.changed()
            self.reload()

    def action_back(self) -> None:
        if self.editing:
            self._stop_editing()
            self.code_tree.focus()
            return
        self.app.pop_screen()
