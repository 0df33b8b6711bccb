"""Finding speaker turns in plain transcript text.

Transcripts typed by researchers or exported by transcription services mark
speakers in many ways: ``Name: text``, ``[Name]``, with or without a
timecode, or a label on a line of its own with the speech on the next lines
(``### Interviewer``, ``**R**``, ``Jane Doe  00:01:12``, ``Interviewer:``).
``speaker_shapes`` recognises those lines; this module decides which of them
are speakers, which needs the whole document: a one-off "Vraag:" is speech
but a recurring one is a label, a report's one-off ``### Introduction`` is a
heading but ``### Anouk`` is a speaker in a transcript whose headings recur.

Minutes and parliamentary records give titles and parties
(``De heer Pechtold (D66):``). The speaker's name keeps them as written,
single-spaced: two members with one surname in different parties stay two
speakers, and the name says what the transcript said.

A label line that is not taken leaves its text with the turn before it, so
such lines are reported in ``warnings`` with their line numbers (quietly
skipping a header block and ``[lacht]``-style annotations): a rejected label
is never a silent misattribution.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple

from codebook.domain import TurnSpan
from codebook.services.importing.speaker_shapes import (
    Candidate,
    LabelKind,
    Strength,
    is_interviewing_role,
    is_known_label,
    label_facts,
    label_key,
    looks_like_speaker_label,
    match_label_line,
    parse_timecode,
)
from codebook.services.importing.speaker_words import INTERVIEWING_ROLES, KNOWN_LABELS

__all__ = [
    "INTERVIEWING_ROLES",
    "KNOWN_LABELS",
    "DetectedTurns",
    "detect_turns",
    "is_interviewing_role",
    "is_known_label",
    "is_plausible_speaker",
    "looks_like_speaker_label",
    "parse_timecode",
    "resolve_alias",
    "unify_speakers",
]

#: How many label-like lines a warning names before it only counts the rest.
MAX_WARNING_EXAMPLES = 5
_MAX_SHOWN_LABEL = 40
_MAX_HEADER_LINE = 60


class DetectedTurns(NamedTuple):
    """The turns found in a text, and one line per kind of problem met on the way."""

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
    whitespace. Turn offsets are trimmed of surrounding whitespace, and a label
    with no speech after it gives no turn at all. ``labels`` are labels the
    user vouches for: taken in any label shape wherever they occur.
    """
    user_keys = frozenset(
        key for key in (label_key(label.strip().removesuffix(":")) for label in labels) if key
    )
    candidates, header_end = _find_candidates(text, user_keys)
    accepted, rejected = _judge(candidates)
    turns = _turns(text, accepted, speaker_aliases)
    first_label = accepted[0].line_start if accepted else len(text)
    in_speech = [c for c in rejected if c.line_start > first_label and c.line_start >= header_end]
    return DetectedTurns(unify_speakers(turns), _not_taken_warnings(text, in_speech))


def unify_speakers(turns: Sequence[TurnSpan]) -> tuple[TurnSpan, ...]:
    """One name per speaker: spellings that differ in case or spacing become the most frequent.

    Typists write "INTERVIEWEE" on one line and "Interviewee" on the next;
    counting them as two people would split every per-speaker figure.
    """
    rename = unified_spellings(turn.speaker for turn in turns)
    if not rename:
        return tuple(turns)
    return tuple(
        turn._replace(speaker=rename[turn.speaker]) if turn.speaker in rename else turn
        for turn in turns
    )


def unified_spellings(names: Iterable[str | None]) -> dict[str, str]:
    """The names (one per turn or cue) to respell, each to its speaker's most frequent spelling.

    Ties go to the spelling seen first. Captions use this on their cues before
    consecutive cues of one speaker are merged into a turn.
    """
    uses = Counter(name for name in names if name is not None)
    spelling_of = {raw: " ".join(raw.split()) for raw in uses}
    spellings: dict[str, Counter[str]] = {}
    for raw, count in uses.items():
        spellings.setdefault(spelling_of[raw].casefold(), Counter())[spelling_of[raw]] += count
    rename: dict[str, str] = {}
    for raw, spelling in spelling_of.items():
        # max() keeps the first of equals: the spelling seen first wins a tie
        chosen = max(spellings[spelling.casefold()].items(), key=itemgetter(1))[0]
        if chosen and chosen != raw:
            rename[raw] = chosen
    return rename


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


def is_plausible_speaker(label: str, occurrences: int) -> bool:
    """Whether a label counts as a speaker, given how often it occurs in the document."""
    _, _, kind = label_facts(label)
    if kind is LabelKind.KNOWN:
        return True
    if kind in (LabelKind.NOT_A_LABEL, LabelKind.NEVER_SINGLE):
        return False
    return occurrences >= 2 or kind is LabelKind.NAME


