"""How one transcript row is painted: its speaker label and codings, and its margin.

Kept apart from the widget, which is about which rows are loaded and where
the cursor is; here a row is a document row, whatever window shows it.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.document._wrapped_document import WrappedDocument
from textual.strip import Strip

from codebook.tui import colors
from codebook.tui.transcript_model import TranscriptModel

STRIPES = 5
TIMECODE_WIDTH = 8


class CountedWrappedDocument(WrappedDocument):
    """A ``WrappedDocument`` whose height is O(1).

    Textual sums the sections of every line to get the height, and asks for it
    for every rendered row: over a thousand long lines that is most of the cost
    of drawing a screen. The number of entries in the offset-to-line table is
    the same number, already counted.
    """

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)

    @property
    def width(self) -> int:
        """The width the text was last wrapped at."""
        return self._width

    def section_at(self, y: int) -> tuple[int, int, int | None] | None:
        """(row, first column, end column or None) of screen line ``y``, in O(1).

        ``offset_to_location`` answers the same but re-divides the whole row's
        text on every call, which for long turns cost more than drawing them.
        """
        if not 0 <= y < len(self._offset_to_line_info):
            return None
        row, section = self._offset_to_line_info[y]
        breaks = self._wrap_offsets[row]
        start = breaks[section - 1] if section else 0
        end = breaks[section] if section < len(breaks) else None
        return row, start, end


def paint_row(line: Text, model: TranscriptModel, row: int, background: str) -> None:
    """Speaker labels bold in their colour; own codings highlighted, others' underlined."""
    for start, end, speaker in model.speaker_labels(row):
        line.stylize(colors.speaker(speaker), start, end)
    spans = model.index.in_row(row)
    if not spans:
        return
    row_start, row_end = model.offsets.row_span(row)
    for span in spans:
        begin = max(span.start, row_start) - row_start
        finish = min(span.end, row_end) - row_start
        if finish <= begin:
            continue
        style = (
            colors.highlight(span.view.color, background)
            if span.mine
            else colors.underline(span.view.color, background)
        )
        line.stylize(style, begin, finish)


def gutter_width(timecode_cells: int) -> int:
    return timecode_cells + STRIPES + 1


def gutter(
    model: TranscriptModel | None,
    section: tuple[int, int, int | None] | None,
    background: str,
    timecode_cells: int,
) -> Strip:
    """The margin of one screen line: the turn's timecode on its first line, then one
    stripe column per overlapping coding. ``section``: (document row, first column,
    end column or None) of the screen line."""
    base = Style(bgcolor=colors.parse(background).rich_color)
    width = gutter_width(timecode_cells)
    if model is None or section is None:
        return Strip([Segment(" " * width, base)], width)
    row, column, end_column = section
    row_start, row_end = model.offsets.row_span(row)
    seg_start = row_start + column
    seg_end = row_end if end_column is None else row_start + end_column
    seg_end = max(seg_end, seg_start + 1)  # an empty row still shows codings across it
    segments: list[Segment] = []
    if timecode_cells:
        stamp = model.timecode(row) if column == 0 else ""
        segments.append(Segment(f"{stamp:>{timecode_cells - 1}} ", base + Style(dim=True)))
    cells: list[Segment] = [Segment(" ", base)] * STRIPES
    for span in model.index.in_row(row):
        if span.start < seg_end and span.end > seg_start:
            lane = min(span.lane, STRIPES - 1)
            mark = "▌" if span.mine else "╎"
            if span.lane >= STRIPES - 1 and cells[lane].text.strip():
                mark = "+"
            cells[lane] = Segment(mark, colors.stripe(span.view.color, background))
    segments.extend(cells)
    segments.append(Segment(" ", base))
    return Strip(segments, width)
