"""``/`` in the coding screen: find a word in the open document, in any inflection, and step
through the hits.

The search goes through the project's text index like the search screen's,
restricted to this document and matching lemmas, so "school" also stops at
"scholen". Each hit is selected as it is reached, ready to be coded with a
number key; ctrl+n and ctrl+p step on from wherever the cursor is now.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from codebook.domain import CodebookError
from codebook.domain.search import SearchHit, SearchQuery
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.transcript_model import TranscriptModel
from codebook.tui.widgets.transcript import TranscriptView


class FindInDocument(ProjectScreen):
    """The finding half of the coding screen, which sets ``model``."""

    #: Bound by ``CodingScreen``, whose key list the help screen shows as one section.
    KEYS: ClassVar[list[BindingType]] = [
        Binding("slash", "find", "find_in_document"),
        Binding("ctrl+n", "find_next(True)", "find_next", show=False),
        Binding("ctrl+p", "find_next(False)", "find_previous", show=False),
    ]

    model: TranscriptModel | None
    found: tuple[SearchHit, ...] = ()
    found_for = ""

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one("#transcript", TranscriptView)

    def action_find(self) -> None:
        if self.model is None:
            return

        def answered(answer: str | None) -> None:
            if answer and answer.strip():
                self.find(answer.strip())

        self.app.push_screen(TextPrompt(self.ctx.t("find_title"), self.found_for), answered)

    def find(self, text: str) -> None:
        """Look ``text`` up in this document (in a worker), then go to the first hit after
        the cursor."""
        model = self.model
        if model is not None:
            self._find(SearchQuery(text, lemma=True, documents=(model.name,), context=0))

    @work(thread=True, exclusive=True, group="find")
    def _find(self, query: SearchQuery) -> None:
        try:
            hits, error = self.project.search(query).hits, None
        except CodebookError as exc:
            hits, error = (), self.ctx.error(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, query.text, hits, error)

    def _found(self, text: str, hits: tuple[SearchHit, ...], error: str | None) -> None:
        if error is not None:
            self.notify(error, severity="error")
            return
        self.found, self.found_for = hits, text
        if not hits:
            self.notify(self.ctx.t("find_nothing", query=text), severity="warning")
            return
        self.notify(self.ctx.t("find_count", count=len(hits), query=text))
        self.action_find_next(True, from_start=self.transcript.cursor_offset)

    def action_find_next(self, forward: bool, from_start: int | None = None) -> None:
        """The next hit after the cursor (or the previous one before it), wrapping around."""
        hits = self.found
        if not hits:
            if self.found_for:
                self.notify(self.ctx.t("find_nothing", query=self.found_for))
            return
        view = self.transcript
        selected = view.selected_range()
        here = from_start if from_start is not None else view.cursor_offset
        if forward:
            after = selected[0] + 1 if selected is not None and from_start is None else here
            hit = next((h for h in hits if h.start >= after), hits[0])
        else:
            before = selected[0] if selected is not None else here
            hit = next((h for h in reversed(hits) if h.start < before), hits[-1])
        view.reveal(hit.start, hit.end)
        number = hits.index(hit) + 1
        self.notify(self.ctx.t("find_at", number=number, count=len(hits)), timeout=1.5)
