"""Finding speaker turns in plain transcript text.

Transcripts typed by researchers or exported by transcription services mark
speakers in a handful of ways (``Name:``, ``[Name]``, with or without a
timecode). The hard part is not recognising those shapes but refusing the
lines that merely look like them: "Het punt is: ..." or "Datum: 14 maart"
would otherwise become speakers and break every per-speaker count. A label
must therefore look like a name (capitalised words, initials, a few Dutch
surname particles) or be one of the usual interview roles, and single-word
labels that are ordinary words only count when they recur.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

from codebook.domain import TurnSpan

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5

# Role labels accepted in any case, even when they occur once.
KNOWN_LABELS = frozenset(
    {
        "i",
        "r",
        "int",
        "resp",
        "interviewer",
        "interviewster",
        "interviewee",
        "respondent",
        "moderator",
        "geïnterviewde",
        "gespreksleider",
        "onderzoeker",
        "deelnemer",
        "participant",
        "spreker",
        "speaker",
        "facilitator",
        "voorzitter",
        "researcher",
    }
)

# Roles that ask the questions rather than answer them: in a focus group they
# are not a participant, so they never become a case of their own.
INTERVIEWING_ROLES = frozenset(
    {
        "interviewer",
        "interviewster",
        "i",
        "int",
        "moderator",
        "gespreksleider",
        "facilitator",
        "voorzitter",
    }
)

# Lowercase words allowed inside a name ("Marieke de Wit", "Said el Amrani").
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ten", "ter", "te", "'t", "el", "al", "bin", "ben", "von", "du"}
)

# Transcript annotations and header fields: never speakers, however often they
# occur ("[Lacht]", "Datum: 14 maart 2018").
NEVER_LABELS = frozenset(
    {
        "aanwezig",
        "aanwezigen",
        "applaus",
        "begin",
        "bestand",
        "bron",
        "crosstalk",
        "datum",
        "date",
        "deelnemers",
        "duration",
        "duur",
        "einde",
        "end",
        "file",
        "gelach",
        "inaudible",
        "lacht",
        "lachen",
        "laughs",
        "laughter",
        "let",
        "locatie",
        "location",
        "muziek",
        "music",
        "nb",
        "noot",
        "note",
        "onderwerp",
        "onduidelijk",
        "onverstaanbaar",
        "opmerking",
        "opname",
        "participants",
        "pause",
        "pauze",
        "plaats",
        "present",
        "project",
        "ps",
        "recording",
        "silence",
        "start",
        "stilte",
        "subject",
        "tijd",
        "time",
        "titel",
        "title",
        "transcript",
        "transcriptie",
        "unintelligible",
        "zie",
    }
)

# Ordinary words that start sentences: a label made of one of these only counts
# as a speaker when it occurs more than once ("Vraag:"/"Antwoord:" transcripts).
COMMON_WORDS = frozenset(
    {
        "antwoord",
        "bijvoorbeeld",
        "conclusie",
        "daarna",
        "dan",
        "dat",
        "dit",
        "doel",
        "dus",
        "eerst",
        "eigenlijk",
        "en",
        "gewoon",
        "het",
        "hoe",
        "ja",
        "kortom",
        "maar",
        "misschien",
        "natuurlijk",
        "nee",
        "nou",
        "oftewel",
        "ok",
        "oke",
        "okay",
        "oké",
        "punt",
        "samenvatting",
        "stelling",
        "thema",
        "toelichting",
        "vraag",
        "waarom",
        "want",
        "wat",
        "welke",
        "wie",
        "zo",
        "and",
        "answer",
        "but",
        "conclusion",
        "example",
        "how",
        "no",
        "question",
        "so",
        "summary",
        "the",
        "topic",
        "well",
        "what",
        "who",
        "why",
        "yes",
    }
)

_TIMECODE = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
_LABEL = r"[^\s:\[\](){}<>*_][^:\n\[\](){}<>*]{0,59}"
_AFTER = r"(?=\s|$)"

_TIMECODE_FIRST = re.compile(
    rf"[ \t]*(?:\[(?P<tc1>{_TIMECODE})\]|\((?P<tc2>{_TIMECODE})\)|(?P<tc3>{_TIMECODE}))"
    rf"[ \t]*(?:-[ \t]*)?(?P<label>{_LABEL}?)(?P<colon>:{_AFTER}|[ \t]*$)"
)
_TIMECODE_AFTER = re.compile(
    rf"[ \t]*(?P<label>{_LABEL}?)[ \t]*(?:\[(?P<tc1>{_TIMECODE})\]|\((?P<tc2>{_TIMECODE})\))"
    rf"[ \t]*(?P<colon>:{_AFTER}|$)"
)
_BRACKETED = re.compile(rf"[ \t]*\[(?P<label>[^\]\n]{{1,60}})\][ \t]*:?{_AFTER}")
_COLON = re.compile(
    rf"[ \t]*(?P<bold>\*\*|__)?(?P<label>{_LABEL})(?:(?(bold)\*\*):|:(?(bold)\*\*)){_AFTER}"
)
_ALL_PATTERNS = (_TIMECODE_FIRST, _TIMECODE_AFTER, _BRACKETED, _COLON)
_TIMECODE_PARTS = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?")
_KNOWN_WITH_NUMBER = re.compile(r"(?P<role>[^\W\d_]+)[ \t]*\d{1,3}")


class _Strength(IntEnum):
    # timecode but no colon ("00:00:05 Speaker 1"): only when it recurs
    WEAK = 0
    # "Name:" or "[Name]": unless it is a one-off common word
    NORMAL = 1
    # a timecode and a colon, or a known role: always
    STRONG = 2


class _Candidate(NamedTuple):
    """A line that starts with a label (a tuple: a transcript has one per turn)."""

    line_start: int
    content_start: int
    label: str
    timecode: float | None
    strength: _Strength


class DetectedTurns(NamedTuple):
    """The turns found in a text, and one line per label-like line that was not taken."""

    turns: tuple[TurnSpan, ...]
    warnings: tuple[str, ...] = ()


def detect_turns(
    text: str,
    *,
    speaker_aliases: Mapping[str, str] | None = None,
    labels: Sequence[str] = (),
) -> DetectedTurns:
    """Split normalized text into speaker turns whose offsets exclude the labels.

    Lines without a label continue the current turn; text before the first
    label becomes a turn without a speaker when it holds anything but
    whitespace. Turn offsets are trimmed of surrounding whitespace; a label
    with nothing after it gives an empty turn placed right after the label.
    """
    candidates: list[_Candidate] = []
    position = 0
    for line in text.split("\n"):
        candidate = _match_label(line, position)
        if candidate is not None:
            candidates.append(candidate)
        position += len(line) + 1

    counts = Counter(candidate.label.casefold() for candidate in candidates)
    accepted = [c for c in candidates if _is_accepted(c, counts[c.label.casefold()])]

    turns: list[TurnSpan] = []
    first_label = accepted[0].line_start if accepted else len(text)
    before = _trim(text, 0, first_label)
    if before is not None:
        turns.append(TurnSpan(before[0], before[1], None))
    for index, candidate in enumerate(accepted):
        end = accepted[index + 1].line_start if index + 1 < len(accepted) else len(text)
        span = _trim(text, candidate.content_start, end)
        start, stop = span if span is not None else (candidate.content_start,) * 2
        speaker = resolve_alias(candidate.label, speaker_aliases)
        turns.append(TurnSpan(start, stop, speaker, candidate.timecode))
    return DetectedTurns(tuple(turns))


def resolve_alias(label: str, aliases: Mapping[str, str] | None) -> str:
    """Map a label through the alias table: exact match first, then ignoring case."""
    if not aliases:
        return label
    if label in aliases:
        return aliases[label]
    folded = label.casefold()
    for alias, name in aliases.items():
        if alias.casefold() == folded:
            return name
    return label


def parse_timecode(value: str) -> float:
    """Seconds for ``hh:mm:ss``, ``mm:ss`` or either with a ``.mmm``/``,mmm`` fraction."""
    match = _TIMECODE_PARTS.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a timecode: {value!r}")
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def looks_like_speaker_label(label: str) -> bool:
    """Whether a label has the shape of a name or a known role (ignoring how often it occurs)."""
    return _has_label_shape(" ".join(label.split()))


@lru_cache(maxsize=4096)
def _has_label_shape(label: str) -> bool:
    """Cached: a transcript repeats its few labels on thousands of lines."""
    if not label or len(label) > MAX_LABEL_CHARS:
        return False
    if is_known_label(label):
        return True
    words = label.split(" ")
    if len(words) > MAX_LABEL_WORDS or words[0].casefold() in NEVER_LABELS:
        return False
    if not _is_name_word(words[0]) or words[-1] in NAME_PARTICLES:
        return False
    for index, word in enumerate(words[1:], start=1):
        if word in NAME_PARTICLES or _is_name_word(word):
            continue
        is_last = index == len(words) - 1
        if is_last and word.isdigit() and len(word) <= 3:
            continue
        return False
    return True


def is_plausible_speaker(label: str, occurrences: int) -> bool:
    """Whether a label counts as a speaker, given how often it occurs in the document."""
    if not looks_like_speaker_label(label):
        return False
    return is_known_label(label) or occurrences >= 2 or _could_speak_once(label)


def _could_speak_once(label: str) -> bool:
    """A one-off "Deel 1:" or "Vraag 3:" is a heading; "Deelnemer 3:" is a known label."""
    words = label.split()
    return words[0].casefold() not in COMMON_WORDS and not words[-1].isdigit()


def _match_label(line: str, line_start: int) -> _Candidate | None:
    if not line or not (line[0].isalnum() or line[0] in " \t[(*_"):
        # cheap pre-filter: a label line starts with a letter, a timecode or markup
        return None
    for pattern in _patterns_that_could_match(line):
        match = pattern.match(line)
        if match is None:
            continue
        label = _single_spaced(match.group("label"))
        if not _has_label_shape(label):
            continue
        if pattern is _COLON:  # most lines of most transcripts: no timecode to look for
            strength = _Strength.STRONG if is_known_label(label) else _Strength.NORMAL
            return _Candidate(line_start, line_start + match.end(), label, None, strength)
        groups = match.groupdict()
        raw_timecode = groups.get("tc1") or groups.get("tc2") or groups.get("tc3")
        timecode = parse_timecode(raw_timecode) if raw_timecode else None
        has_colon = bool(groups.get("colon", "").startswith(":"))
        if is_known_label(label) or (timecode is not None and has_colon):
            strength = _Strength.STRONG
        elif timecode is not None:
            strength = _Strength.WEAK
        else:
            strength = _Strength.NORMAL
        return _Candidate(line_start, line_start + match.end(), label, timecode, strength)
    return None


@lru_cache(maxsize=4096)
def _single_spaced(label: str) -> str:
    """Cached: a transcript repeats its few labels on thousands of lines."""
    return " ".join(label.split())


def _patterns_that_could_match(line: str) -> tuple[re.Pattern[str], ...]:
    """The label patterns worth trying, in priority order, by cheap necessary conditions.

    Most lines of a transcript are "Name: text"; skipping patterns that need a
    leading timecode or a bracket the line does not have halves detection time.
    """
    first = line.lstrip(" \t")[:1]
    has_bracket = "[" in line or "(" in line
    if first.isdigit() or first in ("[", "("):
        return _ALL_PATTERNS if has_bracket else (_TIMECODE_FIRST, _COLON)
    return (_TIMECODE_AFTER, _COLON) if has_bracket else (_COLON,)


def _is_accepted(candidate: _Candidate, occurrences: int) -> bool:
    """is_plausible_speaker for a label _match_label already found to have a label's shape."""
    if candidate.strength is _Strength.STRONG or occurrences >= 2:
        return True
    return candidate.strength is _Strength.NORMAL and _could_speak_once(candidate.label)


@lru_cache(maxsize=4096)
def is_known_label(label: str) -> bool:
    """A role every transcript uses ("Interviewer", "R", "Deelnemer 3"), in any case."""
    folded = label.casefold()
    if folded in KNOWN_LABELS:
        return True
    match = _KNOWN_WITH_NUMBER.fullmatch(folded)
    return match is not None and match.group("role") in KNOWN_LABELS


def is_interviewing_role(label: str) -> bool:
    """An interviewer or moderator label ("Gespreksleider", "I", "Moderator 2"), in any case."""
    folded = " ".join(label.split()).casefold()
    match = _KNOWN_WITH_NUMBER.fullmatch(folded)
    return (match.group("role") if match else folded) in INTERVIEWING_ROLES


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


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding whitespace, or None when only whitespace remains.

    Stepping over characters beats a regex search here: a turn usually has one
    space after its label and one line end after its text.
    """
    while start < end and text[start].isspace():
        start += 1
    if start == end:
        return None
    while text[end - 1].isspace():
        end -= 1
    return start, end
