"""Finding every place where something is said, and coding those places in one step.

A search runs over the project's text index (every token's lower-cased form
and its lemma, stored at import), so it never runs spaCy again: a word search
matches forms, a lemma search matches every form that shares the query word's
lemma (Dutch ``scholen`` finds ``school``), a phrase matches consecutive
tokens, a regular expression runs over the documents' text. Hits are
character spans into a document, the same offsets codings use, so a hit can
be opened in the coding screen or coded as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MAX_QUERY_CHARS = 1_000
"""A longer query is refused: nobody types it, and a regex that long is a mistake."""

BulkScope = Literal["word", "sentence", "turn"]
"""What a bulk coding of search hits codes: the hit itself, the sentence around
it, or the speaker's whole turn."""


@dataclass(frozen=True)
class SearchQuery:
    """What to look for and where.

    ``text``: one or more words (``*`` at a word's end matches any ending),
    or a regular expression with ``regex``. Several words are a phrase with
    ``phrase`` (consecutive tokens, each matched as a word or by lemma),
    otherwise a hit of any of them. ``where``: document attribute values that
    must all hold (name, values; any of the values). ``code``: only inside
    that code's segments. ``speaker``: only in that speaker's turns.
    ``documents``: only these documents (the coding screen's ``/``).
    ``context``: words shown either side of a hit.
    """

    text: str
    lemma: bool = False
    phrase: bool = False
    regex: bool = False
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    code: str | None = None
    speaker: str | None = None
    documents: tuple[str, ...] = ()
    context: int = 8


@dataclass(frozen=True)
class SearchHit:
    """One place a query matched, as a keyword-in-context line.

    ``start``/``end``: the match in the document's text. ``turn``: the turn's
    number in the document (1-based), 0 outside any turn. ``left``/``right``:
    up to ``context`` words either side, within the document, on one line.
    """

    document: str
    start: int
    end: int
    speaker: str | None
    turn: int
    left: str
    match: str
    right: str


@dataclass(frozen=True)
class CountRow:
    """How many hits one value (a document, or an attribute's value) holds."""

    value: str
    hits: int


@dataclass(frozen=True)
class SearchResult:
    """Every hit in document order, and the hits counted per document and per value of
    each document attribute (documents without the attribute under ``""``)."""

    query: SearchQuery
    hits: tuple[SearchHit, ...]
    per_document: tuple[CountRow, ...]
    per_attribute: tuple[tuple[str, tuple[CountRow, ...]], ...] = field(default=())


@dataclass(frozen=True)
class BulkSegment:
    """One passage a bulk coding would code: the hits it holds are merged into it."""

    document: str
    start: int
    end: int
    text: str
    hits: int
    already_coded: bool


@dataclass(frozen=True)
class BulkPreview:
    """What coding search hits would do, shown before anything is written."""

    code: str
    scope: BulkScope
    segments: tuple[BulkSegment, ...]

    @property
    def new(self) -> int:
        """Segments that would become codings (the others are already coded with the code)."""
        return sum(1 for segment in self.segments if not segment.already_coded)


@dataclass(frozen=True)
class IndexStats:
    """How much the text index holds: documents, words (tokens) and distinct word forms."""

    documents: int
    words: int
    forms: int
