"""The codebook's history and the differences between two of its versions, as values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    kind: str
    coder: str
    created_at: datetime
    reason: str
    summary: str


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
