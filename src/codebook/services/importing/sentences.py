"""Sentence boundaries for coding at sentence level and for auto-coding.

spaCy is slow to import and to build, so it is imported on first use and one
pipeline per language is kept for the life of the process. Only the tokenizer
and the rule-based sentencizer run: no model has to be installed, and a long
transcript is split in well under a second. Turns are fed separately (never
the whole document, which can exceed spaCy's ``max_length``), and a turn that
is itself very long is cut at paragraph or line breaks first.

Those pieces are independent of each other, so a very long transcript is
split by worker processes, each given a run of consecutive pieces: the spans
found are the same as in one process, because every piece is cut exactly
where the one-process pass cuts it.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

from codebook.domain import TurnSpan
from codebook.gc_pause import gc_paused
from codebook.services.workers import in_workers, worth_spreading

MAX_CHUNK_CHARS = 100_000
#: Text given to one worker at a time: small enough that the workers finish
#: together, large enough that sending it costs next to nothing.
PART_CHARS = 100_000

_pipelines: dict[str, Any] = {}
_NOT_SPACE = re.compile(r"\S")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")

#: One worker's share: the language, where its text starts in the document,
#: the text, and the pieces as offsets into that text.
_Part = tuple[str, int, str, list[tuple[int, int]]]


def sentence_spans(
    text: str, turns: Sequence[TurnSpan], language: str = "nl", *, spread: bool = False
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, in order, within the turns.

    Spans are trimmed of whitespace and, together, cover every non-whitespace
    character of every turn exactly once. Text outside the turns is ignored.
    With ``spread``, a text of several parts is split in worker processes
    (``services.workers``), with the same result.
    """
    pieces = text_pieces(text, turns)
    if not pieces:
        return []
    parts = _parts(text, pieces, language) if spread else []
    if not worth_spreading(len(parts)):
        return _spans(text, pieces, language)
    warm_up(language)
    spans: list[tuple[int, int]] = []
    for found in in_workers(_part_spans, parts, nice=0):  # this process waits for them
        flat = iter(found)
        spans.extend(zip(flat, flat, strict=True))
    return spans


def text_pieces(text: str, turns: Sequence[TurnSpan]) -> list[tuple[int, int]]:
    """The turns cut into pieces spaCy takes whole (see ``_chunks``), as offsets into text."""
    return [
        piece
        for turn in turns
        if turn.end > turn.start
        for piece in _chunks(text, turn.start, turn.end)
    ]


def tokenizer(language: str) -> Any:
    """The tokenizer of the language's pipeline, for the text index: the same words the
    sentences are made of."""
    return _pipeline(language).tokenizer


def warm_up(language: str = "nl") -> None:
    """Build the pipeline now (e.g. before forking workers that should share it)."""
    _pipeline(language)


def _spans(text: str, pieces: Sequence[tuple[int, int]], language: str) -> list[tuple[int, int]]:
    nlp = _pipeline(language)
    spans: list[tuple[int, int]] = []
    documents = nlp.pipe((text[start:end] for start, end in pieces), batch_size=64)
    for (piece_start, _), document in zip(pieces, documents, strict=True):
        for sentence in document.sents:
            span = _trim(text, piece_start + sentence.start_char, piece_start + sentence.end_char)
            if span is not None:
                spans.append(span)
    return spans


def _parts(text: str, pieces: Sequence[tuple[int, int]], language: str) -> list[_Part]:
    """Consecutive pieces grouped into shares of about PART_CHARS, each with its own text."""
    parts: list[_Part] = []
    first = 0
    for index, (_, end) in enumerate(pieces):
        start = pieces[first][0]
        if end - start >= PART_CHARS or index == len(pieces) - 1:
            shifted = [(a - start, b - start) for a, b in pieces[first : index + 1]]
            parts.append((language, start, text[start:end], shifted))
            first = index + 1
    return parts


def _part_spans(part: _Part) -> array[int]:
    """A worker's share, its spans as offsets into the document, flat: pickled in one copy."""
    language, offset, text, pieces = part
    with gc_paused():
        spans = _spans(text, pieces, language)
    return array("q", [offset + position for span in spans for position in span])


def _pipeline(language: str) -> Any:
    nlp = _pipelines.get(language)
    if nlp is None:
        import spacy

        try:
            nlp = spacy.blank(language)
        except (ImportError, ValueError, KeyError):
            # a language spaCy does not know: its multi-language rules still split sentences
            nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        _pipelines[language] = nlp
    return nlp


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most MAX_CHUNK_CHARS.

    Cuts go after the last paragraph break in the window, else the last line
    break, else the last sentence end, else the last space; only text without
    any of those is cut blindly.
    """
    while end - start > MAX_CHUNK_CHARS:
        limit = start + MAX_CHUNK_CHARS
        cut = text.rfind("\n\n", start + 1, limit) + 2
        if cut < start + 2:
            cut = text.rfind("\n", start + 1, limit) + 1
        if cut < start + 1:
            cut = _last_sentence_end(text, start, limit)
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit) + 1
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    yield start, end


def _last_sentence_end(text: str, start: int, limit: int) -> int:
    window_start = max(start, limit - 2_000)
    last = -1
    for match in _SENTENCE_END.finditer(text, window_start, limit):
        last = match.end()
    return last


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return start, end  # the usual case, checked without a regex
    match = _NOT_SPACE.search(text, start, end)
    if match is None:
        return None
    while text[end - 1].isspace():
        end -= 1
    return match.start(), end
