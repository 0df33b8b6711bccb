"""Analytic memos and what they are written on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MemoTarget:
    """What a memo is written on: ``kind`` project/document/code, with the target's id."""

    kind: str
    id: int | None
    label: str  # the code's path, the document's name, or "" for the project
    retired: bool = False

    def describe(self) -> str:
        """English one-line naming for messages and journal entries."""
        if self.kind == "project":
            return "the project"
        return f"{self.kind} '{self.label}'"


@dataclass(frozen=True)
class MemoView:
    """One memo with its target and author named, detached from any session."""

    id: int
    target: MemoTarget
    coder_id: int
    coder: str
    title: str
    text: str
    created_at: datetime
    updated_at: datetime

    @property
    def edited(self) -> bool:
        return self.updated_at != self.created_at
