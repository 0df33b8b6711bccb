"""Where a code's keywords occur in a quote, for a report that shows them in colour or bold.

The study's reports colour their "kernwoorden" so a reader sees at a glance
why a passage belongs to its theme. A keyword matches whole words, ignoring
case; a keyword ending in ``*`` matches every word it starts
("kennisdel*": kennisdeling, kennisdelen), since Dutch compounds and
inflections would otherwise need every form listed. A keyword of several
words matches them with any spacing between them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def keyword_pattern(keywords: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all the keywords, longest first so "school leader" wins over "school";
    None when there is no keyword to look for."""
    parts = []
    for keyword in sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True):
        prefix = keyword.endswith("*")
        words = keyword.rstrip("*").split()
        if not words:
            continue
        body = r"\s+".join(re.escape(word) for word in words)
        parts.append(body + (r"\w*" if prefix else "") + r"\b")
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def keyword_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """The (start, end) of each keyword in ``text``, in order, never overlapping."""
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(text)]
