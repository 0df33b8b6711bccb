"""Turning a code's ``#RRGGBB`` into the styles the transcript paints with.

Text stays readable on top of a code colour only if the colour is toned down
toward the background, so highlights are a blend; stripes and underlines use
the code colour as is. Styles are cached: a document has few codes but the
renderer asks for them on every visible row.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from textual.color import Color

FALLBACK = "#7F7F7F"
SPEAKER_COLORS = ("#E0A458", "#6CB4EE", "#C39BD3", "#76D7C4", "#F1948A", "#F7DC6F")


def parse(hex_color: str) -> Color:
    try:
        return Color.parse(hex_color)
    except Exception:
        return Color.parse(FALLBACK)


def visible(hex_color: str) -> Color:
    """The code colour, lightened if it is so dark that a tint of it would vanish."""
    color = parse(hex_color)
    return color.lighten(0.3 - color.brightness) if color.brightness < 0.3 else color


@lru_cache(maxsize=512)
def highlight(hex_color: str, background: str) -> Style:
    """Background tint for a coding of one's own: 45% code colour over the background."""
    tint = visible(hex_color).blend(parse(background), 0.55)
    return Style(bgcolor=tint.rich_color)


@lru_cache(maxsize=512)
def underline(hex_color: str, background: str) -> Style:
    """Another coder's coding: underlined, on a faint tint (the text colour stays readable)."""
    tint = visible(hex_color).blend(parse(background), 0.8)
    return Style(underline=True, bgcolor=tint.rich_color)


@lru_cache(maxsize=512)
def stripe(hex_color: str, background: str) -> Style:
    return Style(color=visible(hex_color).rich_color, bgcolor=parse(background).rich_color)


@lru_cache(maxsize=64)
def speaker(index: int) -> Style:
    return Style(bold=True, color=parse(SPEAKER_COLORS[index % len(SPEAKER_COLORS)]).rich_color)


def swatch(hex_color: str) -> str:
    """Rich markup for a small square in the code's colour (tree, palette, pins bar)."""
    color = parse(hex_color).hex
    return f"[{color}]■[/]"
