"""Adjusting the edges of a coding, or of a selection before coding, by key.

A coding whose start or end is a word off is fixed where it is seen, without
removing and re-applying it (which would lose its memo and its place in the
journal). The edges move by character, word or sentence, shown live as the
transcript's selection; Enter writes the new range as one ``adjust`` call, so
one undo restores the old one, and Escape puts everything back.

While adjusting, a transparent screen owns the keys: the coding screen's own
keys (numbers, ``x``, ``z``...) cannot fire half-way, and the transcript below
stays visible with the preview on it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from codebook.domain import CodebookError
from codebook.tui.context import context_of
from codebook.tui.modals.choose import ChooseCoding
from codebook.tui.navigation import SpanList, Unit, next_end, next_start, previous_start, trim
from codebook.tui.screens.coding_view import CodingView
from codebook.tui.transcript_model import TranscriptModel
from codebook.tui.widgets.transcript import TranscriptView

#: Characters of text shown on each side of the moving edge (the cursor is hidden meanwhile).
CONTEXT_CHARACTERS = 14


class Edge(StrEnum):
    START = "start"
    END = "end"


@dataclass(frozen=True)
class Edges:
    """A range being adjusted and which of its edges the keys move."""

    start: int
    end: int
    active: Edge

    @property
    def moving(self) -> int:
        return self.start if self.active is Edge.START else self.end

    @property
    def fixed(self) -> int:
        return self.end if self.active is Edge.START else self.start


def previous_end(spans: SpanList, offset: int) -> int | None:
    """End of the last span ending before ``offset``."""
    ends = [end for _start, end in spans]
    pos = bisect_left(ends, offset)
    return ends[pos - 1] if pos > 0 else None


def stepped(edges: Edges, spans: SpanList | None, length: int, forward: bool) -> Edges:
    """The edges after moving the active one a unit (``spans``; None: one character).

    A start edge lands on unit starts and an end edge on unit ends, so a word
    is taken in or given up whole. An edge never reaches the other one nor
    leaves the text: such a step leaves the edges as they are.
    """
    here = edges.moving
    step = 1 if forward else -1
    if edges.active is Edge.START:
        if spans is None:
            target: int | None = here + step
        else:
            target = next_start(spans, here) if forward else previous_start(spans, here)
        if target is None or not 0 <= target < edges.end:
            return edges
        return replace(edges, start=target)
    if spans is None:
        target = here + step
    else:
        target = next_end(spans, here) if forward else previous_end(spans, here)
    if target is None or not edges.start < target <= length:
        return edges
    return replace(edges, end=target)


class AdjustEdges(ModalScreen[Edges | None]):
    """Adjust mode over the coding screen: returns the adjusted edges, or None on Escape.

    The preview is the transcript's own selection, its cursor on the moving
    edge; Escape restores the selection found on entering.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step('char', True)", "edge_char_forward"),
        Binding("left", "step('char', False)", "edge_char_back"),
        Binding("w,ctrl+right", "step('word', True)", "edge_word_forward"),
        Binding("b,ctrl+left", "step('word', False)", "edge_word_back"),
        Binding(
            "right_parenthesis,right_square_bracket",
            "step('sentence', True)",
            "edge_sentence_forward",
        ),
        Binding(
            "left_parenthesis,left_square_bracket",
            "step('sentence', False)",
            "edge_sentence_back",
        ),
        Binding("tab,shift+tab", "other_edge", "other_edge"),
        Binding("enter", "apply", "apply"),
        Binding("escape", "cancel", "cancel"),
    ]
    DEFAULT_CSS = """
    AdjustEdges { background: $background 0%; align: left bottom; }
    AdjustEdges > Vertical { height: 2; dock: bottom; }
    AdjustEdges #adjust-status { height: 1; padding: 0 1; background: $warning-muted; }
    AdjustEdges #adjust-keys {
        height: 1; padding: 0 1; background: $footer-background; color: $footer-foreground;
    }
    """

    def __init__(
        self, transcript: TranscriptView, model: TranscriptModel, what: str, edges: Edges
    ) -> None:
        super().__init__()
        self.transcript = transcript
        self.model = model
        self.what = what
        self.edges = edges
        self._entered = (transcript.anchor_offset, transcript.cursor_offset)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="adjust-status")
            yield Static(escape(context_of(self).t("adjust_keys")), id="adjust-keys")

    def on_mount(self) -> None:
        self._preview()

    def _preview(self) -> None:
        edges = self.edges
        view = self.transcript
        view.select_offsets(edges.fixed, edges.moving)
        view.scroll_cursor_visible()
        ctx = context_of(self)
        words = self.model.words_in(edges.start, edges.end)
        text = self.model.text
        here = edges.moving
        before = text[max(0, here - CONTEXT_CHARACTERS) : here]
        after = text[here : here + CONTEXT_CHARACTERS]
        status = ctx.t(
            "adjust_status",
            what=self.what,
            edge=ctx.t("adjust_start_edge" if edges.active is Edge.START else "adjust_end_edge"),
            words=ctx.t("adjust_word" if words == 1 else "adjust_words", count=words),
            context=f"…{before}┃{after}…".replace("\n", "⏎"),
        )
        self.query_one("#adjust-status", Static).update(escape(status))

    def action_step(self, unit: str, forward: bool) -> None:
        spans = None if unit == "char" else self.model.spans_near(Unit(unit), self.edges.moving)
        self.edges = stepped(self.edges, spans, len(self.model.text), forward)
        self._preview()

    def action_other_edge(self) -> None:
        other = Edge.END if self.edges.active is Edge.START else Edge.START
        self.edges = replace(self.edges, active=other)
        self._preview()

    def action_apply(self) -> None:
        self.dismiss(self.edges)

    def action_cancel(self) -> None:
        self.transcript.select_offsets(*self._entered)
        self.dismiss(None)


