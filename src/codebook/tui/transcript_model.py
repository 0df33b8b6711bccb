"""Everything the transcript widget draws from, prepared off the UI thread.

Built in a worker from a ``DocumentData``: the display text, the offset map,
sentence/turn spans, which turns are coded and the index of visible codings.
What a screen row needs beyond that (its speaker label, its timecode) is looked
up per row when the row is drawn, and word spans are found around the cursor
when it moves: a 1,000,000-word transcript must open in well under a second,
so nothing here walks the whole text more than once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from codebook.domain import TurnSpan
from codebook.domain.codings import CodingView
from codebook.domain.documents import DocumentData
from codebook.tui.coding_index import CodingIndex
from codebook.tui.navigation import WORD, Unit, word_spans
from codebook.tui.textmap import OffsetMap, display_text

WORDS_NEAR = 2_000
"""Characters each side of the cursor searched for words before all of them are listed."""


def timecode_label(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class TranscriptModel:
    """A document prepared for display and keyboard navigation."""

    def __init__(self, data: DocumentData, coder: str | None, show_others: bool) -> None:
        self.document_id = data.id
        self.name = data.name
        self.raw_text = data.text
        self.text = display_text(data.text)
        self.offsets = OffsetMap(self.text)
        self.turns: tuple[TurnSpan, ...] = data.turns
        self.turn_spans = [(t.start, t.end) for t in data.turns]
        self.sentence_spans = list(data.sentences)
        self._words: list[tuple[int, int]] | None = None
        self.codings: dict[int, CodingView] = {c.id: c for c in data.codings}
        self.coder = coder
        self.show_others = show_others
        self.index = self._build_index()
        self._coded_turns = self._find_coded_turns()
        self._turn_starts = [t.start for t in data.turns]
        self._speakers = {
            name: number
            for number, name in enumerate(
                dict.fromkeys(t.speaker for t in data.turns if t.speaker is not None)
            )
        }
        self.timecodes = any(t.timecode is not None for t in data.turns)

    @property
    def word_spans(self) -> list[tuple[int, int]]:
        """Word spans, found on first use: opening a document should not wait for them."""
        if self._words is None:
            self._words = word_spans(self.text)
        return self._words

    def spans(self, unit: Unit) -> list[tuple[int, int]]:
        if unit is Unit.WORD:
            return self.word_spans
        if unit is Unit.SENTENCE:
            return self.sentence_spans or self.turn_spans
        return self.turn_spans

    def spans_near(self, unit: Unit, offset: int) -> list[tuple[int, int]]:
        """Spans enough to move by ``unit`` from ``offset``.

        Words of a huge transcript are found in whole rows around ``offset``
        (a word never crosses a line break), so the first ``w`` does not scan a
        million words; only when that stretch holds no word on one side of
        ``offset`` does it fall back to every word of the text.
        """
        if unit is not Unit.WORD or self._words is not None:
            return self.spans(unit)
        text = self.text
        low = text.rfind("\n", 0, max(0, offset - WORDS_NEAR)) + 1
        high = text.find("\n", offset + WORDS_NEAR)
        if high == -1:
            high = len(text)
        spans = [m.span() for m in WORD.finditer(text, low, high)]
        before = low == 0 or (bool(spans) and spans[0][0] < offset)
        after = high == len(text) or (bool(spans) and spans[-1][0] > offset)
        return spans if before and after else self.word_spans

    def is_mine(self, view: CodingView) -> bool:
        return view.coder == self.coder

    def visible(self, view: CodingView) -> bool:
        return self.show_others or self.is_mine(view)

    def own_coding(self, code_id: int, start: int, end: int) -> CodingView | None:
        """The acting coder's coding of exactly ``start..end`` with that code, if there is one."""
        return next(
            (
                span.view
                for span in self.index.at(start)
                if span.mine and (span.start, span.end, span.view.code_id) == (start, end, code_id)
            ),
            None,
        )

    def _build_index(self) -> CodingIndex:
        return CodingIndex(
            self.offsets,
            ((v, self.is_mine(v)) for v in self.codings.values() if self.visible(v)),
        )

    def set_codings(self, codings: Iterable[CodingView]) -> None:
        """Replace all codings (after undo/redo or a revision) and rebuild the index."""
        self.codings = {c.id: c for c in codings}
        self.index = self._build_index()
        self._coded_turns = self._find_coded_turns()

    def set_show_others(self, show: bool) -> None:
        self.show_others = show
        self.index = self._build_index()
        self._coded_turns = self._find_coded_turns()

    def add(self, view: CodingView) -> None:
        self.codings[view.id] = view
        if self.visible(view):
            self.index.add(view, self.is_mine(view))
            self._coded_turns.update(self._turns_touching(view.start, view.end))

    def remove(self, coding_id: int) -> CodingView | None:
        span = self.index.remove(coding_id)
        if span is not None:
            for turn in self._turns_touching(span.start, span.end):
                begin, end = self.turn_spans[turn]
                if not self.index.covers(begin, end):
                    self._coded_turns.discard(turn)
        return self.codings.pop(coding_id, None)

    def _turns_touching(self, start: int, end: int) -> range:
        spans = self.turn_spans
        first = max(0, bisect_right(spans, (start, 1 << 62)) - 1)
        last = bisect_right(spans, (end, -1))
        return range(
            next((i for i in range(first, last) if spans[i][1] > start), last),
            last,
        )

    def _find_coded_turns(self) -> set[int]:
        return self.index.touching(self.turn_spans)

    def replace(self, view: CodingView) -> None:
        """A coding changed in place (its memo): keep its lane, update what is shown."""
        self.codings[view.id] = view
        self.index.update(view)

    def _turns_starting_in(self, row: int) -> Iterable[TurnSpan]:
        row_start, row_end = self.offsets.row_span(row)
        starts = self._turn_starts
        first = bisect_left(starts, row_start)
        return self.turns[first : bisect_right(starts, row_end, first)]

    def speaker_labels(self, row: int) -> list[tuple[int, int, int]]:
        """(start column, end column, speaker number) of the label text before a turn on ``row``.

        Labels are in the text for every source format ("Name: ..."); the turn's
        start is where the spoken text begins, so the label is whatever precedes
        it on the same row. Looked up per drawn row: a whole huge transcript's
        labels would cost more than opening it may.
        """
        row_start = self.offsets.line_starts[row]
        return [
            (0, turn.start - row_start, self._speakers[turn.speaker])
            for turn in self._turns_starting_in(row)
            if turn.speaker is not None and turn.start > row_start
        ]

    def timecode(self, row: int) -> str:
        """The timecode of the turn starting on ``row``, or "" (also for a text without any)."""
        if self.timecodes:
            for turn in self._turns_starting_in(row):
                if turn.timecode is not None:
                    return timecode_label(turn.timecode)
        return ""

    def turn_at(self, offset: int) -> int | None:
        """Index of the turn holding ``offset`` (or the next one in a gap)."""
        spans = self.turn_spans
        if not spans:
            return None
        pos = bisect_right(spans, (offset, 1 << 62)) - 1
        if pos >= 0 and spans[pos][0] <= offset < spans[pos][1]:
            return pos
        return min(pos + 1, len(spans) - 1)

    def words_in(self, start: int, end: int) -> int:
        """How many words ``start..end`` holds, counted over the word spans the cursor moves by."""
        # Each word overlapping the range leaves one run of word characters in it.
        return sum(1 for _ in WORD.finditer(self.text, start, max(start, end)))

    def next_uncoded_turn(self, offset: int) -> tuple[int, int] | None:
        """The first turn after the one at ``offset`` that no visible coding touches."""
        current = self.turn_at(offset)
        start = 0 if current is None else current + 1
        if current is not None and self.turn_spans[current][0] > offset:
            start = current
        coded = self._coded_turns
        found = next((i for i in range(start, len(self.turn_spans)) if i not in coded), None)
        return None if found is None else self.turn_spans[found]

    def coded_share(self) -> tuple[int, int]:
        """(turns touched by a visible coding, all turns), kept up to date incrementally."""
        return len(self._coded_turns), len(self.turn_spans)
