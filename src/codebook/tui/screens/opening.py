"""Opening a document for coding from a list (documents, quotes), the same way everywhere.

The document, its codings and the codebook are read in a worker, and the
coding screen is pushed complete, so its first frame already shows the coded
transcript; a list stays responsive while a long transcript is read.
"""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.screens.coding import CodingScreen, Prepared, prepare
from codebook.tui.widgets.busy import BusyIndicator


class DocumentOpener(ProjectScreen):
    """A screen that opens documents for coding; it has a ``BusyIndicator``."""

    def __init__(self) -> None:
        super().__init__()
        self._opening = False

    def open_for_coding(self, document: int, selection: tuple[int, int] | None = None) -> None:
        """Read the document in a worker, then show it for coding (``selection`` selected)."""
        if self._opening:
            return
        self._opening = True
        self.query_one(BusyIndicator).start()
        self._prepare(document, selection)

    @work(thread=True, exclusive=True, group="open-named")
    def open_named(self, document: str, selection: tuple[int, int]) -> None:
        """Open a document known by its name (a search hit, a suggestion), ``selection``
        selected; its id is looked up in this worker."""
        try:
            document_id = self.project.document(document).id
        except CodebookError as exc:
            self.app.call_from_thread(self.notify, self.ctx.error(exc), severity="error")
            return
        self.app.call_from_thread(self.open_for_coding, document_id, selection)

    @work(thread=True, exclusive=True, group="open-document")
    def _prepare(self, document: int, selection: tuple[int, int] | None) -> None:
        try:
            prepared = prepare(self.ctx, document)
        except CodebookError as exc:
            self.app.call_from_thread(self._open_failed, self.ctx.error(exc))
            return
        if not get_current_worker().is_cancelled:  # the app may be closing
            self.app.call_from_thread(self._open, document, prepared, selection)

    def _open(self, document: int, prepared: Prepared, selection: tuple[int, int] | None) -> None:
        self._opening = False
        self.query_one(BusyIndicator).stop()
        if self.is_current:  # not if the analyst went elsewhere meanwhile
            self.app.push_screen(CodingScreen(document, prepared, selection))

    def _open_failed(self, message: str) -> None:
        self._opening = False
        self.query_one(BusyIndicator).stop()
        self.notify(message, severity="error")
