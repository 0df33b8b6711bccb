"""One table from one query: shorthands over ``CodingSet`` for callers that need a single table."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from codebook.domain.analysis import Tabulation, Unit, Within
from codebook.domain.queries import NO_FILTERS, Filters
from codebook.services.analysis.coding_set import CodingSet


def frequencies(
    session: Session,
    by: str | None = None,
    unit: Unit = "segments",
    *,
    filters: Filters = NO_FILTERS,
    codes: Sequence[int] | None = None,
    with_children: bool = False,
) -> Tabulation:
    """Codes x values of attribute ``by``, counting ``unit``; see ``CodingSet.frequencies``."""
    data = CodingSet.load(session, filters)
    return data.frequencies(by, unit, codes=codes, with_children=with_children)


def code_case_matrix(
    session: Session,
    cases: str | None = None,
    unit: Unit = "segments",
    *,
    filters: Filters = NO_FILTERS,
    codes: Sequence[int] | None = None,
    with_children: bool = False,
) -> Tabulation:
    """Codes x cases (documents, case table or attribute values); see ``CodingSet.matrix``."""
    data = CodingSet.load(session, filters)
    return data.matrix(cases, unit, codes=codes, with_children=with_children)


def cooccurrence(
    session: Session,
    within: Within = "segment",
    *,
    filters: Filters = NO_FILTERS,
    codes: Sequence[int] | None = None,
    with_children: bool = False,
) -> Tabulation:
    """Codes x codes meeting within a segment, sentence or turn; see ``CodingSet.cooccurrence``."""
    data = CodingSet.load(session, filters)
    return data.cooccurrence(within, codes=codes, with_children=with_children)
