"""Which turns a corrected transcript has, and who speaks in them.

The rule, as the plan states it: when the corrected file has the same speaker
labels in the same places (every turn of the document, moved through the
diff, overlaps the file's turn of the same position, and the counts agree),
the structure is unchanged. Each turn then takes its place from the file and
keeps its speaker and timecodes, so a speaker renamed after the import (or
named through an alias) stays renamed. Only where the file corrects a label
(the text before the turn reads differently) and the turn still has the name
that label gave it (the old label holds it as typed) does the turn take the
file's speaker: "Marike:" corrected to "Marieke:" renames that turn, while a
turn renamed to "Sanne de Boer" stays so whatever its label now says. When
labels were added or removed, the turn structure follows
the file: its turns, timecodes and speakers, with every rename that the old
turns show for an unchanged label carried over to that speaker's new turns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from codebook.domain import TurnSpan
from codebook.services.text_edits.remap import OffsetMap, Span


@dataclass(frozen=True)
class TurnOutcome:
    """The turns of the corrected text and how they came about, for the plan."""

    turns: tuple[TurnSpan, ...]
    restructured: bool = False
    added: int = 0
    removed: int = 0
    relabelled: int = 0


def follow_file(
    old_text: str,
    new_text: str,
    stored: Sequence[TurnSpan],
    found: Sequence[TurnSpan],
    offsets: OffsetMap,
) -> TurnOutcome:
    """The turns after replacing ``old_text`` (with ``stored`` turns) by a file's ``new_text``."""
    placed = [offsets.span(turn.start, turn.end) for turn in stored]
    pairs = _matched(placed, [(turn.start, turn.end) for turn in found])
    if len(pairs) == len(stored) == len(found):
        return _same_structure(old_text, new_text, stored, found)
    renames: dict[str | None, set[str | None]] = {}
    for i, j in pairs:
        if _label(old_text, stored, i) == _label(new_text, found, j):
            renames.setdefault(found[j].speaker, set()).add(stored[i].speaker)
    kept = {new: next(iter(old)) for new, old in renames.items() if len(old) == 1}
    turns = tuple(turn._replace(speaker=kept.get(turn.speaker, turn.speaker)) for turn in found)
    return TurnOutcome(
        turns, restructured=True, added=len(found) - len(pairs), removed=len(stored) - len(pairs)
    )


def _same_structure(
    old_text: str, new_text: str, stored: Sequence[TurnSpan], found: Sequence[TurnSpan]
) -> TurnOutcome:
    """The file's places with the document's speakers and timecodes, but corrected labels."""
    turns = []
    relabelled = 0
    for i, (old, new) in enumerate(zip(stored, found, strict=True)):
        speaker = old.speaker
        label = _label(old_text, stored, i)
        if old.speaker and old.speaker in label and label != _label(new_text, found, i):
            relabelled += new.speaker != old.speaker
            speaker = new.speaker
        turns.append(TurnSpan(new.start, new.end, speaker, old.timecode, old.timecode_end))
    return TurnOutcome(tuple(turns), relabelled=relabelled)


def _matched(placed: Sequence[Span], found: Sequence[Span]) -> list[tuple[int, int]]:
    """Pairs of an old turn (moved into the new text) and a new turn that overlap, in order.

    Ends count as inside, so an empty turn (a label with nothing after it)
    still meets its counterpart; different turns never touch, a label lies
    between them.
    """
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < len(placed) and j < len(found):
        (old_start, old_end), (new_start, new_end) = placed[i], found[j]
        if max(old_start, new_start) <= min(old_end, new_end):
            pairs.append((i, j))
            i += 1
            j += 1
        elif old_end < new_start:
            i += 1
        else:
            j += 1
    return pairs


def _label(text: str, turns: Sequence[TurnSpan], index: int) -> str:
    """The last line of text before a turn, after the one before it: its speaker label as typed."""
    since = turns[index - 1].end if index else 0
    return text[since : turns[index].start].strip().rpartition("\n")[2]
