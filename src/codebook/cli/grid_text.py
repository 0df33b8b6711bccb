"""Count tables drawn as plain lines, in the box characters of rich's tables.

A co-occurrence table of 72 codes is some 6,000 cells; rich's ``Table``
measures and pads each cell as a renderable and takes over a second for it,
longer than counting the table. A count table needs none of that: every cell
is a short number, so the widths are known before drawing, and joining strings
draws it in milliseconds. The frame and the separators are rich's default
(``HEAVY_HEAD``), so the table looks and parses like every other listing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import zip_longest


def grid_lines(
    title: str,
    corner: str,
    headers: Sequence[str],
    labels: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    label_width: int,
    widths: Sequence[int],
) -> list[str]:
    """The lines of one table: the centred title, headers wrapped to their column's width,
    labels folded at ``label_width``, numbers right-aligned."""
    label_width = max(1, min(label_width, max((len(x) for x in [corner, *labels]), default=1)))
    all_widths = [label_width, *widths]
    head_cells = [
        _wrap(corner, label_width),
        *(_wrap(h, w) for h, w in zip(headers, widths, strict=True)),
    ]
    lines = [_rule("┏", "━", "┳", "┓", all_widths)]
    lines.extend(_row("┃", head_cells, all_widths, right_from=1))
    lines.append(_rule("┡", "━", "╇", "┩", all_widths))
    for label, row in zip(labels, rows, strict=True):
        cells = [_wrap(label, label_width), *([value] for value in row)]
        lines.extend(_row("│", cells, all_widths, right_from=1))
    lines.append(_rule("└", "─", "┴", "┘", all_widths))
    width = len(lines[0])
    return [title.center(width).rstrip(), *lines]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def _rule(left: str, line: str, cross: str, right: str, widths: Sequence[int]) -> str:
    return left + cross.join(line * (w + 2) for w in widths) + right


def _row(bar: str, cells: Sequence[list[str]], widths: Sequence[int], right_from: int) -> list[str]:
    """One table row, as many lines as its tallest cell takes."""
    out = []
    for parts in zip_longest(*cells, fillvalue=""):
        padded = (
            part.rjust(w) if i >= right_from else part.ljust(w)
            for i, (part, w) in enumerate(zip(parts, widths, strict=True))
        )
        out.append(bar + bar.join(f" {p} " for p in padded) + bar)
    return out
