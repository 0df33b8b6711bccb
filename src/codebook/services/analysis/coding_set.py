"""The codings of a selection loaded once, and every count table made from them.

The report builds many tables from one selection, so the codings, their
documents' attributes and the code tree are read once into a ``CodingSet``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Case, CaseDocument, Document, Turn
from codebook.domain import AttributeValue, CodebookError
from codebook.domain.analysis import (
    MISSING,
    TOTAL,
    UNIT_LABELS,
    CountedCoders,
    Tabulation,
    Unit,
    Within,
    check_unit,
    check_within,
)
from codebook.domain.code_tree import CodeTree
from codebook.domain.queries import NO_FILTERS, Filters
from codebook.domain.transcripts import attribute_text
from codebook.services.analysis.grid import ColumnsOf, Grid, Row, natural_order
from codebook.services.codebook.codes import load_code_tree
from codebook.services.documents import sentence_bounds
from codebook.services.retrieval.coders import counted_coders, plan_counting
from codebook.services.retrieval.evaluation import CodingRecord, fetch_codings
from codebook.services.retrieval.lookups import attributes_by_document, matching_documents

_WORD = re.compile(r"\w+")


@dataclass
class CodingSet:
    """The codings a filter allows, loaded once, for as many tables as needed.

    It holds the session it was loaded with and reads texts, sentences, turns
    and cases from it only when a table needs them, so use it inside the same
    ``store.read()`` block.
    """

    session: Session
    filters: Filters
    records: list[CodingRecord]
    documents: dict[int, str]
    attributes: dict[int, Mapping[str, AttributeValue]]
    #: every code, retired ones too (a filter may reach their codings)
    tree: CodeTree
    #: the live codes in codebook order, and the live top-level ones: the default rows
    order: list[int]
    top: list[int]
    #: whose codings count, said with every table
    counted: CountedCoders
    by_code: dict[int, list[CodingRecord]] = field(default_factory=dict)
    _words_at: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        session: Session,
        filters: Filters = NO_FILTERS,
        code_ids: Sequence[int] | None = None,
    ) -> CodingSet:
        """Load the codings ``filters`` allow; with ``code_ids``, only those codes' codings
        (tables then count nothing for other codes; the report loads just its themes)."""
        allowed = matching_documents(session, filters.where)
        names = {
            i: n
            for i, n in session.execute(select(Document.id, Document.name))
            if allowed is None or i in allowed
        }
        live = load_code_tree(session, include_retired=False)
        plan = plan_counting(session, filters)
        records = fetch_codings(session, code_ids, filters, plan)
        by_code: dict[int, list[CodingRecord]] = defaultdict(list)
        for r in records:
            by_code[r.code_id].append(r)
        return cls(
            session=session,
            filters=filters,
            records=records,
            documents=names,
            attributes=attributes_by_document(session),
            tree=load_code_tree(session, include_retired=True),
            order=list(live),
            top=list(live.children()),
            counted=counted_coders(session, plan, allowed, code_ids),
            by_code=dict(by_code),
        )

    # ------------------------------------------------------------------ building blocks

    def rows(self, codes: Sequence[int] | None = None, with_children: bool = False) -> list[Row]:
        """(label, code ids) per row. Default: every live code, or with children the themes."""
        chosen = list(codes) if codes is not None else self.top if with_children else self.order
        return [
            (
                self.tree.path(c),
                frozenset(self.tree.descendants(c)) if with_children else frozenset((c,)),
            )
            for c in chosen
        ]

    def attribute_values(self, name: str) -> list[str]:
        """The values ``name`` takes among the documents in scope (MISSING if some lack it)."""
        values = {
            attribute_text(self.attributes[d][name])
            if name in self.attributes.get(d, {})
            else MISSING
            for d in self.documents
        }
        return sorted(values, key=natural_order)

    def _word_spans(self, doc: int) -> tuple[list[int], list[int]]:
        """Starts and ends of the words of a document, read and scanned once."""
        found = self._words_at.get(doc)
        if found is None:
            text = self.session.scalar(select(Document.text).where(Document.id == doc)) or ""
            spans = [m.span() for m in _WORD.finditer(text)]
            found = ([s for s, _ in spans], [e for _, e in spans])
            self._words_at[doc] = found
        return found

    def _words(self, ranges: list[tuple[int, int, int]]) -> int:
        """Words touched by the union of (doc, start, end) ranges: words with
        start < range end and end > range start, counted by bisection."""
        total = 0
        ranges.sort()
        merged: list[list[int]] = []
        for doc, start, end in ranges:
            if merged and merged[-1][0] == doc and start <= merged[-1][2]:
                merged[-1][2] = max(merged[-1][2], end)
            else:
                merged.append([doc, start, end])
        for doc, start, end in merged:
            starts, ends = self._word_spans(doc)
            total += bisect.bisect_left(starts, end) - bisect.bisect_right(ends, start)
        return total

    def tabulate(self, grid: Grid, unit: Unit) -> Tabulation:
        """The core of every table but co-occurrence: ``unit`` per cell of ``grid``."""
        unit = check_unit(unit)
        cells: list[list[int]] = [[0] * len(grid.columns) for _ in grid.rows]
        for (i, j), members in self._cells(grid).items():
            if unit == "segments":
                cells[i][j] = len({r.id for r in members})
            elif unit == "documents":
                cells[i][j] = len({r.doc for r in members})
            else:
                cells[i][j] = self._words([(r.doc, r.start, r.end) for r in members])
        return Tabulation(
            grid.index_name,
            grid.rows,
            grid.columns,
            tuple(map(tuple, cells)),
            UNIT_LABELS[unit],
            self.counted,
        )

    def cell(self, grid: Grid, row: str, column: str) -> list[CodingRecord]:
        """The codings ``tabulate`` counts in one cell (for listing the quotes behind it)."""
        if row not in grid.rows or column not in grid.columns:
            raise CodebookError(
                "no cell '{row}' x '{column}' in this table", row=row, column=column
            )
        where = (grid.rows.index(row), grid.columns.index(column))
        return self._cells(grid).get(where, [])

    def _cells(self, grid: Grid) -> dict[tuple[int, int], list[CodingRecord]]:
        """Each cell's codings; a coding counts once per cell even if it lands there twice."""
        found: dict[tuple[int, int], dict[int, CodingRecord]] = defaultdict(dict)
        for code_id in grid.codes:
            for r in self.by_code.get(code_id, ()):
                if r.doc in self.documents:
                    for place in grid.places(r):
                        found[place][r.id] = r
        return {place: list(members.values()) for place, members in found.items()}

    def code_grid(self, rows: Sequence[Row], columns_of: ColumnsOf, columns: Sequence[str]) -> Grid:
        """Codes as rows (each row a set of code ids), ``columns_of`` placing each coding."""
        rows_of: dict[int, list[int]] = defaultdict(list)
        for i, (_, ids) in enumerate(rows):
            for code_id in ids:
                rows_of[code_id].append(i)
        col_index = {c: j for j, c in enumerate(columns)}

        def places(r: CodingRecord) -> list[tuple[int, int]]:
            cols = [col_index[c] for c in columns_of(r) if c in col_index]
            return [(i, j) for i in rows_of[r.code_id] for j in cols]

        labels = tuple(label for label, _ in rows)
        return Grid("code", labels, tuple(columns), frozenset(rows_of), places)

    # ------------------------------------------------------------------ grids

    def frequency_grid(
        self,
        by: str | None = None,
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
        total: bool = True,
    ) -> Grid:
        """Codes x values of attribute ``by`` (documents without it: MISSING), plus TOTAL.

        TOTAL is counted, not summed: a document coded in two columns counts
        once in its total, and so does a word.
        """
        rows = self.rows(codes, with_children)
        if by is None:
            return self.code_grid(rows, lambda r: (TOTAL,), [TOTAL])
        name = self._attribute_name(by)
        value_of = self._value_of(name)

        def columns_of(r: CodingRecord) -> tuple[str, ...]:
            return (value_of(r.doc), TOTAL) if total else (value_of(r.doc),)

        values = self.attribute_values(name)
        return self.code_grid(rows, columns_of, [*values, *([TOTAL] if total else [])])

    def matrix_grid(
        self,
        cases: str | None = None,
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
    ) -> Grid:
        """Codes x cases. ``cases``: ``"documents"``, ``"cases"`` (the case table; a case
        linked to one speaker of a document gets only that speaker's codings), an
        attribute name (its values), or ``None``: cases when any exist, else documents.
        """
        rows = self.rows(codes, with_children)
        if cases is None:
            has_cases = self.session.scalar(select(CaseDocument.id).limit(1)) is not None
            cases = "cases" if has_cases else "documents"
        if cases == "documents":
            names = self.documents
            order = sorted(names.values(), key=natural_order)
            return self.code_grid(rows, lambda r: (names[r.doc],), order)
        if cases == "cases":
            return self._case_grid(rows)
        return self.frequency_grid(cases, codes=codes, with_children=with_children, total=False)

    def crosstab_grid(
        self,
        rows_by: str,
        columns_by: str,
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
    ) -> Grid:
        """Values of one attribute x values of another (werkplaats x rol), plus TOTALs.

        Counts the codings of ``codes`` (with their subtrees when
        ``with_children``), or of every live code; a coding counts in the cell
        of its document's two values.
        """
        row_name, column_name = self._attribute_name(rows_by), self._attribute_name(columns_by)
        row_of, column_of = self._value_of(row_name), self._value_of(column_name)
        rows = [*self.attribute_values(row_name), TOTAL]
        columns = [*self.attribute_values(column_name), TOTAL]
        row_index = {v: i for i, v in enumerate(rows)}
        col_index = {v: j for j, v in enumerate(columns)}
        chosen = self.order if codes is None else list(codes)
        ids = {d for c in chosen for d in (self.tree.descendants(c) if with_children else [c])}

        def places(r: CodingRecord) -> list[tuple[int, int]]:
            i, j = row_index[row_of(r.doc)], col_index[column_of(r.doc)]
            total_i, total_j = len(rows) - 1, len(columns) - 1
            return [(i, j), (i, total_j), (total_i, j), (total_i, total_j)]

        return Grid(row_name, tuple(rows), tuple(columns), frozenset(ids), places)

    def _value_of(self, name: str) -> Callable[[int], str]:
        """A document's value of attribute ``name`` as a column label (MISSING without one)."""
        attrs = self.attributes

        def value(doc: int) -> str:
            doc_attrs = attrs.get(doc, {})
            return attribute_text(doc_attrs[name]) if name in doc_attrs else MISSING

        return value

    # ------------------------------------------------------------------ tables

    def frequencies(
        self,
        by: str | None = None,
        unit: Unit = "segments",
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
        total: bool = True,
    ) -> Tabulation:
        """Codes x values of attribute ``by``, plus TOTAL; see ``frequency_grid``."""
        grid = self.frequency_grid(by, codes=codes, with_children=with_children, total=total)
        return self.tabulate(grid, unit)

    def matrix(
        self,
        cases: str | None = None,
        unit: Unit = "segments",
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
    ) -> Tabulation:
        """Codes x cases, documents or attribute values; see ``matrix_grid``."""
        return self.tabulate(
            self.matrix_grid(cases, codes=codes, with_children=with_children), unit
        )

    def _case_grid(self, rows: Sequence[Row]) -> Grid:
        links: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
        names: set[str] = set(self.session.scalars(select(Case.name)))
        query = select(CaseDocument.document_id, Case.name, CaseDocument.speaker).join(
            Case, Case.id == CaseDocument.case_id
        )
        for doc, name, speaker in self.session.execute(query):
            links[doc].append((name, speaker))

        def columns_of(r: CodingRecord) -> list[str]:
            return [n for n, spk in links.get(r.doc, ()) if spk is None or spk == r.speaker]

        return self.code_grid(rows, columns_of, sorted(names, key=natural_order))

    def cooccurrence(
        self,
        within: Within = "segment",
        *,
        codes: Sequence[int] | None = None,
        with_children: bool = False,
    ) -> Tabulation:
        """Codes x codes: how often two codes meet; symmetric.

        ``segment``: pairs of overlapping codings (one of each code); the
        diagonal is the code's number of segments. ``sentence``/``turn``: the
        number of sentences (turns) touched by codings of both; the diagonal is
        the number touched by the code.
        """
        within = check_within(within)
        rows = self.rows(codes, with_children)
        row_of: dict[int, list[int]] = defaultdict(list)
        for i, (_, ids) in enumerate(rows):
            for code_id in ids:
                row_of[code_id].append(i)
        relevant = [r for c in row_of for r in self.by_code.get(c, ()) if r.doc in self.documents]
        cells = [[0] * len(rows) for _ in rows]
        if within == "segment":
            self._segment_pairs(relevant, row_of, cells)
        else:
            self._unit_pairs(relevant, row_of, cells, within)
        labels = tuple(label for label, _ in rows)
        return Tabulation(
            "code", labels, labels, tuple(map(tuple, cells)), UNIT_LABELS[within], self.counted
        )

    @staticmethod
    def _segment_pairs(
        records: list[CodingRecord], row_of: Mapping[int, list[int]], cells: list[list[int]]
    ) -> None:
        unique = {r.id: r for r in records}.values()
        by_doc: dict[int, list[CodingRecord]] = defaultdict(list)
        for rec in unique:
            by_doc[rec.doc].append(rec)
            for k in set(row_of[rec.code_id]):
                cells[k][k] += 1
        for items in by_doc.values():
            items.sort(key=lambda r: r.start)
            active: list[CodingRecord] = []
            for r in items:
                active = [a for a in active if a.end > r.start]
                for a in active:
                    for i in set(row_of[a.code_id]):
                        for j in set(row_of[r.code_id]):
                            if i != j:
                                cells[i][j] += 1
                                cells[j][i] += 1
                active.append(r)

    def _unit_pairs(
        self,
        records: list[CodingRecord],
        row_of: Mapping[int, list[int]],
        cells: list[list[int]],
        within: Within,
    ) -> None:
        docs = sorted({r.doc for r in records})
        bounds: dict[int, tuple[list[int], list[int]]] = {d: ([], []) for d in docs}
        if within == "sentence":
            bounds.update(sentence_bounds(self.session, docs))
        else:
            query = (
                select(Turn.document_id, Turn.start, Turn.end)
                .where(Turn.document_id.in_(docs))
                .order_by(Turn.document_id, Turn.start)
            )
            for doc, start, end in self.session.execute(query):
                bounds[doc][0].append(start)
                bounds[doc][1].append(end)
        present: dict[tuple[int, int], set[int]] = defaultdict(set)
        for r in records:
            starts, ends = bounds[r.doc]
            first = bisect.bisect_right(ends, r.start)
            last = bisect.bisect_left(starts, r.end)
            for unit in range(first, last):
                present[(r.doc, unit)].update(row_of[r.code_id])
        for members in present.values():
            for i in members:
                for j in members:
                    cells[i][j] += 1

    def _attribute_name(self, name: str) -> str:
        known = {n for values in self.attributes.values() for n in values}
        for candidate in known:
            if candidate.lower() == name.lower():
                return candidate
        if not known:
            raise CodebookError(
                "unknown attribute '{attribute}' (attributes: none yet)", attribute=name
            )
        raise CodebookError(
            "unknown attribute '{attribute}' (attributes: {attributes})",
            attribute=name,
            attributes=", ".join(sorted(known)),
        )
