"""Which counting a producer used for its selections, and where they fall in our text.

REFI-QDA says positions count Unicode code points over the plain text, but
producers differ: NVivo for Windows counts UTF-16 code units (an emoji is 2),
some count a leading BOM, some read CRLF as one line end. Our stored text is
``normalize_text`` of the source (LF line ends, no BOM, control or bidi
characters or terminal escape sequences, other line breaks as spaces, NFC), so
every selection must be moved into it.

The counting is not written anywhere in a file; it is read from the
selections themselves. Each plausible counting is tried (code points or
UTF-16 units; a leading BOM counted or not, if there is one; the CR of a
CRLF counted or not, if there are any) and scored by how many selection
edges it puts in bad places: beyond the text, inside a surrogate pair, a
CRLF or an accented letter, or in the middle of a word. Analysts select words
and sentences, so the right counting puts far fewer edges inside words than
the others. The lowest score wins; ties go to what most tools do (code
points, BOM not counted, CR counted).

The mapping is kept sparse so that a source of a million words with a
hundred thousand selections takes well under a second: a text that is its
own normalized text, with nothing beyond the BMP, maps by identity;
otherwise only the special characters become breakpoints (found with numpy
over the code points, and for NFC per run of non-ASCII letters), and all
positions are mapped at once with ``searchsorted``. A position inside a
character that normalization changes (the ``e`` of ``e`` + U+0301) widens
to the whole character: a start moves before it, an end after it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from codebook.services.importing.normalize import normalize_text, stray_spans

Unit = Literal["code points", "UTF-16 code units"]
CODE_POINTS: Unit = "code points"
UTF16_UNITS: Unit = "UTF-16 code units"

#: At most this many selection edges (where the countings disagree) are scored.
SAMPLE = 5000

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Stretches NFC might change are runs of non-ASCII with the character before them (the
# base an accent composes with): NFC never changes anything across an ASCII character.
_RUNS = re.compile("([^\x00-\x7f]+)")
_ASCII = re.compile("[\x00-\x7f]")
# NFC is checked in blocks of about this many characters.
_BLOCK = 1 << 16

Array = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Counting:
    """How a producer counted positions in a source's plain text as stored in its file."""

    unit: Unit = CODE_POINTS
    bom_counted: bool = False
    cr_counted: bool = True

    def describe(self) -> str:
        """Short English for the import report: ``UTF-16 code units (a BOM counted)``."""
        notes = []
        if self.bom_counted:
            notes.append("a BOM counted")
        if not self.cr_counted:
            notes.append("CRLF counted as one")
        return f"{self.unit} ({', '.join(notes)})" if notes else self.unit

    def length(self, text: str) -> int:
        """The length of ``text`` (as stored in the file) in this counting."""
        length = len(text.encode("utf-16-le")) // 2 if self.unit == UTF16_UNITS else len(text)
        if text.startswith("\ufeff") and not self.bom_counted:
            length -= 1
        if not self.cr_counted:
            length -= text.count("\r\n")
        return length


@dataclass(frozen=True)
class Aligned:
    """A source's selections in our text.

    ``text`` is the normalized text; ``ranges`` holds, per selection in the
    order given, its code-point range in ``text`` (end exclusive), or None
    when it lies outside the text or is empty there.
    """

    text: str
    counting: Counting
    ranges: list[tuple[int, int] | None]


def align(
    text: str, selections: Sequence[tuple[int, int]], counting: Counting | None = None
) -> Aligned:
    """Map ``selections`` over ``text`` (as stored) into ``normalize_text(text)``.

    The counting is detected from the selections unless ``counting`` is given.
    """
    normalized = normalize_text(text)
    ranges: list[tuple[int, int] | None]
    if _plain(text, normalized):
        ranges = [_checked(s, e, len(text)) for s, e in selections]
        return Aligned(normalized, counting or Counting(), ranges)
    mapper = _Mapper(text, normalized)
    starts = np.fromiter((s for s, _ in selections), np.int64, len(selections))
    ends = np.fromiter((e for _, e in selections), np.int64, len(selections))
    if counting is None:
        counting = mapper.detect(np.concatenate([starts, ends]))
    first, _, start_outside = mapper.map(counting, starts, ceil=False)
    last, _, end_outside = mapper.map(counting, ends, ceil=True)
    valid = ~start_outside & ~end_outside & (last > first)
    ranges = [
        (s, e) if ok else None
        for s, e, ok in zip(first.tolist(), last.tolist(), valid.tolist(), strict=True)
    ]
    return Aligned(mapper.text, counting, ranges)


def detect(text: str, selections: Sequence[tuple[int, int]]) -> Counting:
    """The counting ``selections`` most likely use over ``text`` (as stored)."""
    normalized = normalize_text(text)
    if _plain(text, normalized):
        return Counting()
    edges = [p for selection in selections for p in selection]
    return _Mapper(text, normalized).detect(np.array(edges, dtype=np.int64))


