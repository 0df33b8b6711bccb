"""The codebook's history and the differences between two of its versions, as values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    kind: str
    coder: str
    created_at: datetime
    reason: str
    summary: str


class WordChange(NamedTuple):
    """A run of text that ``old`` and ``new`` share, or that only one of them has."""

    op: Literal["equal", "delete", "insert"]
    text: str


def word_changes(old: str, new: str) -> list[WordChange]:
    """``old`` turned into ``new`` word by word (whitespace kept), in reading order.

    Words, not characters: a reader of a changed definition wants to see
    "school" replaced by "team", not "sch" kept and "ool" swapped.
    """
    import difflib

    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out: list[WordChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(WordChange("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(WordChange("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(WordChange("insert", "".join(b[j1:j2])))
    return out


@dataclass(frozen=True)
class FieldChange:
    """One field of one code, before and after, with an inline word diff."""

    field: str
    old: str
    new: str
    diff: str


@dataclass(frozen=True)
class DiffEntry:
    kind: str  # added, removed, retired, unretired, renamed, moved, merged, redefined, reordered
    path: str
    detail: str = ""
    fields: tuple[FieldChange, ...] = ()

    def lines(self) -> list[str]:
        head = f"{self.kind}: '{self.path}'" + (f" {self.detail}" if self.detail else "")
        return [head] + [f"  {c.field}: {c.diff}" for c in self.fields]


@dataclass(frozen=True)
class CodebookDiff:
    old_version: int
    new_version: int
    entries: tuple[DiffEntry, ...]

    def lines(self) -> list[str]:
        return [line for entry in self.entries for line in entry.lines()]

    def of_kind(self, kind: str) -> list[DiffEntry]:
        return [e for e in self.entries if e.kind == kind]
