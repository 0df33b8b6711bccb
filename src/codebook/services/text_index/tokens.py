"""Words of a text with their offsets, lower-cased forms and lemmas, for the index and the
keyword matcher.

spaCy's tokenizer (the same blank pipeline that splits sentences, built once
per language and process) finds the words; ``simplemma`` gives lemmas, which
on Dutch finds far more than spaCy's lookup table (is→zijn, banken→bank,
gesproken→spreken). A lemma is looked up once per form and language and kept
for the life of the process: a million-word project has tens of thousands of
forms, not a million. Text is fed turn by turn, cut like the sentence
splitter cuts it, so no piece comes near spaCy's ``max_length``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from codebook.domain import TurnSpan

MAX_FORM_CHARS = 200
"""Longer tokens (a pasted URL, a row of dashes) are not indexed; a regex still finds them."""


@dataclass(frozen=True)
class Words:
    """A text's words in order: ``starts``/``ends`` into the text, ``norms`` lower-cased."""

    starts: array[int]
    ends: array[int]
    norms: list[str]


def words(text: str, turns: Sequence[TurnSpan], language: str) -> Words:
    """The words of the turns (punctuation and white space left out), in text order."""
    from codebook.services.importing.sentences import text_pieces, tokenizer

    tokenize = tokenizer(language)
    starts: array[int] = array("I")
    ends: array[int] = array("I")
    norms: list[str] = []
    pieces = text_pieces(text, turns)
    documents = tokenize.pipe(text[start:end] for start, end in pieces)
    for (offset, _), document in zip(pieces, documents, strict=True):
        for token in document:
            if token.is_punct or token.is_space:
                continue
            norm = token.lower_
            if len(norm) > MAX_FORM_CHARS:
                continue
            at = offset + token.idx
            starts.append(at)
            ends.append(at + len(token.text))
            norms.append(norm)
    return Words(starts, ends, norms)


def lemmas(norms: Iterable[str], language: str) -> list[str]:
    """Each form's lemma (the form itself where simplemma knows no better or not the
    language)."""
    return [lemma(norm, language) for norm in norms]


@lru_cache(maxsize=500_000)
def lemma(norm: str, language: str) -> str:
    """A form's lemma, looked up once per process; lower-cased, at most MAX_FORM_CHARS."""
    if language not in _simplemma_languages():
        return norm
    import simplemma

    found = simplemma.lemmatize(norm, lang=language).lower()
    return found[:MAX_FORM_CHARS] or norm


@lru_cache(maxsize=1)
def _simplemma_languages() -> frozenset[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)
