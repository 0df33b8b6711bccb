"""What every screen shares: the open project, who is coding, language, pins, toggles.

One object, owned by the app, so screens never reach for globals and tests can
build an app around any store. It holds no ORM objects: only ids and values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from codebook.db.engine import Store
from codebook.tui.labels import label
from codebook.tui.pins import Pins


@dataclass
class AppContext:
    store: Store
    lang: str = "en"
    coder: str | None = None
    coder_id: int | None = None
    project_guid: str = ""
    project_name: str = ""
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

    def require_coder(self) -> int:
        if self.coder_id is None:
            raise RuntimeError("no coder chosen yet")
        return self.coder_id


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
    from codebook.services import journal

    ctx = context_of(node)
    if ctx.coder_id is None:
        return False
    try:
        with ctx.store.write() as session:
            action = (journal.redo if redo else journal.undo)(session, ctx.coder_id)
            description = None if action is None else action.description
    except CodebookError as exc:
        node.notify(str(exc), severity="error")
        return False
    if description is None:
        node.notify(ctx.t("nothing_to_redo" if redo else "nothing_to_undo"))
        return False
    node.notify(ctx.t("redone" if redo else "undone", description=description))
    return True
