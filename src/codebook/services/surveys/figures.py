"""The report's charts of questionnaire items and coded segments, as PNG bytes for Word.

Each chart is drawn on its own ``matplotlib.figure.Figure`` with the Agg
canvas, never through pyplot: pyplot keeps global state (the current figure,
a GUI backend chosen from the environment), which is neither thread-safe nor
able to run on a server without a display. The figures are 16 cm wide, the
text width of an A4 page with 2.5 cm margins, and rendered at 200 dpi, so
they are embedded at their own size and the 8-point fonts print at 8 points.

Colours are colour-blind safe: the Likert bars diverge from a grey neutral
into oranges (disagreeing) and blues (agreeing); groups get the Okabe-Ito
palette. Answer labels come from the data (Dutch in the study); the few words
of the charts themselves come from ``WORDS``.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from codebook.domain.surveys import ItemCounts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 200
WIDTH_INCHES = 16 / 2.54
FONT_SIZE = 8
BAR_INCHES = 0.3
NEGATIVE = ("#E66100", "#FDB863")  # strong, mild disagreement
NEUTRAL = "#BDBDBD"
POSITIVE = ("#92C5DE", "#0571B0")  # mild, strong agreement
GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_WRAP = 48
_HEADING_WRAP = 80
_LINE, _BAR, _GAP = 0.6, 0.8, 0.4  # heights in a bar chart's data units

WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {"percent": "% of respondents", "segments": "coded segments"},
    "nl": {"percent": "% van de respondenten", "segments": "gecodeerde segmenten"},
}


def words(lang: str) -> Mapping[str, str]:
    """The charts' own words in ``lang`` (English for a language without a table)."""
    return WORDS.get(lang, WORDS["en"])


def likert_figure(items: Sequence[ItemCounts], split: bool, lang: str) -> bytes:
    """Diverging stacked bars centred on the neutral label: one bar per item, or per item x group.

    Disagreement extends left of zero and agreement right, so items compare at
    a glance; the neutral share straddles zero. A single item's text is left
    to the caption; several items get their text above their bars.
    """
    labels = items[0].item.labels
    bars = _bars(items, split)
    figure, axes = _figure(len(bars) + _headings(items, split), legend_rows=1)
    colours = _likert_colours(len(labels))
    negative, neutral = len(labels) // 2, len(labels) % 2 == 1
    positions = _positions(items, split)
    for y, (_, counts) in zip(positions, bars, strict=True):
        total = sum(counts) or 1
        shares = [100 * c / total for c in counts]
        left = -sum(shares[:negative]) - (shares[negative] / 2 if neutral else 0)
        for k, share in enumerate(shares):
            axes.barh(
                y,
                share,
                left=left,
                height=0.7,
                color=colours[k],
                edgecolor="white",
                linewidth=0.5,
                label=labels[k] if y == positions[0] else None,
            )
            if share >= 6:
                shade = "white" if colours[k] in (NEGATIVE[0], POSITIVE[1]) else "black"
                axes.text(
                    left + share / 2,
                    y,
                    f"{share:.0f}",
                    ha="center",
                    va="center",
                    fontsize=FONT_SIZE - 1,
                    color=shade,
                )
            left += share
    axes.axvline(0, color="#404040", linewidth=0.8, zorder=0.5)
    axes.set_xlim(-100, 100)
    axes.set_xticks(range(-100, 101, 25))
    axes.set_xticklabels([f"{abs(t)}%" for t in range(-100, 101, 25)])
    _finish(axes, positions, [tick for tick, _ in bars], items, split)
    axes.set_xlabel(words(lang)["percent"], fontsize=FONT_SIZE)
    _legend(figure, len(labels))
    return _png(figure, items)