def _plain(text: str, normalized: str) -> bool:
    """Whether ``text`` is its own normalized text and one unit per character in any
    counting: then positions map by identity (``==`` is instant when nothing changed)."""
    return normalized == text and _ASTRAL.search(text) is None


def _checked(start: int, end: int, length: int) -> tuple[int, int] | None:
    return (start, end) if 0 <= start < end <= length else None


@dataclass(frozen=True)
class _Breaks:
    """A monotone piecewise map: ``at`` are sorted positions where ``width`` differs from 1."""

    at: Array
    width: Array


class _Mapper:
    """One source's special characters, found once and shared by every candidate counting."""

    def __init__(self, raw: str, normalized: str) -> None:
        self.raw = raw
        self.text = normalized
        self.bom = raw.startswith("\ufeff")
        codes = np.frombuffer(raw.encode("utf-32-le"), np.uint32)
        self.astral = np.flatnonzero(codes > 0xFFFF)
        #: Where a CR of a CRLF is (normalization removes it; a producer may not count it).
        self.cr_of_crlf = np.zeros(len(codes), np.bool_)
        self.cr_of_crlf[:-1] = (codes[:-1] == 0x0D) & (codes[1:] == 0x0A)
        self.crlf = np.flatnonzero(self.cr_of_crlf)
        # What normalization removes, and the characters it replaces by a space
        # (one for one, so they move no position but NFC must see the space).
        removed = self.cr_of_crlf.copy()
        strays = stray_spans(raw)
        if strays:
            codes = codes.copy()
        for start, end, replacement in strays:
            if replacement:
                codes[start:end] = ord(replacement)
            else:
                removed[start:end] = True
        self.removed = np.flatnonzero(removed)
        kept = codes[~removed].tobytes().decode("utf-32-le") if strays or len(self.removed) else raw
        self.clusters = _changed_clusters(kept)

    def candidates(self) -> list[Counting]:
        """Every counting the text can tell apart, most usual first."""
        units = [CODE_POINTS, UTF16_UNITS] if len(self.astral) else [CODE_POINTS]
        boms = [False, True] if self.bom else [False]
        crs = [True, False] if len(self.crlf) else [True]
        return [Counting(u, b, c) for u in units for b in boms for c in crs]

    def detect(self, edges: Array) -> Counting:
        candidates = self.candidates()
        if len(candidates) == 1 or not len(edges):
            return candidates[0]
        mapped = [self.map(c, edges, ceil=False) for c in candidates]
        positions = np.stack([m[0] for m in mapped])
        bad = np.stack([m[1] | m[2] for m in mapped])
        differ = np.flatnonzero(
            (positions != positions[0]).any(axis=0) | (bad != bad[0]).any(axis=0)
        )
        if len(differ) > SAMPLE:
            differ = differ[np.linspace(0, len(differ) - 1, SAMPLE).astype(np.int64)]
        scores = [
            int(bad[k, differ].sum()) + self._inside_words(positions[k, differ[~bad[k, differ]]])
            for k in range(len(candidates))
        ]
        return candidates[min(range(len(candidates)), key=lambda k: (scores[k], k))]

    def _inside_words(self, positions: Array) -> int:
        """How many positions fall between two letters or digits, or before a combining mark."""
        text = self.text
        count = 0
        for n in positions.tolist():
            if 0 < n < len(text) and (
                (text[n - 1].isalnum() and text[n].isalnum()) or unicodedata.combining(text[n])
            ):
                count += 1
        return count

    def map(self, counting: Counting, positions: Array, *, ceil: bool) -> tuple[Array, Mask, Mask]:
        """Positions in ``counting`` -> positions in the normalized text.

        Also returns which positions split something (a surrogate pair, a CRLF
        or a character normalization changes; they are widened: down for a
        start, up for an end) and which lie outside the text.
        """
        raw, split, outside = self._to_raw(counting, positions, ceil=ceil)
        kept = raw - np.searchsorted(self.removed, raw, side="left")
        starts, ends, new_starts, new_ends, shift = self.clusters
        k = np.searchsorted(ends, kept, side="right")
        inside = _inside(starts, kept, k)
        normalized = kept + shift[k]
        if inside.any():
            snap = new_ends if ceil else new_starts
            normalized[inside] = snap[k[inside]]
        return normalized, split | inside, outside

    def _to_raw(
        self, counting: Counting, positions: Array, *, ceil: bool
    ) -> tuple[Array, Mask, Mask]:
        """Positions in ``counting`` -> indices into the raw text; which split a pair; which
        lie outside."""
        breaks = self._breaks(counting)
        extra = np.concatenate([[0], np.cumsum(breaks.width - 1)]).astype(np.int64)
        begins = breaks.at + extra[:-1]
        k = np.searchsorted(begins + breaks.width, positions, side="right")
        raw = positions - extra[k]
        split = _inside(begins, positions, k)
        if not ceil:
            raw = raw - split
        outside = (positions < 0) | (positions > len(self.raw) + extra[-1])
        raw = np.clip(raw, 0, len(self.raw))
        if counting.cr_counted and len(self.crlf):
            split |= (raw > 0) & self.cr_of_crlf[np.maximum(raw - 1, 0)]
        return raw, split, outside

    def _breaks(self, counting: Counting) -> _Breaks:
        parts: list[tuple[Array, int]] = []
        if counting.unit == UTF16_UNITS:
            parts.append((self.astral, 2))
        if self.bom and not counting.bom_counted:
            parts.append((np.zeros(1, np.int64), 0))
        if not counting.cr_counted:
            parts.append((self.crlf, 0))
        if not parts:
            return _Breaks(np.zeros(0, np.int64), np.zeros(0, np.int64))
        at = np.concatenate([p for p, _ in parts])
        width = np.concatenate([np.full(len(p), w, np.int64) for p, w in parts])
        order = np.argsort(at, kind="stable")
        return _Breaks(at[order], width[order])


