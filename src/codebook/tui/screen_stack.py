"""Going to a screen by its key (F4, F5) without piling up copies of it.

Screens stack: Home, then a coding screen, then perhaps the quotes screen on
top. Pressing a screen's key again should return to the one already open, with
its query and cursor as the analyst left them, not push a second, empty copy.
"""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction
from textual.app import App
from textual.screen import ModalScreen, Screen


def bring_forward(app: App[Any], cls: type[Screen[Any]]) -> None:
    """Show the open screen of ``cls`` (closing those above it), or push a new one.

    Under a dialog the key is not ours: the dialog must be answered first, and
    the key then reaches the dialog's own widgets.
    """
    if isinstance(app.screen, ModalScreen):
        raise SkipAction()
    if any(isinstance(screen, cls) for screen in app.screen_stack):
        while not isinstance(app.screen, cls):
            app.pop_screen()
        return
    app.push_screen(cls())
