"""What a project holds, in a few numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectSummary:
    name: str
    language: str
    codebook_version: int
    documents: int
    words: int
    codes: int
    codings: int
    coders: list[str]
