"""Fuzzy matching for the code palette: type a few letters of a name or path.

A query matches when its characters appear in order in the candidate
(case-insensitive). The score favours matches at word starts and in runs, and
shorter candidates, so "schlf" finds "Schoolleider faciliteert" before a long
path that merely contains those letters somewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
_SEPARATORS = " >/-_()"


def score(query: str, candidate: str) -> float | None:
    """Higher is better; None when ``query`` is not a subsequence of ``candidate``."""
    query = query.lower().replace(" ", "")
    if not query:
        return 0.0
    text = candidate.lower()
    total = 0.0
    pos = 0
    previous = -2
    for ch in query:
        found = text.find(ch, pos)
        if found == -1:
            return None
        bonus = 1.0
        if found == 0 or text[found - 1] in _SEPARATORS:
            bonus += 2.0
        if found == previous + 1:
            bonus += 1.5
        total += bonus
        previous = found
        pos = found + 1
    return total - len(text) * 0.01


def rank(
    query: str, items: Iterable[T], keys: Callable[[T], Sequence[str]], limit: int = 50
) -> list[T]:
    """Items matching ``query`` in any of their keys (name, path), best first.

    Ties keep the input order, which is codebook order.
    """
    scored: list[tuple[float, int, T]] = []
    for order, item in enumerate(items):
        values = [v for v in (score(query, k) for k in keys(item)) if v is not None]
        if values:
            scored.append((-max(values), order, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _score, _order, item in scored[:limit]]
