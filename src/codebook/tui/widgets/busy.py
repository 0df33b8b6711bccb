"""A progress indicator for work running in a worker, shown only if the work is slow.

An indicator that flashes up for a tenth of a second is noise, and its
animation (60 frames a second) takes the interpreter away from the very worker
it reports on. So it appears only after ``DELAY``; quick loads never show it.
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import LoadingIndicator

DELAY = 0.15


class BusyIndicator(LoadingIndicator):
    DEFAULT_CSS = """
    BusyIndicator { width: 12; height: 1; min-height: 1; display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None

    def start(self) -> None:
        """Work began: show the indicator if it is still running after ``DELAY``."""
        if self._timer is None:
            self._timer = self.set_timer(DELAY, self._appear)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.display = False

    def _appear(self) -> None:
        self._timer = None
        self.display = True
