"""What counts as a coded unit: overlap, minimum share, and characters as runs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.services.agreement.units import Intervals, Layout, unit_table

# Two documents of 40 and 30 characters on one line; sentences of 10 characters.
LAYOUT = Layout(np.array([0, 40, 70], dtype=np.int64))
SENTENCES = (
    np.array([0, 10, 20, 30, 40, 50, 60], dtype=np.int64),
    np.array([10, 20, 30, 40, 50, 60, 70], dtype=np.int64),
)


def _codings(*rows: tuple[int, int, int]) -> Intervals:
    """(key, start, end) rows; key = code x coders + coder."""
    key, start, end = (np.array(column, dtype=np.int64) for column in zip(*rows, strict=True))
    return Intervals(key, start, end)


def test_half_a_sentence_counts_for_any_overlap_but_not_for_sixty_percent() -> None:
    half = _codings((0, 10, 15))
    anyhow = unit_table("sentence", LAYOUT, SENTENCES, half, (1, 1), None)
    strict = unit_table("sentence", LAYOUT, SENTENCES, half, (1, 1), 0.6)
    assert anyhow.coded[0, 0].tolist() == [False, True, False, False, False, False, False]
    assert not strict.coded.any()


def test_a_coders_codings_of_a_code_cover_a_unit_together_and_once() -> None:
    # Two codings of 4 characters each, overlapping by 2: 6 of 10 characters covered.
    pieces = _codings((0, 20, 24), (0, 22, 26))
    assert unit_table("sentence", LAYOUT, SENTENCES, pieces, (1, 1), 0.6).coded[0, 0, 2]
    assert not unit_table("sentence", LAYOUT, SENTENCES, pieces, (1, 1), 0.7).coded.any()


def test_codings_count_for_their_own_code_and_coder() -> None:
    rows = _codings((0, 0, 5), (1, 12, 13), (3, 65, 70))  # 2 codes x 2 coders
    table = unit_table("sentence", LAYOUT, SENTENCES, rows, (2, 2), None)
    assert np.argwhere(table.coded).tolist() == [[0, 0, 0], [0, 1, 1], [1, 1, 6]]


def test_document_unit_is_one_unit_per_document() -> None:
    table = unit_table("document", LAYOUT, SENTENCES, _codings((1, 45, 46)), (1, 2), None)
    assert table.count == 2
    assert table.coded[0].tolist() == [[False, False], [False, True]]


spans = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 69), st.integers(1, 12)), max_size=12)


@settings(max_examples=80, deadline=None)
@given(spans)
def test_character_runs_count_every_character_as_a_loop_would(
    rows: list[tuple[int, int, int]],
) -> None:
    # Keys 0..3 = 2 codes x 2 coders; a coding stays inside its document.
    clipped = []
    for key, start, size in rows:
        document_end = 40 if start < 40 else 70
        clipped.append((key, start, min(start + size, document_end)))
    codings = _codings(*clipped) if clipped else _codings((0, 0, 0))
    table = unit_table("character", LAYOUT, SENTENCES, codings, (2, 2), None)
    assert table.count == 70
    expected = np.zeros((4, 70), dtype=bool)
    for key, start, end in clipped:
        expected[key, start:end] = True
    per_character = np.repeat(table.coded.reshape(4, -1), table.weights, axis=1)
    assert (per_character == expected).all()
