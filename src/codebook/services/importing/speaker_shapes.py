"""What a speaker label looks like: the line shapes, and what a label's words make of it.

``speakers`` decides which of the lines found here become turns; this module
only answers, line by line, "is this a label, which one, and how sure can we
be from its shape alone". The answers are cached per label text: a
transcript repeats its few labels on thousands of lines.
"""

from __future__ import annotations

import re
from enum import Enum, IntEnum
from functools import lru_cache
from typing import NamedTuple

from codebook.services.importing.speaker_words import (
    COMMON_WORDS,
    INTERVIEWING_ROLES,
    KNOWN_LABELS,
    MAX_LABEL_CHARS,
    MAX_LABEL_WORDS,
    NAME_PARTICLES,
    NEVER_LABELS,
    TITLE_WORDS,
)


class LabelKind(Enum):
    """What a label's words say about it, before counting how often it occurs."""

    NOT_A_LABEL = "not a label"
    KNOWN = "a known role"
    NAME = "a name"
    RECURRING_ONLY = "a common word or a numbered heading"
    NEVER_SINGLE = "an annotation or header field"
    NEVER_PHRASE = "a phrase starting with an annotation word"


class Strength(IntEnum):
    """How much a line's shape alone says that it holds a speaker label."""

    # alone on its line without a colon (heading, bold, name and timecode):
    # also what a report's headings look like
    WEAK = 0
    # "Name:" or "[Name]"
    NORMAL = 1
    # a timecode and a colon
    STRONG = 2


class Candidate(NamedTuple):
    """A line that starts with a label (a tuple: a transcript has one per turn)."""

    line_start: int
    content_start: int
    label: str
    key: str
    kind: LabelKind
    strength: Strength
    shape: str
    timecode: float | None
    chosen_by_user: bool


_TIMECODE = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
_NAME_START = r"[^\s:\[\](){}<>*_#]"
_NAME_REST = r"[^:\n\t\[\](){}<>*]"  # a tab ends a name: it separates table cells
_AFFILIATION = r"(?:[ \t]*\([^()\[\]{}<>:\n]{1,40}\))?"
_LABEL = rf"{_NAME_START}{_NAME_REST}{{0,59}}{_AFFILIATION}"
_SHORT_LABEL = rf"{_NAME_START}{_NAME_REST}{{0,59}}?"
_AFTER = r"(?=\s|$)"
_BOLD_END = r"(?(bold)(?P=bold))"

_TIMECODE_FIRST = re.compile(
    rf"[ \t]*(?:\[(?P<tc1>{_TIMECODE})\]|\((?P<tc2>{_TIMECODE})\)|(?P<tc3>{_TIMECODE}))"
    rf"[ \t]*(?:-[ \t]*)?(?P<label>{_SHORT_LABEL}{_AFFILIATION})(?P<colon>:{_AFTER}|[ \t]*$)"
)
_TIMECODE_AFTER = re.compile(
    rf"[ \t]*(?P<label>{_SHORT_LABEL})[ \t]*(?:\[(?P<tc1>{_TIMECODE})\]|\((?P<tc2>{_TIMECODE})\))"
    rf"[ \t]*(?P<colon>:{_AFTER}|$)"
)
_BRACKETED = re.compile(rf"[ \t]*\[(?P<label>[^\]\n]{{1,60}})\][ \t]*:?{_AFTER}")
_COLON = re.compile(
    rf"[ \t]*(?P<bold>\*\*|__)?(?P<label>{_LABEL})(?:{_BOLD_END}:|:{_BOLD_END}){_AFTER}"
)
_HEADING = re.compile(
    rf"[ \t]{{0,3}}(?P<hashes>#{{1,6}})[ \t]+(?P<bold>\*\*|__)?(?P<label>{_LABEL})"
    rf"[ \t]*:?{_BOLD_END}:?[ \t]*$"
)
_BOLD_LINE = re.compile(rf"[ \t]*(?P<bold>\*\*|__)(?P<label>{_LABEL})(?P=bold)[ \t]*$")
_NAME_TIMECODE = re.compile(rf"[ \t]*(?P<label>{_LABEL})[ \t]+(?P<tc3>{_TIMECODE})[ \t]*$")

_TIMECODE_PARTS = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?")
_KNOWN_WITH_NUMBER = re.compile(r"(?P<role>[^\W\d_]+)[ \t]*\d{1,3}")