def bar_figure(items: Sequence[ItemCounts], split: bool, lang: str) -> bytes:
    """Bars of the percentage of respondents per label (yes/no, choice); grouped when split.

    Each item is a block of bars, one per label, with one coloured bar per
    group when split; the groups' n are in the legend.
    """
    headings = [_bar_heading(counts, split, several=len(items) > 1) for counts in items]
    extent = sum(
        _LINE * _lines(heading)
        + _BAR
        + len(c.item.labels) * ((len(c.groups) if split else 1) * _BAR + _GAP)
        for c, heading in zip(items, headings, strict=True)
    )
    figure, axes = _figure(extent * 0.75, legend_rows=1 if split else 0)
    ticks: list[tuple[float, str]] = []
    y = -_BAR / 2
    for counts, heading in zip(items, headings, strict=True):
        y += _LINE * _lines(heading)
        axes.text(0, y, heading, fontsize=FONT_SIZE, fontweight="bold", va="bottom")
        y += _BAR
        width = len(counts.groups) if split else 1
        series = _series(counts, split)
        for k, label in enumerate(counts.item.labels):
            ticks.append((y + (width - 1) * _BAR / 2, label))
            for g, (name, values) in enumerate(series):
                share = 100 * values[k] / (sum(values) or 1)
                axes.barh(
                    y + g * _BAR,
                    share,
                    height=_BAR * 0.95,
                    color=GROUP_COLOURS[g % len(GROUP_COLOURS)] if split else "#0072B2",
                    label=name if split and counts is items[0] and k == 0 else None,
                )
                axes.text(
                    share + 1, y + g * _BAR, f"{share:.0f}%", va="center", fontsize=FONT_SIZE - 1
                )
            y += width * _BAR + _GAP
    axes.set_xlim(0, 110)
    axes.set_xticks(range(0, 101, 25))
    axes.set_xticklabels([f"{t}%" for t in range(0, 101, 25)])
    axes.set_xlabel(words(lang)["percent"], fontsize=FONT_SIZE)
    axes.set_yticks([t for t, _ in ticks], [label for _, label in ticks])
    axes.set_ylim(y - _GAP, -_BAR / 2)
    if split:
        _legend(figure, len(items[0].groups))
    return _png(figure, items)


def segments_figure(
    theme: str, groups: Sequence[str], counts: Mapping[str, Sequence[int]], lang: str
) -> bytes:
    """Coded segments of a theme's codes per group: one row per code, one bar per group.

    ``counts[code][g]`` is the number of segments coded ``code`` in documents
    of group ``groups[g]``, as in a count table of the theme.
    """
    from matplotlib.ticker import MaxNLocator

    codes = list(counts)
    height = _BAR
    step = len(groups) * height + 1.5 * _GAP
    figure, axes = _figure(len(codes) * step * 0.75, legend_rows=1)
    for g, group in enumerate(groups):
        ys = [i * step + g * height for i in range(len(codes))]
        values = [counts[code][g] for code in codes]
        axes.barh(
            ys,
            values,
            height=height * 0.95,
            label=group,
            color=GROUP_COLOURS[g % len(GROUP_COLOURS)],
        )
        for y, value in zip(ys, values, strict=True):
            axes.text(value, y, f" {value}", va="center", fontsize=FONT_SIZE - 1)
    axes.set_yticks(
        [i * step + (len(groups) - 1) * height / 2 for i in range(len(codes))],
        [_wrap(code, 36) for code in codes],
    )
    axes.invert_yaxis()
    axes.margins(x=0.12)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(words(lang)["segments"], fontsize=FONT_SIZE)
    _legend(figure, min(len(groups), 6))
    return _render(figure, theme)


def _bars(items: Sequence[ItemCounts], split: bool) -> list[tuple[str, tuple[int, ...]]]:
    """(tick label, counts per label) of every bar, top to bottom."""
    bars: list[tuple[str, tuple[int, ...]]] = []
    for counts in items:
        if split:
            bars.extend(_series(counts, split))
        elif len(items) > 1:
            bars.append((f"{_wrap(counts.item.text)}\n(n = {counts.n()})", counts.merged()))
        else:
            bars.append((f"n = {counts.n()}", counts.merged()))
    return bars


