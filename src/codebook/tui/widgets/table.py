"""A ``DataTable`` whose columns are as wide as their widest cell from the first frame.

Textual's ``DataTable`` sizes an automatic-width column later, when the table
next goes idle, yet caches every row it draws under a key that a width change
does not alter. When the screen repaints between rows arriving and that idle
moment (a result handed over by a worker on a busy machine, say), the rows
are drawn at the headers' widths and stay cut off ("point-01-c") until they
are redrawn for some other reason. ``FittedTable.fill`` measures the cells
itself and gives every column a fixed width, so no frame depends on that
ordering.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text
"""A cell's content: a plain string (never read as markup) or styled ``Text``."""


def as_text(cell: Cell) -> Text:
    return Text(cell, end="") if isinstance(cell, str) else cell


def cell_width(text: Text) -> int:
    """Terminal cells the widest line of ``text`` takes."""
    return max(cell_len(line) for line in text.plain.split("\n"))


def fitted_widths(headers: Sequence[Text], rows: Sequence[Sequence[Text]]) -> list[int]:
    """Per column, the width of its header or widest cell, whichever is wider."""
    widths = [cell_width(header) for header in headers]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], cell_width(cell))
    return widths


class FittedTable(DataTable[Any]):
    """Fill with ``fill``: columns get their final widths together with their rows."""

    def fill(
        self,
        headers: Sequence[Cell],
        rows: Sequence[Sequence[Cell]],
        *,
        row_keys: Sequence[str] | None = None,
        column_keys: Sequence[str] | None = None,
    ) -> None:
        """Replace columns and rows; the cursor goes back to the first row."""
        labels = [as_text(header) for header in headers]
        cells = [[as_text(cell) for cell in row] for row in rows]
        widths = fitted_widths(labels, cells)
        self.clear(columns=True)
        for index, label in enumerate(labels):
            key = None if column_keys is None else column_keys[index]
            self.add_column(label, width=widths[index], key=key)
        for index, row in enumerate(cells):
            self.add_row(*row, key=None if row_keys is None else row_keys[index])