# An own-line label is short; longer lines are not worth a regex for one.
_MAX_OWN_LINE = 100
_NEVER_KINDS = (LabelKind.NEVER_SINGLE, LabelKind.NEVER_PHRASE)


def match_label_line(line: str, line_start: int, user_keys: frozenset[str]) -> Candidate | None:
    """The label a line starts with (or consists of), or None.

    ``user_keys`` (case-folded) are labels the user named: they are taken
    whatever their words, so only the line's shape has to fit.
    """
    if not line or not (line[0].isalnum() or line[0] in " \t[(*_#"):
        # cheap pre-filter: a label line starts with a letter, a timecode or markup
        return None
    for pattern in _patterns_that_could_match(line):
        match = pattern.match(line)
        if match is None:
            continue
        label, key, kind = label_facts(match.group("label"))
        chosen_by_user = key in user_keys
        if not chosen_by_user and (
            kind is LabelKind.NOT_A_LABEL
            # "[Lacht]", "[Music]": annotations, not even worth a warning
            or (pattern is _BRACKETED and kind in _NEVER_KINDS)
        ):
            continue
        if pattern is _COLON:  # most lines of most transcripts: no timecode to look for
            strength, shape, timecode = Strength.NORMAL, "", None
        else:
            strength, shape, timecode = _shape_of(pattern, match)
        return Candidate(
            line_start,
            line_start + match.end(),
            label,
            key,
            kind,
            strength,
            shape,
            timecode,
            chosen_by_user,
        )
    return None


def _shape_of(pattern: re.Pattern[str], match: re.Match[str]) -> tuple[Strength, str, float | None]:
    """Strength, the shape's name (for own-line shapes) and the timecode of a matched label."""
    if pattern is _HEADING:
        return Strength.WEAK, f"heading {len(match.group('hashes'))}", None
    if pattern is _BOLD_LINE:
        return Strength.WEAK, "bold", None
    if pattern is _BRACKETED:
        return Strength.NORMAL, "", None
    if pattern is _NAME_TIMECODE:
        return Strength.WEAK, "name-timecode", parse_timecode(match.group("tc3"))
    raw_timecode = match.group("tc1") or match.group("tc2")
    if pattern is _TIMECODE_FIRST:
        raw_timecode = raw_timecode or match.group("tc3")
    timecode = parse_timecode(raw_timecode)
    if match.group("colon").startswith(":"):
        return Strength.STRONG, "", timecode
    shape = "timecode-name" if pattern is _TIMECODE_FIRST else "name-timecode"
    return Strength.WEAK, shape, timecode


_HEADINGS = (_HEADING,)
_MARKUP = (_COLON, _BOLD_LINE)
_BOLD_ONLY = (_BOLD_LINE,)
_BRACKET_ONLY = (_BRACKETED,)
_WITH_BRACKET = (_TIMECODE_FIRST, _TIMECODE_AFTER, _BRACKETED, _COLON)
_TIMECODE_LINE = (_TIMECODE_FIRST, _COLON)
_NAME_FIRST = {
    (True, True): (_TIMECODE_AFTER, _NAME_TIMECODE, _COLON),
    (True, False): (_TIMECODE_AFTER, _COLON),
    (False, True): (_NAME_TIMECODE, _COLON),
    (False, False): (_COLON,),
}


def _patterns_that_could_match(line: str) -> tuple[re.Pattern[str], ...]:
    """The label patterns worth trying, in priority order, by cheap necessary conditions.

    Most lines of a transcript are "Name: text" or speech; skipping patterns
    that need a colon, a leading timecode, a bracket or markup the line does
    not have halves detection time.
    """
    first = line[0]
    if first in " \t":
        first = line.lstrip(" \t")[:1]
    if first == "#":
        return _HEADINGS
    has_colon = ":" in line  # every shape but headings, bold lines and [Name] needs one
    if first in ("*", "_"):
        return _MARKUP if has_colon else _BOLD_ONLY
    if first.isdigit() or first in ("[", "("):
        if not has_colon:
            return _BRACKET_ONLY if first == "[" else ()
        return _WITH_BRACKET if "[" in line or "(" in line else _TIMECODE_LINE
    if not has_colon:
        return ()
    has_bracket = "[" in line or "(" in line
    ends_in_digit = len(line) <= _MAX_OWN_LINE and line.rstrip(" \t")[-1:].isdigit()
    return _NAME_FIRST[has_bracket, ends_in_digit]


