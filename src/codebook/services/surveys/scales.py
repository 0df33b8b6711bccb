"""The answer scales a questionnaire column can have, and how a written answer maps to one.

Questionnaire tools export the same answer in many spellings: "Eens", "eens ",
"4", "agree". An answer is matched to a scale's labels ignoring case and
spacing, through each label's aliases (its number on the scale, English
words, the one-letter forms of yes and no), so one item read from three
exports counts alike. The labels themselves are Dutch, as the study's
questionnaires ask them, and are what the report shows.

A column named by no option gets the first scale every one of its answers
fits: the fixed scales (likert5 before likert4, so a five-point item whose
extremes nobody chose is not read as four-point), then numbers, then a short
list of choices. More distinct answers than a figure can show is free text
the analyst has to name.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from codebook.domain.surveys import Scale

LIKERT5 = Scale(
    "likert5",
    "likert",
    ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"),
    (
        ("1", "strongly disagree", "zeer oneens"),
        ("2", "disagree"),
        ("3", "neutral", "neither agree nor disagree", "niet eens, niet oneens"),
        ("4", "agree"),
        ("5", "strongly agree", "zeer eens"),
    ),
)
LIKERT4 = Scale(
    "likert4",
    "likert",
    ("helemaal oneens", "oneens", "eens", "helemaal eens"),
    (
        ("1", "strongly disagree", "zeer oneens"),
        ("2", "disagree"),
        ("3", "agree"),
        ("4", "strongly agree", "zeer eens"),
    ),
)
YESNO = Scale("yesno", "yesno", ("nee", "ja"), (("n", "no", "false"), ("j", "y", "yes", "true")))
NUMBER = Scale("number", "number", ())

FIXED: dict[str, Scale] = {scale.name: scale for scale in (LIKERT5, LIKERT4, YESNO)}
"""The scales whose labels are fixed, in the order an unnamed column is tried against them."""

MAX_CHOICES = 12
"""More distinct answers than this in an unnamed column: free text rather than a choice, and
more bars than a figure can label."""


def answer_key(value: str) -> str:
    """What two spellings of one answer have in common: case and spacing ignored."""
    return " ".join(value.casefold().split())


@lru_cache(maxsize=32)
def label_lookup(scale: Scale) -> dict[str, int]:
    """Every accepted spelling's key (label or alias) to its label's position on the scale."""
    lookup: dict[str, int] = {}
    for index, label in enumerate(scale.labels):
        aliases = scale.aliases[index] if index < len(scale.aliases) else ()
        for spelling in (label, *aliases):
            lookup[answer_key(spelling)] = index
    return lookup


def choice_scale(values: Iterable[str]) -> Scale:
    """An unordered scale of the distinct answers in the order they first occur, each label
    spelled as it first occurs ("weet ik niet" is a label like any other)."""
    labels: dict[str, str] = {}
    for value in values:
        labels.setdefault(answer_key(value), value.strip())
    return Scale("choice", "choice", tuple(labels.values()))


def fitting_fixed_scale(keys: Iterable[str]) -> Scale | None:
    """The first fixed scale that has every one of these answer keys, if any."""
    wanted = set(keys)
    for scale in FIXED.values():
        if wanted <= label_lookup(scale).keys():
            return scale
    return None