def _find_candidates(text: str, user_keys: frozenset[str]) -> tuple[list[Candidate], int]:
    """Every label-like line, and the offset of the first line after the header block.

    The header block ("Interviewer: Anna de Vries", "Datum: 14 maart 2018")
    is the run of short field-like lines at the top, ended by a blank line, a
    sentence or a label seen before. Labels rejected in it are not a speaker
    change in the middle of speech and are not warned about.
    """
    candidates: list[Candidate] = []
    header_end = -1
    header_keys: set[str] = set()
    header_started = False
    position = 0
    for line in text.split("\n"):
        candidate = match_label_line(line, position, user_keys)
        if candidate is not None:
            candidates.append(candidate)
        if header_end < 0:
            if not line.strip():
                header_end = position if header_started else -1
            elif not _is_field_like(line) or (candidate and candidate.key in header_keys):
                header_end = position
            else:
                header_started = True
                if candidate is not None:
                    header_keys.add(candidate.key)
        position += len(line) + 1
    return candidates, header_end if header_end >= 0 else position


def _is_field_like(line: str) -> bool:
    """A title or "Field: value" line rather than speech: short, not ending a sentence."""
    stripped = line.rstrip()
    return len(stripped) <= _MAX_HEADER_LINE and not stripped.endswith((".", "?", "!", "…"))


def _judge(candidates: Sequence[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates taken as speakers and those left as speech."""
    counts = Counter(candidate.key for candidate in candidates)
    established: frozenset[str] | None = None  # only needed, and found, for own-line shapes
    accepted: list[Candidate] = []
    rejected: list[Candidate] = []
    decisions: dict[tuple[str, Strength, str], bool] = {}
    for candidate in candidates:
        signature = (candidate.key, candidate.strength, candidate.shape)
        taken = decisions.get(signature)
        if taken is None:
            if established is None and candidate.strength is Strength.WEAK:
                established = _established_shapes(candidates, counts)
            recurs = counts[candidate.key] >= 2
            taken = _is_accepted(candidate, recurs, established or frozenset())
            decisions[signature] = taken
        (accepted if taken else rejected).append(candidate)
    return accepted, rejected


def _established_shapes(candidates: Sequence[Candidate], counts: Counter[str]) -> frozenset[str]:
    """Own-line shapes that mark two or more speakers who recur (or known roles).

    A report has headings too, but each once; a transcript with ``### Name``
    labels repeats them, and then a one-off ``### Anouk`` is a speaker as well.
    """
    speakers: defaultdict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        if candidate.strength is Strength.WEAK and (
            candidate.chosen_by_user
            or candidate.kind is LabelKind.KNOWN
            or (counts[candidate.key] >= 2 and candidate.kind is not LabelKind.NEVER_SINGLE)
        ):
            speakers[candidate.shape].add(candidate.key)
    return frozenset(shape for shape, keys in speakers.items() if len(keys) >= 2)


def _is_accepted(candidate: Candidate, recurs: bool, established: frozenset[str]) -> bool:
    """The guards, strongest evidence first: the user, the label's words, recurrence, shape."""
    kind = candidate.kind
    if candidate.chosen_by_user or kind is LabelKind.KNOWN:
        return True
    if kind is LabelKind.NEVER_SINGLE:
        return False
    if recurs:
        return True
    if kind is LabelKind.NEVER_PHRASE:
        return False
    if candidate.strength is Strength.STRONG:
        return True
    if kind is LabelKind.RECURRING_ONLY:
        return False
    return candidate.strength is Strength.NORMAL or candidate.shape in established


def _turns(
    text: str, accepted: Sequence[Candidate], aliases: Mapping[str, str] | None
) -> list[TurnSpan]:
    turns: list[TurnSpan] = []
    before = _trim(text, 0, accepted[0].line_start if accepted else len(text))
    if before is not None:
        turns.append(TurnSpan(before[0], before[1], None))
    ends = [candidate.line_start for candidate in accepted[1:]] + [len(text)] if accepted else []
    speakers: dict[str, str] = {}
    for candidate, end in zip(accepted, ends, strict=True):
        span = _trim(text, candidate.content_start, end)
        if span is None:
            continue  # a label with no speech after it: the label itself is not speech
        speaker = speakers.get(candidate.label)
        if speaker is None:
            speaker = speakers[candidate.label] = resolve_alias(candidate.label, aliases)
        turns.append(TurnSpan(span[0], span[1], speaker, candidate.timecode))
    return turns


def _not_taken_warnings(text: str, rejected: Sequence[Candidate]) -> tuple[str, ...]:
    if not rejected:
        return ()
    shown = [
        f"line {_line_number(text, c.line_start)} '{_shown_label(text, c)}'"
        for c in rejected[:MAX_WARNING_EXAMPLES]
    ]
    more = len(rejected) - len(shown)
    if more:
        shown.append(f"and {more} more")
    lines = "line" if len(rejected) == 1 else "lines"
    speakers = "a speaker" if len(rejected) == 1 else "speakers"
    return (
        f"{len(rejected)} label-like {lines} not taken as {speakers}, "
        f"their text kept in the turn before: {', '.join(shown)}",
    )


def _line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _shown_label(text: str, candidate: Candidate) -> str:
    label = " ".join(text[candidate.line_start : candidate.content_start].split())
    if len(label) > _MAX_SHOWN_LABEL:
        return label[: _MAX_SHOWN_LABEL - 1] + "…"
    return label


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
