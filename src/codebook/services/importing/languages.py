"""Guessing a transcript's language from its text, offline, with simplemma's detector.

simplemma scores a text by the share of its words found in each candidate
language's dictionary. Loading a dictionary is what costs: measured here, six
candidates take 2.6 s the first time and a millisecond after, one takes
0.35 s, while all 44 languages that both simplemma and spaCy know take about
30 s for every text (simplemma keeps only eight dictionaries loaded at once).
So the project's language is tried alone first: most transcripts are in it,
and its dictionary is loaded anyway to lemmatise the text index; a text it
explains well (measured: Dutch 1.0, English and German 0.3 to 0.35 against
the Dutch dictionary) needs no other. Otherwise detection runs in two rounds:
the project's language with the frequent Western European ones first, and a
second handful only when none of those scores well (about 5 s
more, measured 14 s on a busy machine, for such a text). A language
outside both rounds is set with ``--language`` or ``codebook doc language``.
Only the first words are read: a 5 MB transcript says its language in the
first page as clearly as in the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from codebook.domain import TurnSpan
from codebook.domain.languages import LANGUAGES

#: Words read to decide; more changes no answer and costs time.
SAMPLE_WORDS = 2_000
#: Fewer words than this say too little: the project's language is kept.
MIN_WORDS = 20
#: The share of known words a language needs to be believed.
MIN_SCORE = 0.5
#: The share of the project language's known words that settles it without other candidates.
PROJECT_SCORE = 0.7

FIRST_ROUND: tuple[str, ...] = ("nl", "en", "de", "fr", "es", "it", "pt")
SECOND_ROUND: tuple[str, ...] = ("da", "sv", "nb", "pl", "fi", "cs")


class DetectedLanguage(NamedTuple):
    """The language chosen for a text; ``detected`` is False when the default was kept."""

    language: str
    detected: bool


def detect_language(text: str, turns: Sequence[TurnSpan], default: str) -> DetectedLanguage:
    """The language of the spoken text, or ``default`` when it is too short or unclear."""
    import simplemma

    sample = _sample(text, turns)
    if len(sample) < MIN_WORDS:
        return DetectedLanguage(default, False)
    joined = " ".join(sample)
    own = _candidates((default,))
    if own and _best(simplemma.langdetect(joined, lang=own))[1] >= PROJECT_SCORE:
        return DetectedLanguage(default, True)
    first = _candidates((default, *FIRST_ROUND))
    best, score = _best(simplemma.langdetect(joined, lang=first))
    if score < MIN_SCORE:
        best, score = max(
            (best, score), _best(simplemma.langdetect(joined, lang=SECOND_ROUND)), key=_score
        )
    if score < MIN_SCORE:
        return DetectedLanguage(default, False)
    return DetectedLanguage(best, True)


def _candidates(codes: Sequence[str]) -> tuple[str, ...]:
    """Each code once, only those spaCy can split (a project in ``xx`` adds none)."""
    return tuple(code for code in dict.fromkeys(codes) if code in LANGUAGES and code != "xx")


def _best(scores: Sequence[tuple[str, float]]) -> tuple[str, float]:
    known = [pair for pair in scores if pair[0] != "unk"]
    return max(known, key=_score) if known else ("unk", 0.0)


def _score(pair: tuple[str, float]) -> float:
    return pair[1]


def _sample(text: str, turns: Sequence[TurnSpan]) -> list[str]:
    """The first words spoken, across turns, leaving speaker labels out."""
    words: list[str] = []
    spans = [(turn.start, turn.end) for turn in turns] or [(0, len(text))]
    for start, end in spans:
        words.extend(text[start:end].split()[: SAMPLE_WORDS - len(words)])
        if len(words) >= SAMPLE_WORDS:
            break
    return words
