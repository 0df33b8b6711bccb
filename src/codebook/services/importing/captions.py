"""Turning caption cues (WebVTT, SRT) into transcript text with one line per turn.

Subtitle tools cut speech into cues of a few seconds; coding works on what a
person said in one go. So consecutive cues of the same speaker are merged into
one turn, keeping the first cue's start and the last cue's end as timecodes.
Cues without a known speaker are not merged: their timing is the only
structure they have.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from codebook.domain import TurnSpan
from codebook.services.importing.extracted import Cue
from codebook.services.importing.normalize import normalize_text
from codebook.services.importing.speakers import (
    is_plausible_speaker,
    resolve_alias,
    unified_spellings,
)

_TAG = re.compile(r"<[^>\n]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}\n]*\}")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*[ \t]+([^>\n]+)>")
_PREFIX = re.compile(
    r"(?:\[(?P<bracketed>[^\]\n<>]{1,60})\][ \t]*:?|(?P<label>[^:\n<>]{1,60}):)[ \t]+"
)
_SPACES = re.compile(r"\s+")


def cue_text_parts(
    raw_text: str, normalize: Callable[[str], str] = normalize_text
) -> list[tuple[str | None, str]]:
    """Split raw cue text into ``(voice, plain text)`` parts at ``<v Name>`` tags.

    Text before any voice tag gets voice None. Tags and ASS overrides such as
    ``{\\an8}`` are removed, entities decoded and whitespace (including the
    line breaks inside a cue) collapsed to single spaces. ``normalize`` runs
    after the entities are decoded, since ``&#x202e;`` is a character only then.
    """
    parts: list[tuple[str | None, str]] = []
    voice: str | None = None
    position = 0
    for match in _VOICE.finditer(raw_text):
        parts.append((voice, raw_text[position : match.start()]))
        voice = " ".join(normalize(html.unescape(match.group(1))).split()) or None
        position = match.end()
    parts.append((voice, raw_text[position:]))
    cleaned = [(voice, _plain(text, normalize)) for voice, text in parts]
    return [(voice, text) for voice, text in cleaned if text]


def attribute_prefixes(cues: Sequence[Cue]) -> list[Cue]:
    """Move a ``Name: `` or ``[Name]`` prefix at the start of a speakerless cue into its speaker.

    Zoom writes the speaker the first way, other transcription services the
    second; the same name-shape rules as for plain transcripts keep "Het punt
    is: ..." and "[Gelach]" from becoming a speaker.
    """
    found: list[tuple[Cue, str | None, int]] = []
    for cue in cues:
        match = _PREFIX.match(cue.text) if cue.speaker is None else None
        raw_label = (match.group("bracketed") or match.group("label")) if match else None
        label = " ".join(raw_label.split()) if raw_label else None
        found.append((cue, label, match.end() if match else 0))
    counts = Counter(label.casefold() for _, label, _ in found if label)
    result: list[Cue] = []
    for cue, label, end in found:
        if label and is_plausible_speaker(label, counts[label.casefold()]) and cue.text[end:]:
            result.append(Cue(cue.text[end:], cue.start, cue.end, label))
        else:
            result.append(cue)
    return result


def assemble(
    cues: Iterable[Cue],
    *,
    speaker_aliases: Mapping[str, str] | None = None,
    transform: Callable[[str], str] | None = None,
) -> tuple[str, tuple[TurnSpan, ...]]:
    """Build the stored text (``Speaker: text`` per line) and its turns.

    ``transform`` (pseudonymisation) is applied to every speaker name and cue
    text before the text is assembled, so the offsets index the result.
    Speaker names that differ only in case or spacing become one
    (``unified_spellings``) before cues are merged, so they merge too.
    """
    said: list[tuple[str | None, str, Cue]] = []
    for cue in cues:
        speaker = cue.speaker
        if speaker is not None:
            speaker = resolve_alias(speaker, speaker_aliases)
        text = cue.text
        if transform is not None:
            text = transform(text)
            speaker = transform(speaker) if speaker is not None else None
        if text:
            said.append((speaker, text, cue))
    rename = unified_spellings(speaker for speaker, _, _ in said)
    merged: list[tuple[str | None, list[str], float, float]] = []
    for raw_speaker, text, cue in said:
        speaker = rename.get(raw_speaker, raw_speaker) if raw_speaker is not None else None
        if merged and speaker is not None and merged[-1][0] == speaker:
            previous = merged[-1]
            previous[1].append(text)
            merged[-1] = (speaker, previous[1], previous[2], cue.end)
        else:
            merged.append((speaker, [text], cue.start, cue.end))

    lines: list[str] = []
    turns: list[TurnSpan] = []
    position = 0
    for speaker, texts, start, end in merged:
        prefix = f"{speaker}: " if speaker is not None else ""
        spoken = " ".join(texts)
        lines.append(prefix + spoken)
        turn_start = position + len(prefix)
        turns.append(TurnSpan(turn_start, turn_start + len(spoken), speaker, start, end))
        position = turn_start + len(spoken) + 1
    return "\n".join(lines), tuple(turns)


def _plain(text: str, normalize: Callable[[str], str]) -> str:
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", text))
    return _SPACES.sub(" ", normalize(html.unescape(text))).strip()
