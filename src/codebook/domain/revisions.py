"""Codebook revisions as values: what one did, and the previews shown before one is made.

A merge, a split and a codebook import are planned before anything changes,
so the analyst sees exactly what will move; the plans are what the preview
shows and what the revision then applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codebook.domain.codebook import CodebookSpec, CodeFields, CodeSpec


@dataclass(frozen=True)
class Revision:
    """What a revision did: the codebook version it made and a one-line summary."""

    version: int
    kind: str
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MergePlan:
    """What a merge will do, for a preview before it is made."""

    source_id: int
    target_id: int
    source: str
    target: str
    moving: list[int]
    collapsing: list[tuple[int, int]]  # (source coding, identical coding on the target)
    children: list[int]
    memos: list[int]

    def lines(self) -> list[str]:
        lines = [
            f"'{self.source}' is merged into '{self.target}' and retired",
            f"{len(self.moving)} codings move to '{self.target}'",
            f"{len(self.collapsing)} identical codings collapse into the target's",
            f"{len(self.children)} sub-codes move under '{self.target}'",
        ]
        if self.memos:
            lines.append(f"{len(self.memos)} memos on '{self.source}' move to '{self.target}'")
        return lines


@dataclass(frozen=True)
class SplitPlan:
    """Which coding goes to which new code, checked before anything changes."""

    code_id: int
    code: str
    new_codes: list[CodeFields]
    assignment: dict[int, int]  # coding id -> index into new_codes
    children_to: int  # index of the new code that takes the old code's sub-codes and memos
    memos: list[int]

    def counts(self) -> list[int]:
        out = [0] * len(self.new_codes)
        for index in self.assignment.values():
            out[index] += 1
        return out

    def lines(self) -> list[str]:
        lines = [f"'{self.code}' is split and retired"]
        for spec, count in zip(self.new_codes, self.counts(), strict=True):
            lines.append(f"new code '{spec.name}' gets {count} codings")
        if self.memos:
            heir = self.new_codes[self.children_to].name
            lines.append(f"{len(self.memos)} memos on '{self.code}' move to '{heir}'")
        return lines


@dataclass(frozen=True)
class PlanStep:
    """One line of an import plan, e.g. ``rename: 'A > B' -> 'C'``."""

    kind: str  # create, rename, redefine, move, reorder, retire, unretire, merge, codebook
    path: str
    detail: str = ""

    def line(self) -> str:
        return f"{self.kind}: '{self.path}'" + (f" {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class PlanEntry:
    """A code of the file, flattened: ``key`` is its pre-order index."""

    key: int
    spec: CodeSpec
    parent: int | None
    position: int
    depth: int
    path: str


@dataclass
class ImportPlan:
    """What importing a codebook file will change; ``steps`` is what the user sees."""

    steps: list[PlanStep]
    entries: list[PlanEntry]
    matches: dict[int, int]  # entry key -> code id
    updates: dict[int, dict[str, Any]]  # code id -> changed columns
    retire: list[int]
    meta: dict[str, str]
    created: int = 0
    codes_before: int = 0
    _signature: tuple[Any, ...] = field(default=(), repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.created or self.updates or self.retire or self.meta)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for step in self.steps:
            out[step.kind] = out.get(step.kind, 0) + 1
        return out

    def lines(self) -> list[str]:
        return [s.line() for s in self.steps]


@dataclass(frozen=True)
class CodebookImport:
    """A codebook file read and planned against the project, waiting to be applied.

    The plan is applied only if the project's codebook is still as it was when
    planned, so what the user confirmed is exactly what happens.
    """

    source: Path
    spec: CodebookSpec
    plan: ImportPlan
    with_meta: bool
