"""Codings made under an earlier definition of their code, waiting for the analyst's look."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codebook.domain.codings import CodingView

#: Why a coding waits: its code's definition changed, another code was merged
#: into its code, or its code came out of a split after the coding was made.
ReviewReason = Literal["redefined", "merged", "split"]


@dataclass(frozen=True)
class DefinitionField:
    """One definition field as the coding was made under it (``old``) and as it is now."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ReviewItem:
    """A coding that awaits review, with what the analyst needs to decide on it.

    ``changed_in`` is the codebook version whose revision made the coding
    questionable (the latest, when several did); the definition is compared
    between the version the coding was made under and now.
    """

    coding: CodingView
    document: str
    turn: int | None
    speaker: str | None
    code_path: str
    reason: ReviewReason
    changed_in: int
    definition: tuple[DefinitionField, ...]
    before: str
    after: str


@dataclass(frozen=True)
class ReviewQueue:
    """The codings awaiting review, in codebook then document order, and how many per code."""

    items: tuple[ReviewItem, ...]
    counts: tuple[tuple[str, int], ...]
    codebook_version: int


@dataclass(frozen=True)
class ReviewedCount:
    """How many of a code's codings were re-checked since it changed in ``changed_in``."""

    reviewed: int
    changed_in: int
