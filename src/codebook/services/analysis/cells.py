"""The quotes behind one cell of a count table, from the grid that counted it.

A number in a table is only trusted once its passages can be read, and only
if they are exactly the passages counted: so the cell's codings come from
the same ``Grid`` ``CodingSet.tabulate`` counts with, and each becomes the
quote the quotes screen shows for its code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.orm import Session

from codebook.domain import CodebookError
from codebook.domain.analysis import TableRequest
from codebook.domain.queries import Code
from codebook.domain.quotes import Quote
from codebook.services.analysis.coding_set import CodingSet
from codebook.services.analysis.grid import Grid, natural_order
from codebook.services.retrieval.quotes import retrieve


def grid_for(data: CodingSet, request: TableRequest, codes: Sequence[int] | None) -> Grid:
    """The grid of a frequencies, matrix or crosstab request (co-occurrence has none)."""
    children = request.with_children
    if request.kind == "frequencies":
        return data.frequency_grid(request.columns, codes=codes, with_children=children)
    if request.kind == "matrix":
        return data.matrix_grid(request.columns, codes=codes, with_children=children)
    if request.kind == "crosstab":
        if not request.rows or not request.columns:
            raise CodebookError("a crosstab needs two attributes: one for rows, one for columns")
        return data.crosstab_grid(
            request.rows, request.columns, codes=codes, with_children=children
        )
    raise CodebookError("table '{kind}' has no cells to list quotes of", kind=request.kind)


def cell_quotes(
    session: Session,
    request: TableRequest,
    codes: Sequence[int] | None,
    row: str,
    column: str,
    *,
    context: int = 0,
) -> list[Quote]:
    """The quotes behind one cell: one per segment the cell counts, as the quotes screen
    shows them (each code retrieved on its own, with the table's filters).

    Each segment is matched to its code's quote by range, so a passage two
    coders coded is one quote carrying both codings, as it is one segment.
    """
    data = CodingSet.load(session, request.filters)
    records = data.cell(grid_for(data, request, codes), row, column)
    found: dict[tuple[int, int, int, int], list[Quote]] = defaultdict(list)
    for code_id in sorted({r.code_id for r in records}):
        for quote in retrieve(session, Code(code_id), request.filters, context=context):
            found[(code_id, quote.document_id, quote.start, quote.end)].append(quote)
    out = [found[(r.code_id, r.doc, r.start, r.end)].pop() for r in records]
    return sorted(out, key=lambda q: (natural_order(q.document), q.start, q.end))
