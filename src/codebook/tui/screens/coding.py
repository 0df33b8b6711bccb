"""Coding: the transcript beside the codebook, driven from the keyboard.

Select by word, sentence or turn (``TranscriptView``), then apply a code with a
number key (pinned codes), the palette, or the repeat key. Every write is one
call of the project door, a transaction that has *committed* before the screen
changes: what the screen shows as coded survives a killed terminal.

Only the rows a change touches are redrawn and the in-memory index is updated
in place, so applying a code costs a few milliseconds whatever the size of the
document. Reloads that may touch anything (undo, redo, a codebook revision
made elsewhere) run in a worker and never lose a coding applied meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, Tree
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.codebook import CodeItem
from codebook.domain.documents import DocumentData
from codebook.gc_pause import gc_paused
from codebook.tui.coding_index import Span
from codebook.tui.context import AppContext, step_journal
from codebook.tui.modals.choose import ChooseCoding
from codebook.tui.modals.memo import MemoEditor
from codebook.tui.modals.palette import CodePalette
from codebook.tui.navigation import trim
from codebook.tui.screens.adjusting import adjust_here
from codebook.tui.screens.coding_view import CodingView
from codebook.tui.text_edit_flow import edit_turn
from codebook.tui.transcript_model import TranscriptModel
from codebook.tui.widgets.busy import BusyIndicator
from codebook.tui.widgets.code_details import CodeDetails
from codebook.tui.widgets.code_tree import CodeTreeView
from codebook.tui.widgets.keybar import KeyBar
from codebook.tui.widgets.transcript import TranscriptView


@dataclass(frozen=True)
class Prepared:
    """A document read and indexed off the UI thread, ready to show."""

    model: TranscriptModel
    items: list[CodeItem]


def prepare(ctx: AppContext, document_id: int) -> Prepared:
    """Read the document, its codings and the codebook and build the model (call in a worker)."""
    with gc_paused():
        data: DocumentData = ctx.project.open_document(document_id)
        items = ctx.project.code_items()
        return Prepared(TranscriptModel(data, ctx.coder, ctx.show_others), items)


class CodingScreen(CodingView):
    """One document open for coding.

    Given ``prepared`` data (Home reads it in a worker before pushing the
    screen) the first frame already shows the coded transcript; without, the
    screen reads it in its own worker and shows a progress indicator meanwhile.
    Given a ``selection`` (offsets, as the quotes screen opens a quote), the
    transcript opens with that passage selected and in view; Escape then goes
    straight back, unless the selection was changed since.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"apply_pinned({n - 1})", "apply_pinned", show=False)
            for n in range(1, 10)
        ),
        Binding("c", "palette", "apply_code"),
        Binding("r", "repeat", "repeat_code"),
        Binding("x,delete", "remove", "remove_coding"),
        Binding("m", "memo", "memo"),
        Binding("a", "adjust", "adjust_edges", show=False),
        Binding("e", "edit_turn", "edit_turn"),
        Binding("n", "next_coding(True)", "next_coding"),
        Binding("N", "next_coding(False)", "previous_coding", show=False),
        Binding("u", "next_uncoded", "next_uncoded_turn"),
        Binding("g", "go_to_turn", "go_to_turn", show=False),
        Binding("f", "next_of_code(True)", "next_of_code", show=False),
        Binding("F", "next_of_code(False)", "previous_of_code", show=False),
        Binding("o", "toggle_others", "toggle_others"),
        *CodingView.KEYS,
        Binding("ctrl+b", "toggle_side", "toggle_side", show=False),
        Binding("z,ctrl+z", "undo", "undo"),
        Binding("Z,ctrl+y", "redo", "redo", show=False),
        Binding("escape", "back", "back"),
    ]
    DEFAULT_CSS = """
    CodingScreen #title {
        height: 1; background: $primary-background; padding: 0 1; text-style: bold;
    }
    CodingScreen #topbar { height: 1; background: $boost; }
    CodingScreen #pins { padding: 0 1; height: 1; width: 1fr; }
    CodingScreen #body { height: 1fr; }
    CodingScreen TranscriptView { width: 1fr; height: 1fr; }
    CodingScreen #side { width: 48; border-left: solid $primary-background; }
    CodingScreen CodeTreeView { height: 1fr; }
    CodingScreen #status { padding: 0 1; height: 1; background: $panel; }
    """

    def __init__(
        self,
        document_id: int,
        prepared: Prepared | None = None,
        selection: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.document_id = document_id
        self._prepared = prepared
        self.opened_at = selection
        self.model: TranscriptModel | None = None
        #: The text shown, to tell a reload after a text correction from one of codings only.
        self.transcript_text = ""
        self.items: list[CodeItem] = []
        self._last_range: tuple[int, int] | None = None
        self._changes = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        with Horizontal(id="topbar"):
            yield Static("", id="pins")
            # Not TranscriptView.loading: a covered widget has no size, so the text
            # would be wrapped twice more once it is uncovered.
            yield BusyIndicator(id="busy")
        with Horizontal(id="body"):
            yield TranscriptView(id="transcript")
            with Vertical(id="side"):
                yield CodeTreeView(id="tree")
                yield CodeDetails(id="details")
        yield Static("", id="status")
        yield KeyBar()

    # --- layout ------------------------------------------------------------------

    def on_resize(self) -> None:
        # Textual CSS has no media queries: on a narrow terminal the code panel
        # gives way first, so the transcript keeps a readable line length.
        self.query_one("#side").styles.width = min(48, max(24, self.size.width - 56))

    def action_toggle_side(self) -> None:
        side = self.query_one("#side")
        side.display = not side.display
        if not side.display:
            self.transcript.focus()

    # --- loading ---------------------------------------------------------------

    def on_mount(self) -> None:
        self.transcript.focus()
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            self._load(self._changes)
        else:
            self.query_one(BusyIndicator).stop()
            self._loaded(prepared.model, prepared.items, self._changes)

    def changed_elsewhere(self) -> None:
        # Back from a dialog of our own, nothing changed; back from the codebook
        # screen (a merge, an undo there), the codings and codes may have.
        self._load(self._changes)

    def _load(self, changes: int) -> None:
        self.query_one(BusyIndicator).start()
        self._read(changes)

    def _wrote(self) -> None:
        """After each write of ours: the in-memory model is already up to date."""
        self._changes += 1
        self._seen = self.ctx.changed()

    @work(thread=True, exclusive=True, group="coding-load")
    def _read(self, changes: int) -> None:
        """Read the document, its codings and the codebook; build the model off-thread."""
        try:
            prepared = prepare(self.ctx, self.document_id)
        except CodebookError as exc:
            self.app.call_from_thread(self._load_failed, self.ctx.error(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, prepared.model, prepared.items, changes)

    def _load_failed(self, message: str) -> None:
        self.query_one(BusyIndicator).stop()
        self.notify(message, severity="error")

    def _loaded(self, model: TranscriptModel, items: list[CodeItem], changes: int) -> None:
        if changes != self._changes:
            # A coding was applied or removed while we read: read again, never show stale data.
            self._load(self._changes)
            return
        first = self.model is None
        self.caught_up()
        self.model = model
        self.items = items
        if first:
            self.transcript.show(model, reveal=self.opened_at)
        elif model.raw_text != self.transcript_text:
            # The text was corrected (or the correction undone): show it anew, cursor kept.
            here = min(self.transcript.cursor_offset, len(model.text))
            self.transcript.show(model, reveal=(here, here))
        else:
            # Same text: keep the cursor and scroll, swap the codings.
            self.transcript.swap_model(model)
        self.transcript_text = model.raw_text
        self.query_one(BusyIndicator).stop()
        self.code_tree.load(items, self._pin_slots())
        self._show_pins()
        self._show_title()
        self._show_status()
        self.query_one(CodeDetails).show_code(self.code_tree.highlighted_item)
        self.ready = True

    @on(Tree.NodeSelected)
    def _code_selected(self, event: Tree.NodeSelected[int]) -> None:
        event.stop()
        if event.node.data is not None:
            self.apply_code(event.node.data)

    # --- applying ----------------------------------------------------------------

    def _target_range(self) -> tuple[int, int] | None:
        """The selection; with none, the range just coded while the cursor still sits at its end.

        That makes "1 then 2" code one passage with two codes without selecting twice.
        """
        view = self.transcript
        selected = view.selected_range()
        if selected is not None:
            return selected
        if self._last_range is not None and view.cursor_offset == self._last_range[1]:
            return self._last_range
        return None

    def apply_code(self, code_id: int) -> None:
        model = self.model
        ctx = self.ctx
        if model is None or ctx.coder_id is None:
            return
        target = self._target_range()
        if target is None:
            self.notify(ctx.t("select_first"), severity="warning")
            return
        start, end = trim(model.raw_text, *target)
        if start >= end:
            self.notify(ctx.t("select_first"), severity="warning")
            return
        existing = model.own_coding(code_id, start, end)
        if existing is not None:
            # The door would hand back this same coding; say so rather than seem to do nothing.
            self.notify(ctx.t("already_coded", code=existing.code_name), severity="warning")
            return
        try:
            view = self.project.code(model.document_id, code_id, start, end)
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        # Committed: only now does the screen show it.
        self._wrote()
        fresh = view.id not in model.codings
        model.add(view)
        ctx.last_code_id = code_id
        self._last_range = (start, end)
        transcript = self.transcript
        # Collapse the selection to its end without re-centring: a scroll would
        # repaint every row, and the coded text is already on screen.
        transcript.select_offsets(end, end)
        transcript.redraw_range(start, end)
        if fresh:
            self.code_tree.bump(code_id, 1)
        self._show_title()
        self._show_status()

    def action_apply_pinned(self, slot: int) -> None:
        guid = self.ctx.pins.at(slot)
        item = self._item_by_guid(guid) if guid else None
        if item is None or item.retired:
            self.notify(self.ctx.t("no_pin_for_key", number=slot + 1), severity="warning")
            return
        self.apply_code(item.id)

    def action_palette(self) -> None:
        if self.model is None:
            return

        def chosen(code_id: int | None) -> None:
            if code_id is not None:
                self.apply_code(code_id)

        self.app.push_screen(CodePalette(self.ctx.t("palette_title"), self.items), chosen)

    def action_repeat(self) -> None:
        code = self.ctx.last_code_id
        if code is None:
            self.notify(self.ctx.t("nothing_to_repeat"), severity="warning")
            return
        self.apply_code(code)

    # --- removing and memos -----------------------------------------------------

    def _mine_at_cursor(self) -> list[Span]:
        model = self.model
        if model is None:
            return []
        return [s for s in model.index.at(self.transcript.cursor_offset) if s.mine]

    def _choose(self, title: str, spans: Sequence[Span], then: Callable[[int], None]) -> None:
        if not spans:
            self.notify(self.ctx.t("no_coding_here"), severity="warning")
            return
        if len(spans) == 1:
            then(spans[0].id)
            return

        def chosen(coding_id: int | None) -> None:
            if coding_id is not None:
                then(coding_id)

        self.app.push_screen(ChooseCoding(title, [s.view for s in spans]), chosen)

    def action_remove(self) -> None:
        self._choose(self.ctx.t("choose_remove"), self._mine_at_cursor(), self.remove_coding)

    def remove_coding(self, coding_id: int) -> None:
        model = self.model
        ctx = self.ctx
        if model is None or ctx.coder_id is None:
            return
        try:
            self.project.uncode([coding_id])
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        self._wrote()
        removed = model.remove(coding_id)
        if removed is not None:
            self.transcript.redraw_range(removed.start, removed.end)
            self.code_tree.bump(removed.code_id, -1)
            self.notify(ctx.t("removed_coding", code=removed.code_name))
        self._last_range = None
        self._show_title()
        self._show_status()

    def action_adjust(self) -> None:
        adjust_here(self, self._adjusted)

    def _adjusted(self) -> None:
        self._last_range = None
        self._wrote()
        self._show_title()
        self._show_status()

    def action_memo(self) -> None:
        self._choose(self.ctx.t("choose_memo"), self._mine_at_cursor(), self._edit_memo)

    def _edit_memo(self, coding_id: int) -> None:
        model = self.model
        if model is None:
            return
        view = model.codings[coding_id]

        def saved(text: str | None) -> None:
            if text is not None:
                self.save_memo(coding_id, text)

        title = self.ctx.t("memo_title", code=view.code_name, start=view.start, end=view.end)
        self.app.push_screen(MemoEditor(title, view.note or ""), saved)

    def save_memo(self, coding_id: int, text: str) -> None:
        model = self.model
        ctx = self.ctx
        if model is None or ctx.coder_id is None:
            return
        try:
            self.project.set_coding_memo(coding_id, text or None)
        except CodebookError as exc:
            self.notify(self.ctx.error(exc), severity="error")
            return
        self._wrote()
        model.replace(replace(model.codings[coding_id], note=text or None))
        self.notify(ctx.t("memo_saved"))
        self._show_status()

    def action_edit_turn(self) -> None:
        model = self.model
        if model is None:
            return
        position = model.turn_at(self.transcript.cursor_offset)
        if position is None:
            return
        turn = model.turns[position]
        text = model.raw_text[turn.start : turn.end]
        edit_turn(self, self.document_id, position, turn, text, self._text_edited)

    def _text_edited(self) -> None:
        self._last_range = None
        self._wrote()
        self._load(self._changes)

    def action_undo(self) -> None:
        self._journal(redo=False)

    def action_redo(self) -> None:
        self._journal(redo=True)

    def _journal(self, redo: bool) -> None:
        if step_journal(self, redo):
            self._last_range = None
            self._wrote()
            self._load(self._changes)

    def action_back(self) -> None:
        view = self.transcript
        selected = view.selected_range()
        if selected is not None and selected != self.opened_at:
            view.move_to(view.cursor_offset)
            return
        self.app.pop_screen()
