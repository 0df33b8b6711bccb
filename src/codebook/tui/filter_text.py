"""Reading the filter fields of the retrieval and analysis screens into a ``Filters``.

The screens take the same ``--where`` syntax as the CLI (``werkplaats=WOA
rol=schoolleider``; repeat a key for OR) so an analyst can move a filter between
the terminal and the TUI unchanged. Values with spaces are quoted as in a shell
(``rol="ho onderzoeker"``). Coders are separated by commas because names
contain spaces.
"""

from __future__ import annotations

import shlex

from codebook.domain import CodebookError
from codebook.domain.queries import Filters, parse_where


def where_terms(text: str) -> list[str]:
    """``werkplaats=WOA rol="ho onderzoeker"`` -> ``["werkplaats=WOA", "rol=ho onderzoeker"]``."""
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise CodebookError("filter: {problem}", problem=exc) from None


def coder_names(text: str) -> tuple[str, ...]:
    """``anna, bram de vries`` -> ``("anna", "bram de vries")``; empty: every coder."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def filters_from_text(where: str, coders: str = "") -> Filters:
    """The filters the two fields describe; a ``CodebookError`` names what is wrong."""
    return Filters(parse_where(where_terms(where)), coder_names(coders))
