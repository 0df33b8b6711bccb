"""Live updates on a shared project: the screen in view follows what colleagues change.

Every ``INTERVAL`` seconds the app asks the door for the others' activity
marker (one small query, in a worker thread so the UI never waits on the
server). When it changed, the app's write generation is bumped, so a covered
screen re-reads when it comes back, and the screen in view re-reads now
through its own ``changed_elsewhere`` path, which keeps the cursor, the
selection and the scroll position. The analyst's own writes do not move the
marker, so nothing is re-read after them.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.tui.context import AppContext
from codebook.tui.screens.base import ProjectScreen

INTERVAL = 2.0
"""Seconds between two looks at what the others did."""


class LiveUpdates:
    """Watches the project for colleagues' changes on behalf of one app."""

    def __init__(self, app: App[Any], ctx: AppContext) -> None:
        self._app = app
        self._ctx = ctx
        self._marker: tuple[int, int] | None = None
        self._coder: int | None = None

    def start(self) -> None:
        self._app.set_interval(INTERVAL, self._poll)

    def _poll(self) -> None:
        self._app.run_worker(self._look, thread=True, exclusive=True, group="live-updates")

    def _look(self) -> None:
        coder = self._ctx.coder_id
        try:
            marker = self._ctx.project.others_activity()
        except CodebookError:
            return  # the server is away for a moment: look again next time
        if get_current_worker().is_cancelled:
            return
        seen, self._marker = self._marker, marker
        changed_coder, self._coder = coder != self._coder, coder
        if seen is not None and seen != marker and not changed_coder:
            self._app.call_from_thread(self._refresh)

    def _refresh(self) -> None:
        self._ctx.changed()
        screen = self._app.screen
        if isinstance(screen, ProjectScreen) and screen.ready:
            screen.caught_up()
            screen.changed_elsewhere()
