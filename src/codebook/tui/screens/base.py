"""What the project's screens share: the app context, noticing changes, asking in workers.

Every screen over the project needs the same two things. It must notice,
when it comes back into view, that the project was changed meanwhile (by
another screen, an undo, a revision) and re-read what it shows; the app's
``generation`` counts writes for that. It asks the project in worker threads
and, when the analyst types faster than answers come, must show only the
answer to the newest question; requests are numbered for that.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer

from codebook.project import Project
from codebook.tui.context import AppContext, context_of


class ProjectScreen(Screen[None]):
    """A screen showing part of the open project."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        """True once the screen shows what it read; until then a change needs no re-read."""
        self._seen = -1
        self._asked = 0
        self._timer: Timer | None = None

    @property
    def ctx(self) -> AppContext:
        return context_of(self)

    @property
    def project(self) -> Project:
        return self.ctx.project

    # --- changes made elsewhere --------------------------------------------------

    def on_screen_resume(self) -> None:
        if self.ready and self._seen != self.ctx.generation:
            self.caught_up()
            self.changed_elsewhere()

    def caught_up(self) -> None:
        """What the screen shows now reflects every write so far."""
        self._seen = self.ctx.generation

    def changed_elsewhere(self) -> None:
        """Re-read what the screen shows: the project changed since it last did."""

    # --- numbered, delayed requests ----------------------------------------------

    def new_request(self) -> int:
        """Number a request; a pending delayed one is dropped, the newest one wins."""
        self.cancel_later()
        self._asked += 1
        return self._asked

    def is_newest(self, number: int) -> bool:
        """Whether an answer is still wanted: no newer request, and the screen still open."""
        return number == self._asked and self.is_attached

    def later(self, delay: float, ask: Callable[[], None]) -> None:
        """Ask once the analyst pauses for ``delay`` seconds (each call restarts the wait)."""
        self.cancel_later()
        self._timer = self.set_timer(delay, ask)

    def cancel_later(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