def nearer_edge(start: int, end: int, offset: int) -> Edge:
    """The edge the cursor is closer to: the one the analyst most likely came to fix."""
    return Edge.START if offset - start < end - offset else Edge.END


def adjust_here(screen: CodingView, done: Callable[[], None]) -> None:
    """Adjust what ``a`` points at: a selection, else one of the coder's codings at the cursor.

    A selection that is exactly one of the coder's codings (as opening a quote
    selects it) means that coding. ``done`` runs after an adjustment committed.
    """
    model = screen.model
    ctx = screen.ctx
    if model is None or ctx.coder_id is None:
        return
    view = screen.transcript
    here = view.cursor_offset
    selected = view.selected_range()
    under = model.index.at(here)
    mine = [s for s in under if s.mine]
    if selected is not None:
        exact = [s for s in mine if (s.start, s.end) == selected]
        if not exact:
            edges = Edges(*selected, Edge.START if here == selected[0] else Edge.END)
            screen.app.push_screen(AdjustEdges(view, model, ctx.t("adjust_selection"), edges))
            return
        mine = exact
    if not mine:
        key = "adjust_only_own" if under else "adjust_what"
        screen.notify(ctx.t(key), severity="warning")
        return
    if len(mine) == 1:
        _adjust_coding(screen, mine[0].id, done)
        return

    def chosen(coding_id: int | None) -> None:
        if coding_id is not None:
            _adjust_coding(screen, coding_id, done)

    screen.app.push_screen(ChooseCoding(ctx.t("choose_adjust"), [s.view for s in mine]), chosen)


def _adjust_coding(screen: CodingView, coding_id: int, done: Callable[[], None]) -> None:
    model = screen.model
    if model is None or coding_id not in model.codings:
        return
    coding = model.codings[coding_id]
    view = screen.transcript
    edges = Edges(
        coding.start, coding.end, nearer_edge(coding.start, coding.end, view.cursor_offset)
    )

    def finished(result: Edges | None) -> None:
        if result is None:
            return
        # Applied: the range is drawn as the coding now, the cursor left where the edge went.
        view.select_offsets(result.moving, result.moving)
        if (result.start, result.end) != (coding.start, coding.end):
            write_adjustment(screen, coding_id, result.start, result.end, done)

    screen.app.push_screen(AdjustEdges(view, model, coding.code_name, edges), finished)


def write_adjustment(
    screen: CodingView, coding_id: int, start: int, end: int, done: Callable[[], None]
) -> None:
    """Write the new range (one undoable action) and show it in place: no reload."""
    model = screen.model
    ctx = screen.ctx
    if model is None or coding_id not in model.codings:
        return
    start, end = trim(model.raw_text, start, end)
    if start >= end:
        screen.notify(ctx.t("adjust_empty"), severity="warning")
        return
    before = model.codings[coding_id]
    if (start, end) == (before.start, before.end):
        return  # only whitespace was taken in: an action that changes nothing would cost an undo
    try:
        adjusted = ctx.project.adjust(coding_id, start, end)
    except CodebookError as exc:
        screen.notify(context_of(screen).error(exc), severity="error")
        return
    old = model.remove(coding_id)
    model.add(adjusted)
    if old is not None:
        screen.transcript.redraw_range(min(old.start, start), max(old.end, end))
    done()
    screen.notify(ctx.t("coding_adjusted", code=adjusted.code_name))
