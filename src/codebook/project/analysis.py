"""Use cases of analysis: quotes for a code query, and the count tables.

The query arrives as the analyst typed it (``"A" AND ("B" OR "C")``) and is
parsed here, so the CLI, the TUI and the exports all read it the same way.
How coders count (a union by default, the reference coder when one is set,
a sum on request) travels in the ``Filters``; ``counted_coders`` says what a
quote list counted, and every table carries it in ``attrs["counted"]``.
``cell_quotes`` lists what one cell counted, so a number can be read as quotes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from codebook.domain.analysis import KINDS, CountedCoders, TableRequest, Tabulation
from codebook.domain.codings import CodingView
from codebook.domain.errors import CodebookError
from codebook.domain.queries import NO_FILTERS, Filters, WhereMiss, parse_query
from codebook.domain.quotes import Quote
from codebook.project.base import ProjectBase


class AnalysisDoor(ProjectBase):
    def quotes(
        self,
        query: str,
        filters: Filters = NO_FILTERS,
        *,
        with_children: bool = False,
        context: int = 0,
    ) -> list[Quote]:
        """Every coded segment a code query matches, by document then position.

        ``context`` adds that many sentences before and after each quote; an
        unreadable query, an unknown code, attribute or coder is a CodebookError.
        """
        from codebook.services.retrieval.quotes import retrieve

        parsed = parse_query(query, with_children=with_children)
        with self._read() as session:
            return retrieve(session, parsed, filters, context=context)

    def counted_coders(self, filters: Filters = NO_FILTERS) -> CountedCoders:
        """Whose codings ``quotes`` with these filters counts, and the double-coded documents."""
        from codebook.services.retrieval.coders import counted_coders, plan_counting
        from codebook.services.retrieval.lookups import matching_documents

        with self._read() as session:
            plan = plan_counting(session, filters)
            return counted_coders(session, plan, matching_documents(session, filters.where))

    def reference_coder(self) -> str | None:
        """The coder whose codings alone count in tables and queries, if one is set."""
        from codebook.services.retrieval.coders import reference_coder

        with self._read() as session:
            return reference_coder(session)

    def set_reference_coder(self, name: str | None) -> None:
        """Count only ``name``'s codings from now on (None: every coder's, as a union).

        Undoable; a name that is not a coder of this project is a CodebookError.
        """
        from codebook.services.retrieval.coders import set_reference_coder

        with self._write() as session:
            set_reference_coder(session, self._acting(session), name)

    def check_where(self, where: Mapping[str, Sequence[str]]) -> list[WhereMiss]:
        """The filter's attribute names and values that no document has, each with the names
        or values that do exist; empty when every one of them is found somewhere."""
        from codebook.services.retrieval.lookups import where_misses

        if not where:
            return []
        with self._read() as session:
            return where_misses(session, where)

    def attribute_names(self) -> list[str]:
        """Every attribute some document has, alphabetically (ignoring case)."""
        from codebook.services.retrieval.lookups import attributes_by_document

        with self._read() as session:
            found = attributes_by_document(session)
        return sorted({name for values in found.values() for name in values}, key=str.casefold)

    def table(self, request: TableRequest) -> Tabulation:
        """A count table, its ``unit`` naming what is counted: codes as rows, or
        for a crosstab one attribute's values as rows and another's as columns."""
        from codebook.services.analysis import CodingSet, cooccurrence
        from codebook.services.analysis.cells import grid_for

        if request.kind not in KINDS:
            raise CodebookError(
                "unknown table '{kind}' (use {choices})",
                kind=request.kind,
                choices=", ".join(KINDS),
            )
        with self._read() as session:
            codes = [self._code_id(session, ref) for ref in request.codes] or None
            if request.kind == "cooccurrence":
                return cooccurrence(
                    session,
                    request.within,
                    filters=request.filters,
                    codes=codes,
                    with_children=request.with_children,
                )
            data = CodingSet.load(session, request.filters)
            return data.tabulate(grid_for(data, request, codes), request.unit)

    def cell_quotes(
        self, request: TableRequest, row: str, column: str, *, context: int = 0
    ) -> list[Quote]:
        """The quotes behind one cell of ``table(request)``: as many as the cell's segments.

        ``row`` and ``column`` are the frame's labels; a co-occurrence table
        or a label not in the table is a CodebookError.
        """
        from codebook.services.analysis.cells import cell_quotes

        with self._read() as session:
            codes = [self._code_id(session, ref) for ref in request.codes] or None
            return cell_quotes(session, request, codes, row, column, context=context)

    def coding_place(self, coding: int) -> CodingView:
        """Where coding number ``coding`` lies (document and range), to open it in place;
        an unknown number is a CodebookError."""
        from codebook.services.workspace import coding_view

        with self._read() as session:
            return coding_view(session, coding)
