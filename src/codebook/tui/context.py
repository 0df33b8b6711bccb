"""What every screen shares: the open project, who is coding, language, pins, toggles.

One object, owned by the app, so screens never reach for globals and tests can
build an app around any project. Screens reach the project only through its
door (``codebook.project.Project``), which hands them plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from codebook.project import Project
from codebook.tui.labels import label
from codebook.tui.pins import Pins


@dataclass
class AppContext:
    project: Project
    lang: str = "en"
    pins: Pins = field(default_factory=lambda: Pins(""))
    show_others: bool = False
    last_code_id: int | None = None
    generation: int = 0
    """Bumped by every write, so a screen coming back into view knows whether to re-read."""

    def changed(self) -> int:
        """Note that this app wrote to the project; returns the new generation."""
        self.generation += 1
        return self.generation

    def t(self, key: str, /, **values: Any) -> str:
        """A label in the user's language, with ``{placeholders}`` filled in."""
        text = label(key, self.lang)
        return text.format(**values) if values else text

    def error(self, exc: Exception) -> str:
        """A caught error as the user reads it: a ``CodebookError`` in their language."""
        from codebook.domain import CodebookError

        return exc.text(self.lang) if isinstance(exc, CodebookError) else str(exc)

    @property
    def coder_id(self) -> int | None:
        """The coder's id once chosen; until then the screens write nothing."""
        return self.project.coder_id

    @property
    def coder(self) -> str | None:
        return self.project.coder if self.project.coder_id is not None else None


def context_of(node: DOMNode) -> AppContext:
    """The ``AppContext`` of the app a widget or screen belongs to."""
    ctx = getattr(node.app, "ctx", None)
    if not isinstance(ctx, AppContext):
        raise RuntimeError("this widget runs outside a CodebookApp")
    return ctx


def step_journal(node: Widget | Screen[Any], redo: bool) -> bool:
    """Undo (or redo) this coder's last action and tell the user; True when one was made.

    Every screen with undo keys shares this; each then notes the write
    (``AppContext.changed``) and refreshes what it shows.
    """
    from codebook.domain import CodebookError

    ctx = context_of(node)
    if ctx.coder_id is None:
        return False
    try:
        description = ctx.project.redo() if redo else ctx.project.undo()
    except CodebookError as exc:
        node.notify(ctx.error(exc), severity="error")
        return False
    if description is None:
        node.notify(ctx.t("nothing_to_redo" if redo else "nothing_to_undo"))
        return False
    from codebook.domain.action_texts import action_text

    done = action_text(description, ctx.lang)
    node.notify(ctx.t("redone" if redo else "undone", description=done))
    return True
