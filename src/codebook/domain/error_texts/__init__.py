"""The Dutch lines of the errors the services raise, keyed by their English template.

One module per area keeps each table short enough to review beside the code
that raises its messages: importing (readers, sidecars, the demo), exchange
(REFI-QDA, exports, storage), codebook (codes, revisions, codebook files) and
work (coding, memos, cases, speakers, text edits, analysis, the door) and
faces (what the CLI and the TUI raise themselves).
Imported only when a message is shown in another language than English.
"""

from __future__ import annotations

from functools import cache

from codebook.domain.error_texts import (
    codebook,
    exchange,
    faces,
    importing,
    languages,
    search,
    suggestions,
    surveys,
    work,
)


@cache
def _tables() -> dict[str, dict[str, str]]:
    dutch: dict[str, str] = {}
    areas = (importing.DUTCH, exchange.DUTCH, codebook.DUTCH, work.DUTCH, faces.DUTCH)
    for table in (*areas, surveys.DUTCH, suggestions.DUTCH, search.DUTCH, languages.DUTCH):
        dutch.update(table)
    return {"nl": dutch}


def translation(template: str, lang: str) -> str:
    """The template in ``lang``: the same English template when there is none."""
    return _tables().get(lang, {}).get(template, template)


def tables() -> dict[str, dict[str, str]]:
    """Every translated template per language, for the tests that check their coverage."""
    return _tables()