def _bar_heading(counts: ItemCounts, split: bool, several: bool) -> str:
    """The bold line above an item's bars: its text when there are several, n when merged."""
    text = _wrap(counts.item.text, _HEADING_WRAP) if several else ""
    if split:
        return text
    return f"{text}{' ' if text else ''}(n = {counts.n()})"


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _series(counts: ItemCounts, split: bool) -> list[tuple[str, tuple[int, ...]]]:
    """(name with n, counts per label) per group, or of all groups together when merged."""
    if not split:
        return [(f"n = {counts.n()}", counts.merged())]
    return [
        (f"{group} (n = {counts.n(group)})", row)
        for group, row in zip(counts.groups, counts.counts, strict=True)
    ]


def _headings(items: Sequence[ItemCounts], split: bool) -> int:
    return len(items) if split and len(items) > 1 else 0


def _positions(items: Sequence[ItemCounts], split: bool) -> list[float]:
    """The y of every bar; when split, each item's groups are a block under its heading."""
    if not split:
        return [float(i) for i in range(len(items))]
    positions: list[float] = []
    y = 1.0 if len(items) > 1 else 0.0
    for counts in items:
        positions.extend(y + g for g in range(len(counts.groups)))
        y += len(counts.groups) + (1 if len(items) > 1 else 0)
    return positions


def _finish(
    axes: Axes,
    positions: Sequence[float],
    ticks: Sequence[str],
    items: Sequence[ItemCounts],
    split: bool,
) -> None:
    axes.set_yticks(list(positions), list(ticks))
    if _headings(items, split):
        y = 0.0
        for counts in items:
            axes.text(
                -100,
                y,
                _wrap(counts.item.text, _HEADING_WRAP),
                fontsize=FONT_SIZE,
                fontweight="bold",
                va="center",
            )
            y += len(counts.groups) + 1
    margin = 0.6 if len(positions) > 1 else 0.9
    axes.set_ylim(max(positions) + margin, -margin)


def _legend(figure: Figure, columns: int) -> None:
    """The legend under the axes, outside them, so it never covers a bar or a tick label."""
    figure.legend(
        loc="outside lower center",
        ncol=columns,
        frameon=False,
        fontsize=FONT_SIZE - 1,
        handlelength=1.2,
    )


def _likert_colours(count: int) -> list[str]:
    """Oranges for the disagreeing half, blues for the agreeing half, grey in the middle.

    Each half runs from strong to mild disagreement and from mild to strong
    agreement; a half of one label gets the mild colour.
    """
    half = count // 2
    neutral = [NEUTRAL] if count % 2 else []
    if half < 2:
        return [*NEGATIVE[1:][:half], *neutral, *POSITIVE[:half]]
    from matplotlib.colors import LinearSegmentedColormap, to_hex

    def ramp(start: str, end: str) -> list[str]:
        colours = LinearSegmentedColormap.from_list("side", [start, end])
        return [to_hex(colours(i / (half - 1))).upper() for i in range(half)]

    return [*ramp(*NEGATIVE), *neutral, *ramp(*POSITIVE)]


def _figure(rows: float, legend_rows: int) -> tuple[Figure, Axes]:
    """A figure as wide as the text column and as tall as its rows of bars need."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = 0.7 + rows * BAR_INCHES + legend_rows * 0.3
    figure = Figure(figsize=(WIDTH_INCHES, max(height, 1.5)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.tick_params(labelsize=FONT_SIZE, length=2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#E0E0E0", linewidth=0.5)
    axes.set_axisbelow(True)
    return figure, axes


def _png(figure: Figure, items: Sequence[ItemCounts]) -> bytes:
    return _render(figure, "; ".join(counts.item.text for counts in items))


def _render(figure: Figure, title: str) -> bytes:
    """PNG bytes at print resolution; ``title`` goes into the PNG's metadata for screen readers."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Title": title})
    return out.getvalue()


def _wrap(text: str, width: int = _WRAP) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
