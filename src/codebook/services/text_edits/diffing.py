"""The character difference between a document's text and its correction.

diff-match-patch computes a Myers diff: O(ND), fast where the edit distance D
is small next to the length N. A correction that touches every line of a
long transcript makes D large too, and the time grows with D squared; so a
long text is first cut at landmarks, as a patience diff does: the first
``ANCHOR`` characters of a line that occur as a line start exactly once in
each text, kept in the same order in both. The pieces between landmarks
(about ``PIECE`` characters each) are diffed separately, and a 5 MB
transcript corrected on every line is compared in seconds. A landmark is
only ever an unchanged stretch, so the pieces' diffs together are a diff of
the whole.

The unit of change is the word. A character diff aligns "elke week" with
"maandelijks" letter by letter ("el", "k" kept), which would leave a coding
on "elke" covering "elij"; so every changed stretch that touches a word is
widened to that whole word, and the coding covers "maandelijks". Unchanged
characters elsewhere stay unchanged however short: unlike diff-match-patch's
semantic clean-up, which also swallows short unchanged words between two
edits, this never moves a coding that no edit touched.

``Diff_Timeout``: with no limit (0) a wrong file of a few megabytes could keep
the comparison busy for hours; with the library's default of one second a
large correction would silently come back as "everything replaced" and every
coding would snap to cover it. All pieces together get ``TIMEOUT`` seconds
(each call the time that is left), far more than a correction needs (a 5 MB
transcript with every line corrected takes a few seconds), and a comparison
that reaches the limit is reported as ``coarse``: the plan is refused unless
the analyst forces it, so a poor diff never passes as a good one.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

TIMEOUT = 20.0
ANCHOR = 48
PIECE = 2_000

_DELETE, _EQUAL = -1, 0  # diff-match-patch's operations (1 inserts)


class Hunk(NamedTuple):
    """One changed stretch: ``old_start:old_end`` in the old text became ``new_start:new_end``.

    A pure insertion has an empty old stretch, a pure deletion an empty new one.
    Hunks are separated by at least one unchanged character.
    """

    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class TextDiff:
    """The changed stretches between two texts, in order; everything else is unchanged."""

    hunks: tuple[Hunk, ...]
    old_length: int
    new_length: int
    coarse: bool = False

    @property
    def deleted(self) -> int:
        return sum(h.old_end - h.old_start for h in self.hunks)

    @property
    def inserted(self) -> int:
        return sum(h.new_end - h.new_start for h in self.hunks)

    @property
    def kept_share(self) -> float:
        """Unchanged characters over the longer text: below one half, probably another file."""
        longer = max(self.old_length, self.new_length)
        return (self.old_length - self.deleted) / longer if longer else 1.0

    def shifted(self, by: int, old_length: int, new_length: int) -> TextDiff:
        """This diff of a part (one turn's text) placed at ``by`` in the whole texts."""
        hunks = tuple(Hunk(a + by, b + by, c + by, d + by) for a, b, c, d in self.hunks)
        return TextDiff(hunks, old_length, new_length, self.coarse)


def text_diff(old: str, new: str) -> TextDiff:
    """The character diff of ``old`` and ``new``; ``coarse`` when it reached ``TIMEOUT``."""
    from diff_match_patch import diff_match_patch

    differ = diff_match_patch()
    deadline = time.monotonic() + TIMEOUT
    diffs: list[tuple[int, str]] = []
    old_at = new_at = 0
    for old_mark, new_mark in landmarks(old, new):
        differ.Diff_Timeout = max(deadline - time.monotonic(), 1e-9)  # 0 would mean no limit
        diffs.extend(differ.diff_main(old[old_at:old_mark], new[new_at:new_mark]))
        diffs.append((_EQUAL, old[old_mark : old_mark + ANCHOR]))
        old_at, new_at = old_mark + ANCHOR, new_mark + ANCHOR
    differ.Diff_Timeout = max(deadline - time.monotonic(), 1e-9)
    diffs.extend(differ.diff_main(old[old_at:], new[new_at:]))
    coarse = time.monotonic() >= deadline
    return TextDiff(whole_words(hunks_of(diffs), old, new), len(old), len(new), coarse)


def landmarks(old: str, new: str) -> list[tuple[int, int]]:
    """Where the same unique line start stands in both texts, in order, a piece apart."""
    in_old, in_new = _line_starts(old), _line_starts(new)
    pairs = sorted(
        (at, in_new[key]) for key, at in in_old.items() if at >= 0 and in_new.get(key, -1) >= 0
    )
    marks: list[tuple[int, int]] = []
    for old_at, new_at in _in_order(pairs):
        if not marks or (old_at >= marks[-1][0] + PIECE and new_at >= marks[-1][1] + ANCHOR):
            marks.append((old_at, new_at))
    return marks


def _line_starts(text: str) -> dict[str, int]:
    """The first ``ANCHOR`` characters of each line by where they stand; -1: more than once."""
    found: dict[str, int] = {}
    at = 0
    while at >= 0:
        key = text[at : at + ANCHOR]
        if len(key) == ANCHOR:
            found[key] = -1 if key in found else at
        at = text.find("\n", at) + 1 or -1
    return found


def _in_order(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by the first) whose second values rise too."""
    tails: list[int] = []  # per run length, the index of the pair ending the best such run
    ends: list[int] = []  # and that pair's second value
    before: list[int] = []
    for i, (_, second) in enumerate(pairs):
        length = bisect_left(ends, second)
        before.append(tails[length - 1] if length else -1)
        if length == len(tails):
            tails.append(i)
            ends.append(second)
        else:
            tails[length] = i
            ends[length] = second
    run: list[tuple[int, int]] = []
    i = tails[-1] if tails else -1
    while i >= 0:
        run.append(pairs[i])
        i = before[i]
    return run[::-1]


def hunks_of(diffs: Sequence[tuple[int, str]]) -> tuple[Hunk, ...]:
    """diff-match-patch's (operation, text) list as changed stretches with their offsets."""
    hunks: list[Hunk] = []
    old = new = 0
    old_start = new_start = -1
    for operation, text in diffs:
        if operation == _EQUAL:
            if old_start >= 0:
                hunks.append(Hunk(old_start, old, new_start, new))
                old_start = new_start = -1
            old += len(text)
            new += len(text)
            continue
        if old_start < 0:
            old_start, new_start = old, new
        if operation == _DELETE:
            old += len(text)
        else:
            new += len(text)
    if old_start >= 0:
        hunks.append(Hunk(old_start, old, new_start, new))
    return tuple(hunks)


def whole_words(hunks: Sequence[Hunk], old: str, new: str) -> tuple[Hunk, ...]:
    """The changed stretches widened to the words they touch, merged where they then meet.

    A stretch touches a word on one side when the unchanged character there
    and its own first (or last) character, old or new, are letters or digits:
    "tijd" to "tijdje" becomes the whole word replaced, while inserting " erg"
    after "tijd" leaves "tijd" alone.
    """
    out: list[Hunk] = []
    for i, (old_start, old_end, new_start, new_end) in enumerate(hunks):
        old_part, new_part = old[old_start:old_end], new[new_start:new_end]
        floor = out[-1].old_end if out else 0
        if old_start > floor and _joins(old[old_start - 1], old_part[:1], new_part[:1]):
            while old_start > floor and old[old_start - 1].isalnum():
                old_start -= 1
                new_start -= 1
        ceiling = hunks[i + 1].old_start if i + 1 < len(hunks) else len(old)
        if old_end < ceiling and _joins(old[old_end], old_part[-1:], new_part[-1:]):
            while old_end < ceiling and old[old_end].isalnum():
                old_end += 1
                new_end += 1
        if out and out[-1].old_end >= old_start:
            previous = out.pop()
            old_start, new_start = previous.old_start, previous.new_start
        out.append(Hunk(old_start, old_end, new_start, new_end))
    return tuple(out)


def _joins(neighbour: str, old_edge: str, new_edge: str) -> bool:
    return neighbour.isalnum() and (old_edge.isalnum() or new_edge.isalnum())