@lru_cache(maxsize=4096)
def label_facts(raw: str) -> tuple[str, str, LabelKind]:
    """A label as written but single-spaced, its key (``label_key``) and its kind."""
    label = " ".join(raw.split())
    return label, label.casefold(), _kind_of(label)


def label_key(label: str) -> str:
    """The form two spellings of one speaker share: single-spaced, case-folded."""
    return " ".join(label.split()).casefold()


def _kind_of(label: str) -> LabelKind:
    name = _without_affiliation(label)
    if not name or len(name) > MAX_LABEL_CHARS:
        return LabelKind.NOT_A_LABEL
    if is_known_label(name):
        return LabelKind.KNOWN
    words = name.split(" ")
    if not _words_form_a_name(words):
        return LabelKind.NOT_A_LABEL
    first = words[0].casefold()
    if first in NEVER_LABELS:
        spoken = [word for word in words if not word.isdigit()]
        return LabelKind.NEVER_PHRASE if len(spoken) > 1 else LabelKind.NEVER_SINGLE
    if first in COMMON_WORDS or words[-1].isdigit():
        # a one-off "Deel 1:" or "Vraag:" is a heading or speech
        return LabelKind.RECURRING_ONLY
    return LabelKind.NAME


def _words_form_a_name(words: list[str]) -> bool:
    """Capitalised words with particles and titles between, and perhaps a number at the end."""
    if len([word for word in words if word.casefold() not in TITLE_WORDS]) > MAX_LABEL_WORDS:
        return False
    if not (_is_name_word(words[0]) or words[0].casefold() in TITLE_WORDS):
        return False
    if words[-1] in NAME_PARTICLES:
        return False
    has_name = False
    for index, word in enumerate(words):
        if _is_name_word(word):
            has_name = True
        elif word in NAME_PARTICLES or word.casefold() in TITLE_WORDS:
            continue
        elif not (index == len(words) - 1 and index > 0 and word.isdigit() and len(word) <= 3):
            return False
    return has_name


def _without_affiliation(label: str) -> str:
    """``"De heer Pechtold"`` for ``"De heer Pechtold (D66)"``: a party says nothing of a name."""
    if not label.endswith(")") or "(" not in label:
        return label
    return label[: label.rindex("(")].rstrip()


def looks_like_speaker_label(label: str) -> bool:
    """Whether a label has the shape of a name or a known role (ignoring how often it occurs)."""
    _, _, kind = label_facts(label)
    return kind in (LabelKind.KNOWN, LabelKind.NAME, LabelKind.RECURRING_ONLY)


@lru_cache(maxsize=4096)
def is_known_label(label: str) -> bool:
    """A role every transcript uses ("Interviewer", "R", "Deelnemer 3"), in any case."""
    folded = label.casefold()
    if folded in KNOWN_LABELS:
        return True
    match = _KNOWN_WITH_NUMBER.fullmatch(folded)
    return match is not None and match.group("role") in KNOWN_LABELS


def is_interviewing_role(label: str) -> bool:
    """An interviewer or moderator label ("Gespreksleider", "I", "Moderator 2"), in any case.

    A role in parentheses counts too ("Ms. Smith (moderator)"): focus-group
    transcripts name the moderator that way, who must not become a participant case.
    """
    folded = " ".join(label.split()).casefold()
    name, _, role = folded.partition("(")
    parts = (name.strip(), role.rstrip(")").strip()) if role else (folded,)
    for part in parts:
        match = _KNOWN_WITH_NUMBER.fullmatch(part)
        if (match.group("role") if match else part) in INTERVIEWING_ROLES:
            return True
    return False


def parse_timecode(value: str) -> float:
    """Seconds for ``hh:mm:ss``, ``mm:ss`` or either with a ``.mmm``/``,mmm`` fraction."""
    match = _TIMECODE_PARTS.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a timecode: {value!r}")
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def _is_name_word(word: str) -> bool:
    """A capitalised word ("Marieke", "MARIEKE", "Jan-Willem", "O'Neill", "P1") or initials."""
    first = word[0]
    if not (first.isupper() or first.istitle()):
        return False
    if not all(char.isalnum() or char in "'’-." for char in word):
        return False
    if "." in word.rstrip("."):
        # initials like "J.P." are fine, "Mr.Smith" or "Zie.nl" are not
        return all(len(part) <= 1 for part in word.split(".") if part)
    return True
