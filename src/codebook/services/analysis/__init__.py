"""Counting codings: frequencies per attribute value, code x case matrices, co-occurrence,
and attribute x attribute crosstabs.

Every table is a ``Tabulation`` (``codebook.domain.analysis``) with codes as
rows (their paths, in codebook order; a crosstab's rows are one attribute's
values) and ``unit`` naming what the numbers count, so a printout can always
say "segments" or "words coded".

Units:

- ``segments``: coded passages; by default overlapping codings of one code
  by different coders are one segment, the project's reference coder alone
  counts when one is set, and only ``Filters.sum_coders`` counts every
  coder's coding (``retrieval.coders``);
- ``documents``: documents holding at least one such coding;
- ``words``: words in the text the codings cover, each word once per cell even
  when codings overlap (a word partly covered counts).

``CodingSet`` loads the codings once for several tables (the report needs many);
the module-level functions are one-table shorthands. A table but
co-occurrence is a ``Grid`` placing each coding in its cells, counted by
``tabulate``; ``cells`` lists the quotes behind one cell from the same grid. Every table
also carries ``counted``, a ``CountedCoders`` saying whose codings it
counted and which documents are double-coded, for the faces to print.
"""

from codebook.services.analysis.coding_set import CodingSet
from codebook.services.analysis.grid import Grid, natural_order
from codebook.services.analysis.tables import code_case_matrix, cooccurrence, frequencies

__all__ = ["CodingSet", "Grid", "code_case_matrix", "cooccurrence", "frequencies", "natural_order"]
