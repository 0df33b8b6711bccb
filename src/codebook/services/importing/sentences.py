"""Sentence boundaries for coding at sentence level and for auto-coding.

spaCy is slow to import and to build, so it is imported on first use and one
pipeline per language is kept for the life of the process. Only the tokenizer
and the rule-based sentencizer run: no model has to be installed, and a long
transcript is split in well under a second. Turns are fed separately (never
the whole document, which can exceed spaCy's ``max_length``), and a turn that
is itself very long is cut at paragraph or line breaks first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from codebook.domain import TurnSpan

MAX_CHUNK_CHARS = 100_000

_pipelines: dict[str, Any] = {}
_NOT_SPACE = re.compile(r"\S")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def sentence_spans(
    text: str, turns: Sequence[TurnSpan], language: str = "nl"
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, in order, within the turns.

    Spans are trimmed of whitespace and, together, cover every non-whitespace
    character of every turn exactly once. Text outside the turns is ignored.
    """
    chunks = [
        chunk
        for turn in turns
        if turn.end > turn.start
        for chunk in _chunks(text, turn.start, turn.end)
    ]
    if not chunks:
        return []
    nlp = _pipeline(language)
    spans: list[tuple[int, int]] = []
    documents = nlp.pipe((text[start:end] for start, end in chunks), batch_size=64)
    for (chunk_start, _), document in zip(chunks, documents, strict=True):
        for sentence in document.sents:
            span = _trim(text, chunk_start + sentence.start_char, chunk_start + sentence.end_char)
            if span is not None:
                spans.append(span)
    return spans


def warm_up(language: str = "nl") -> None:
    """Build the pipeline now (e.g. before forking workers that should share it)."""
    _pipeline(language)


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
