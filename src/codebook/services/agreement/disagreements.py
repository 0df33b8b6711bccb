"""The units where coders differ, with the codings that made each count as coded.

The disagreement queue resolves differences one unit at a time, so each
``Disagreement`` names its document, its range in that document's own
offsets, who coded it with the code and who did not, and the codings
involved. For the ``character`` unit, neighbouring runs with the same coders
on each side are joined, so one half-agreed passage is one item, not many.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from codebook.domain.agreement import Disagreement, UnitCoding
from codebook.services.agreement.units import Layout, UnitTable

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class CodingRows:
    """The codings compared, one row per target code they count for, on the line."""

    coding_id: Ints
    document: Ints
    code_id: Ints
    target: Ints
    coder: Ints
    start: Ints
    end: Ints

    @classmethod
    def of(cls, rows: Sequence[tuple[int, int, int, int, int, int, int]]) -> CodingRows:
        columns = np.array(rows, dtype=np.int64).reshape(-1, 7).T
        return cls(*(np.ascontiguousarray(column) for column in columns))

    def key(self, n_coders: int) -> Ints:
        """The unit table's (code, coder) cell each coding counts in."""
        return self.target * n_coders + self.coder


Candidate = tuple[int, int, int, int, int]  # line start, line end, coding id, coder, code id


def _index(rows: CodingRows) -> dict[tuple[int, int], tuple[list[int], list[Candidate]]]:
    """Codings by (target, document), sorted by start, with the starts for bisecting."""
    grouped: dict[tuple[int, int], list[Candidate]] = {}
    for coding_id, doc, code_id, target, coder, start, end in zip(
        rows.coding_id.tolist(),
        rows.document.tolist(),
        rows.code_id.tolist(),
        rows.target.tolist(),
        rows.coder.tolist(),
        rows.start.tolist(),
        rows.end.tolist(),
        strict=True,
    ):
        grouped.setdefault((target, doc), []).append((start, end, coding_id, coder, code_id))
    out = {}
    for key, found in grouped.items():
        found.sort()
        out[key] = ([c[0] for c in found], found)
    return out


def find_disagreements(
    table: UnitTable,
    rows: CodingRows,
    layout: Layout,
    documents: Sequence[tuple[int, str, int]],
    coders: Sequence[str],
    code_ids: Sequence[int],
    paths: Sequence[str],
    *,
    join_runs: bool,
) -> tuple[Disagreement, ...]:
    """Every unit some but not all coders coded with a code, by code then position.

    ``join_runs`` (character runs) joins touching units with the same coders.
    """
    n_coders = len(coders)
    votes = table.coded.sum(axis=1)
    code_index, unit_index = np.nonzero((votes > 0) & (votes < n_coders))
    if code_index.size == 0:
        return ()
    starts, ends = table.start[unit_index], table.end[unit_index]
    owner = layout.document_of(starts)
    pattern = table.coded[code_index, :, unit_index]
    joins = (
        (code_index[1:] == code_index[:-1])
        & (owner[1:] == owner[:-1])
        & (starts[1:] == ends[:-1])
        & (pattern[1:] == pattern[:-1]).all(axis=1)
    )
    if not join_runs:
        joins[:] = False
    heads = np.flatnonzero(np.concatenate([[True], ~joins]))
    tails = np.append(heads[1:], code_index.size) - 1
    lookup = _index(rows)
    found: list[Disagreement] = []
    for head, tail in zip(heads.tolist(), tails.tolist(), strict=True):
        code, doc = int(code_index[head]), int(owner[head])
        start, end = int(starts[head]), int(ends[tail])
        who = pattern[head].tolist()
        shift = int(layout.offsets[doc])
        bisected, candidates = lookup.get((code, doc), ([], []))
        involved = tuple(
            UnitCoding(coding_id, code_id, coders[coder], s - shift, e - shift)
            for s, e, coding_id, coder, code_id in candidates[: bisect_left(bisected, end)]
            if e > start and who[coder]
        )
        found.append(
            Disagreement(
                document=documents[doc][1],
                document_id=documents[doc][0],
                start=start - shift,
                end=end - shift,
                code_id=code_ids[code],
                path=paths[code],
                coded_by=tuple(c for c, yes in zip(coders, who, strict=True) if yes),
                not_coded_by=tuple(c for c, yes in zip(coders, who, strict=True) if not yes),
                codings=involved,
            )
        )
    return tuple(found)
