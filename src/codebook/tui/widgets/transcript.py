"""The transcript: one read-only ``TextArea`` that paints codings from an in-memory index.

Built for size: a 30,000-word interview with thousands of codings is one widget,
not one per turn. Only the rows on screen are rendered, and each asks the
``CodingIndex`` for the codings on its row, so drawing costs the same whatever
the document's length. Applying a code re-renders just the rows it touches.

A huge transcript (a million words) is not handed to ``TextArea`` whole: its
``Document`` and soft wrapping cost seconds for text nobody is looking at. The
widget holds a *window* of whole rows around the place shown (all of a normal
interview, so for those it changes nothing) and shifts it when scrolling comes
within a screen of its edge, keeping the line at the top of the screen in
place, or when a jump or selection goes outside it. Every public offset here
(``cursor_offset``, ``select_offsets``, ``reveal``, ...) is a document offset;
only ``TextArea``'s own rows are window rows, translated when painting. The
scrollbar covers the window; the status line tells where one is in the whole.

Left of the text is a margin: the turn's timecode (when the source had them)
and one stripe column per overlapping coding, so codes hidden under another
code's highlight stay visible. Speaker labels, already in the text, are drawn
bold in a colour per speaker.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from codebook.tui.navigation import Unit, containing, extend, move
from codebook.tui.transcript_model import TranscriptModel
from codebook.tui.widgets.transcript_rows import (
    TIMECODE_WIDTH,
    CountedWrappedDocument,
    gutter,
    gutter_width,
    paint_row,
)

WINDOW_CHARS = 250_000
"""About this much text is loaded into the ``TextArea`` at once: a 30,000-word
interview whole, a screen of a huge one in a few tens of milliseconds."""
WINDOW_ROWS = 2_500
"""At most this many rows, however short (each row costs a little to wrap and map)."""


class TranscriptView(TextArea):
    """Read-only transcript with coding highlights, a stripe margin and unit-wise movement."""

    DEFAULT_CSS = """
    TranscriptView {
        border: none;
        padding: 0 1 0 0;
        /* Always a scrollbar: its appearing would change the width and re-wrap the text. */
        overflow-y: scroll;
    }
    TranscriptView:focus {
        border: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,ctrl+right", "move('word', True)", "move_word_next", show=False),
        Binding("b,ctrl+left", "move('word', False)", "move_word_previous", show=False),
        Binding("W,ctrl+shift+right", "extend('word', True)", "extend_word_next", show=False),
        Binding("B,ctrl+shift+left", "extend('word', False)", "extend_word_previous", show=False),
        Binding(
            "right_square_bracket,alt+right",
            "move('sentence', True)",
            "move_sentence_next",
            show=False,
        ),
        Binding(
            "left_square_bracket,alt+left",
            "move('sentence', False)",
            "move_sentence_previous",
            show=False,
        ),
        Binding(
            "right_curly_bracket,alt+shift+right",
            "extend('sentence', True)",
            "extend_sentence_next",
            show=False,
        ),
        Binding(
            "left_curly_bracket,alt+shift+left",
            "extend('sentence', False)",
            "extend_sentence_previous",
            show=False,
        ),
        Binding("full_stop,alt+down", "move('turn', True)", "move_turn_next", show=False),
        Binding("comma,alt+up", "move('turn', False)", "move_turn_previous", show=False),
        Binding(
            "greater_than_sign,alt+shift+down",
            "extend('turn', True)",
            "extend_turn_next",
            show=False,
        ),
        Binding(
            "less_than_sign,alt+shift+up",
            "extend('turn', False)",
            "extend_turn_previous",
            show=False,
        ),
        Binding("s", "select_unit('sentence')", "select_sentence", show=False),
        Binding("t", "select_unit('turn')", "select_turn", show=False),
        # TextArea's own undo/redo edit the text; here they mean the project journal.
        Binding("ctrl+z", "screen.undo", "undo", show=False),
        Binding("ctrl+y", "screen.redo", "redo", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        # Set before TextArea.__init__, which already wraps (and so asks for gutter_width).
        self.model: TranscriptModel | None = None
        self._pending: TranscriptModel | None = None
        self._reveal: tuple[int, int] | None = None
        self._gutter_cells = 0
        self._timecode_cells = 0
        self._row_versions: dict[int, int] = {}
        self._epoch = 0
        self._rows_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        self._background_hex: str | None = None
        self._window = range(0)
        self._shift_pending = False
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            highlight_cursor_line=False,
            compact=True,
            id=id,
        )
        self.match_cursor_bracket = False

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._wrapped

    @wrapped_document.setter
    def wrapped_document(self, value: WrappedDocument) -> None:
        # TextArea builds a plain WrappedDocument whenever it loads text; give it
        # the constant-time height (same state, one overridden property).
        if type(value) is WrappedDocument:
            value.__class__ = CountedWrappedDocument
        self._wrapped = value

    # --- loading ---------------------------------------------------------------

    def show(self, model: TranscriptModel, reveal: tuple[int, int] | None = None) -> None:
        """Display a prepared document, once the widget has its width.

        Before the first layout the widget is 0 cells wide: loading the text then
        would wrap it (and paint its long rows) at width 0, and again at the real
        width a moment later. So it waits for the first ``Resize``. ``reveal``:
        offsets to select and scroll into view as soon as the text is shown.
        """
        self._reveal = reveal
        if self.size.width == 0:
            self._pending = model
            return
        self._display(model)

    def on_resize(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._display(pending)

    def _rewrap_and_refresh_virtual_size(self) -> None:
        # A resize that keeps the width (the height changed, or the text was just
        # loaded at this width by ``on_resize``) need not wrap all of it again.
        wrapped = self.wrapped_document
        if (
            isinstance(wrapped, CountedWrappedDocument)
            and wrapped.width == self.wrap_width
            and wrapped.width
        ):
            self._refresh_size()
            return
        super()._rewrap_and_refresh_virtual_size()

    def _display(self, model: TranscriptModel) -> None:
        self.model = model
        self._timecode_cells = TIMECODE_WIDTH if model.timecodes else 0
        self._gutter_cells = gutter_width(self._timecode_cells)
        self._window = range(0)
        reveal, self._reveal = self._reveal, None
        at = 0 if reveal is None else reveal[0]
        self._load_window(self._window_around(at, at))
        if reveal is not None:
            self.reveal(*reveal)

    # --- the window ----------------------------------------------------------------

    @property
    def window(self) -> range:
        """The document rows loaded into the ``TextArea`` (all of them for a normal interview)."""
        return self._window

    def _window_around(self, anchor: int, cursor: int) -> range:
        """Rows to load to show ``cursor``: a window around it, stretched to ``anchor``."""
        model = self.model
        assert model is not None
        offsets = model.offsets
        around = offsets.window(offsets.row_of(cursor), WINDOW_CHARS, WINDOW_ROWS)
        other = offsets.row_of(anchor)
        return range(min(around.start, other), max(around.stop, other + 1))

    def _load_window(self, rows: range) -> None:
        """Give ``TextArea`` the text of ``rows`` (the selection and scroll are the caller's)."""
        model = self.model
        assert model is not None
        offsets = model.offsets
        self._window = rows
        self._epoch += 1
        self._rows_cache.clear()
        if rows == range(offsets.rows):
            self.load_text(model.text)
        else:
            start, end = offsets.line_starts[rows.start], offsets.row_span(rows.stop - 1)[1]
            self.load_text(model.text[start:end])

    def _in_window(self, *offsets: int) -> bool:
        model = self.model
        assert model is not None
        return all(model.offsets.row_of(offset) in self._window for offset in offsets)

    def _location(self, offset: int) -> tuple[int, int]:
        """The window location of a document offset (which must lie in the window)."""
        model = self.model
        assert model is not None
        row, column = model.offsets.location(offset)
        return row - self._window.start, column

    def _offset(self, location: tuple[int, int]) -> int:
        model = self.model
        assert model is not None
        row, column = location
        return model.offsets.offset((row + self._window.start, column))

    def _shift(self, rows: range, anchor: int, cursor: int, top: tuple[int, int]) -> None:
        """Load ``rows``, select ``anchor..cursor``, scroll document location ``top`` to the top."""
        self._load_window(rows)
        self.selection = Selection(self._location(anchor), self._location(cursor))
        row, column = top
        if row not in rows:
            row, column = min(max(row, rows.start), rows.stop - 1), 0
        y = self.wrapped_document.location_to_offset((row - rows.start, column)).y
        self.scroll_to(y=y, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        model = self.model
        if model is not None and len(self._window) < model.offsets.rows and not self._shift_pending:
            self._shift_pending = True
            self.call_next(self._follow_scroll)

    def _follow_scroll(self) -> None:
        """Shift the window when the screen comes within a screen of its edge and there is more.

        Centred on the cursor while it is on screen; otherwise (scrolled away
        with the mouse) on the middle of the screen, and the cursor then moves
        to the top of the screen if the new window no longer holds it.
        """
        self._shift_pending = False
        model = self.model
        if model is None or not self.is_mounted:
            return
        wrapped = self.wrapped_document
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        window = self._window
        near_start = window.start > 0 and top < height
        near_end = window.stop < model.offsets.rows and top + 2 * height > wrapped.height
        if not (near_start or near_end):
            return
        top_section = self._section_at(top)
        if top_section is None:
            return
        top_at = (top_section[0] + window.start, top_section[1])
        anchor, cursor = self.anchor_offset, self.cursor_offset
        cursor_y = wrapped.location_to_offset(self.selection.end).y
        if top <= cursor_y < top + height:
            rows = self._window_around(anchor, cursor)
        else:
            middle = self._section_at(min(top + height // 2, wrapped.height - 1))
            row = window.start + (top_section if middle is None else middle)[0]
            rows = model.offsets.window(row, WINDOW_CHARS, WINDOW_ROWS)
            if not (model.offsets.row_of(anchor) in rows and model.offsets.row_of(cursor) in rows):
                anchor = cursor = model.offsets.offset(top_at)
        if rows != window:
            self._shift(rows, anchor, cursor, top_at)

    def swap_model(self, model: TranscriptModel) -> None:
        """New codings for the same text: keep cursor and scroll, repaint everything."""
        if self.model is None:
            self.show(model, self._reveal)  # not shown yet: still reveal what show() was given
            return
        self.model = model
        self.redraw()

    def redraw(self) -> None:
        """Forget every rendered row (the codings changed wholesale) and repaint."""
        self._epoch += 1
        self._rows_cache.clear()
        self.refresh()

    def redraw_range(self, start: int, end: int) -> None:
        """Repaint only the screen rows showing ``start..end``: applying a code stays cheap."""
        model = self.model
        if model is None:
            return
        rows = model.offsets.rows_of(start, end)
        versions = self._row_versions
        for row in rows:
            versions[row] = versions.get(row, 0) + 1
        window = self._window
        shown = range(max(rows.start, window.start), min(rows.stop, window.stop))
        if not shown:
            return
        wrapped = self.wrapped_document
        first = wrapped.location_to_offset((shown.start - window.start, 0)).y
        last_row = shown.stop - 1 - window.start
        last = wrapped.location_to_offset((last_row, len(self.document.get_line(last_row)))).y
        self.refresh_lines(first, last - first + 1)

    def notify_style_update(self) -> None:
        self._rows_cache.clear()
        super().notify_style_update()

    # --- offsets <-> selection -------------------------------------------------

    @property
    def cursor_offset(self) -> int:
        return 0 if self.model is None else self._offset(self.selection.end)

    @property
    def anchor_offset(self) -> int:
        return 0 if self.model is None else self._offset(self.selection.start)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as offsets (start < end), or None when nothing is selected."""
        a, b = sorted((self.anchor_offset, self.cursor_offset))
        return (a, b) if a < b else None

    def select_offsets(self, anchor: int, cursor: int) -> None:
        """Select document offsets; outside the window, the window moves to them.

        The cursor then keeps the screen row it had, so moving by a unit
        across the window's edge does not visibly jump.
        """
        model = self.model
        if model is None:
            return
        length = model.offsets.length
        anchor, cursor = max(0, min(anchor, length)), max(0, min(cursor, length))
        if not self._in_window(anchor, cursor):
            wrapped = self.wrapped_document
            screen_row = wrapped.location_to_offset(self.selection.end).y - self.scroll_offset.y
            screen_row = max(0, min(screen_row, self.scrollable_content_region.height - 1))
            rows = self._window_around(anchor, cursor)
            self._load_window(rows)
            self.selection = Selection(self._location(anchor), self._location(cursor))
            y = self.wrapped_document.location_to_offset(self.selection.end).y
            self.scroll_to(y=max(0, y - screen_row), animate=False, immediate=True)
            return
        self.selection = Selection(self._location(anchor), self._location(cursor))

    def move_to(self, offset: int) -> None:
        self.select_offsets(offset, offset)
        self.scroll_cursor_visible(center=True)

    def reveal(self, start: int, end: int) -> None:
        """Select ``start..end``, the cursor at its start, and scroll it into view.

        Centred when it fits on the screen; a longer passage shows from its first
        line (where the cursor is, so keeping the cursor in view keeps it there).
        """
        model = self.model
        if model is None:
            return
        self.select_offsets(end, start)
        wrapped = self.wrapped_document
        top = wrapped.location_to_offset(self._location(start)).y
        bottom = wrapped.location_to_offset(self._location(end)).y
        room = self.scrollable_content_region.height
        lines = bottom - top + 1
        y = top - (room - lines) // 2 if lines <= room else top
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    # --- movement by unit ------------------------------------------------------

    def action_move(self, unit: str, forward: bool) -> None:
        if self.model is None:
            return
        here = self.cursor_offset
        target = move(self.model.spans_near(Unit(unit), here), here, forward)
        self.select_offsets(target, target)

    def action_extend(self, unit: str, forward: bool) -> None:
        if self.model is None:
            return
        here = self.cursor_offset
        target = extend(self.model.spans_near(Unit(unit), here), here, forward)
        self.select_offsets(self.anchor_offset, target)

    def action_select_unit(self, unit: str) -> None:
        if self.model is None:
            return
        here = self.cursor_offset
        found = containing(self.model.spans_near(Unit(unit), here), here)
        if found is not None:
            self.select_offsets(*found)

    # --- rendering -------------------------------------------------------------

    @property
    def gutter_width(self) -> int:
        return self._gutter_cells

    def _background(self) -> str:
        """The widget's background as #RRGGBB, looked up once per repaint (it walks the DOM)."""
        if self._background_hex is None:
            self._background_hex = self.background_colors[1].hex
        return self._background_hex

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            # Its screen was just popped: Textual has dropped the widget's component
            # styles, which TextArea's theme needs, yet may ask for one last frame.
            return [Strip.blank(crop.width)] * crop.height
        self._background_hex = None  # the theme may have changed since the last repaint
        return super().render_lines(crop)

    def get_line(self, line_index: int) -> Text:
        """One window row, with speaker labels and coding highlights applied."""
        line = super().get_line(line_index)
        model = self.model
        if model is None:
            return line
        paint_row(line, model, line_index + self._window.start, self._background())
        return line

    def render_line(self, y: int) -> Strip:
        """One screen row, from a cache keyed on exactly what can change that row.

        TextArea's own cache keys every soft-wrapped row on the whole selection,
        so any cursor move re-renders the screen. Here a row is re-rendered only
        if the selection or cursor touches it, or its codings changed
        (``redraw_range`` bumps the row's version), or everything changed.
        """
        model = self.model
        if model is None:
            return super().render_line(y)
        visual_y = self.scroll_offset.y + y
        section = self._section_at(visual_y)
        row = -1 if section is None else section[0]
        selection = self.selection
        top, bottom = sorted((selection.start[0], selection.end[0]))
        key = (
            visual_y,
            row,
            self.size,
            self._epoch,
            self._row_versions.get(row + self._window.start, 0),
            selection if top <= row <= bottom else None,
            self.has_focus,
        )
        cached = self._rows_cache.get(key)
        if cached is not None:
            return cached
        strip = self._render_line(y)
        if self._gutter_cells:
            strip = Strip.join([self._gutter(section), strip])
        self._rows_cache[key] = strip
        return strip

    def _section_at(self, visual_y: int) -> tuple[int, int, int | None] | None:
        wrapped = self.wrapped_document
        if isinstance(wrapped, CountedWrappedDocument):
            return wrapped.section_at(visual_y)
        if visual_y >= wrapped.height:
            return None
        row, column = wrapped.offset_to_location(Offset(0, visual_y))
        breaks = [b for b in wrapped.get_offsets(row) if b > column]
        return row, column, breaks[0] if breaks else None

    def _gutter(self, section: tuple[int, int, int | None] | None) -> Strip:
        """Timecode (first row of a turn) and coding stripes for one screen row."""
        if section is not None:
            row, column, end_column = section
            section = row + self._window.start, column, end_column
        return gutter(self.model, section, self._background(), self._timecode_cells)
