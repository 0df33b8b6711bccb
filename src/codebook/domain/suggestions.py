"""Suggestions: passages the software thinks fit a code, which an analyst accepts or rejects.

Neither the codebook's keywords nor a learned model ever code anything:
they put suggestions in a queue, and only an analyst's accept makes a
coding, by that analyst. A rejected suggestion is remembered so it does not
come back when the keywords or the model run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SuggestionSource = Literal["keyword", "model"]
SuggestionStatus = Literal["open", "accepted", "rejected"]


@dataclass(frozen=True)
class Suggestion:
    """One suggested coding: a sentence of a document and the code it may belong to.

    ``keyword``: the codebook keyword that matched (source ``keyword``);
    ``confidence``: the model's probability (source ``model``).
    """

    id: int
    document: str
    start: int
    end: int
    text: str
    code: str
    source: SuggestionSource
    keyword: str | None
    confidence: float | None
    status: SuggestionStatus


@dataclass(frozen=True)
class SuggestionRun:
    """What a run of the keywords or of the model added to the queue, and what it left out
    because an analyst already rejected it, already coded it, or it is already queued."""

    added: int
    rejected_before: int
    already_coded: int
    already_queued: int


@dataclass(frozen=True)
class CodeScore:
    """How well the model predicts one code on sentences it was not trained on."""

    code: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class TrainingReport:
    """A trained model: the codes it learned, the ones skipped for too few examples (with
    their count), the sentences used, and its scores on the held-out sentences when
    evaluated."""

    codes: tuple[str, ...]
    skipped: tuple[tuple[str, int], ...]
    sentences: int
    seconds: float
    scores: tuple[CodeScore, ...] = ()
    held_out: int = 0