def _inside(starts: Array, positions: Array, k: Array) -> Mask:
    """Whether each position lies strictly inside span ``k`` (spans sorted by start)."""
    if not len(starts):
        return np.zeros(len(positions), np.bool_)
    index = np.minimum(k, len(starts) - 1)
    result: Mask = (k < len(starts)) & (starts[index] < positions)
    return result


Clusters = tuple[Array, Array, Array, Array, Array]


def _changed_clusters(kept: str) -> Clusters:
    """The stretches NFC changes in ``kept`` (the raw text less what normalization removes).

    Returns their starts and ends in ``kept``, their starts and ends in the
    normalized text, and the length change before each (one more entry).
    Blocks already in NFC are skipped, and each distinct run of letters is
    worked out once (texts repeat their accented words).
    """
    found: list[tuple[int, int, int]] = []
    known: dict[str, tuple[tuple[int, int, int], ...]] = {}
    for begin, end in _blocks(kept):
        block = kept[begin:end]
        if unicodedata.is_normalized("NFC", block):
            continue
        parts = _RUNS.split(block)  # text, run, text, run, ..., text
        runs = [before[-1:] + run for before, run in zip(parts[::2], parts[1::2], strict=False)]
        for run in set(runs).difference(known):
            known[run] = _changes(run)
        lengths = np.fromiter(map(len, parts), np.int64, len(parts))
        ends = begin + np.cumsum(lengths)[::2]  # where each run starts: after the text before it
        found.extend(
            (at - len(run) + len(part) + offset, old, new)
            for at, run, part in zip(ends.tolist(), runs, parts[1::2], strict=False)
            for offset, old, new in known[run]
        )
    table = np.array(found, dtype=np.int64).reshape(-1, 3)
    starts, old, new = table.T
    shift = np.concatenate([[0], np.cumsum(new - old)]).astype(np.int64)
    new_starts = starts + shift[:-1]
    return starts, starts + old, new_starts, new_starts + new, shift


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """``text`` in blocks of about ``_BLOCK`` characters, each cut before an ASCII character."""
    begin = 0
    while begin < len(text):
        cut = _ASCII.search(text, begin + _BLOCK)
        end = cut.start() if cut else len(text)
        yield begin, end
        begin = end


def _changes(run: str) -> tuple[tuple[int, int, int], ...]:
    """Where NFC changes ``run``: (offset, length, length after NFC) of each changed cluster."""
    if unicodedata.is_normalized("NFC", run):
        return ()
    changes = []
    offset = 0
    for cluster in _clusters(run):
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            changes.append((offset, len(cluster), len(composed)))
        offset += len(cluster)
    return tuple(changes)


def _clusters(chunk: str) -> Iterator[str]:
    """Split ``chunk`` where NFC cannot reach across: before a starter that composes with
    nothing before it."""
    cluster = ""
    for ch in chunk:
        if cluster and _starts_anew(cluster, ch):
            yield cluster
            cluster = ch
        else:
            cluster += ch
    if cluster:
        yield cluster


def _starts_anew(cluster: str, ch: str) -> bool:
    """Whether ``ch`` starts with a starter that NFC does not join to ``cluster``."""
    if unicodedata.combining(unicodedata.normalize("NFD", ch)[0]):
        return False
    joined = unicodedata.normalize("NFC", cluster + ch)
    return joined == unicodedata.normalize("NFC", cluster) + unicodedata.normalize("NFC", ch)
