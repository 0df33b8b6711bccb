"""The coefficients against published worked examples, and the properties any of them must have."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.services.agreement.statistics import (
    alpha_nominal,
    category_counts,
    cohen_kappa,
    fleiss_kappa,
    interval,
    patterns_of,
    percent_agreement,
    reliability_alpha,
    replicate_weights,
)

N = np.nan

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
# four observers, twelve units, values 1-5, missing data; nominal alpha = 0.743.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
)

# Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa"): 10 subjects, 14 raters,
# 5 categories; each row counts the raters per category. kappa = 0.210.
FLEISS_1971 = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ],
    dtype=float,
)


def _cohen_table(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> np.ndarray:
    """Two coders x units from a 2x2 table of (coder A, coder B) answers."""
    cells = [(1, 1)] * yes_yes + [(1, 0)] * yes_no + [(0, 1)] * no_yes + [(0, 0)] * no_no
    return np.array(cells, dtype=float).T


def test_krippendorff_2011_example_by_package_and_by_weights() -> None:
    assert reliability_alpha(KRIPPENDORFF_2011) == pytest.approx(0.743, abs=5e-4)
    patterns, weights = patterns_of(KRIPPENDORFF_2011)
    assert alpha_nominal(category_counts(patterns), weights) == pytest.approx(0.743, abs=5e-4)


def test_cohen_kappa_textbook_table() -> None:
    # Wikipedia, "Cohen's kappa": 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> 0.4.
    patterns, weights = patterns_of(_cohen_table(20, 5, 10, 15))
    assert cohen_kappa(patterns, weights) == pytest.approx(0.4)
    assert percent_agreement(category_counts(patterns), weights) == pytest.approx(0.7)


def test_fleiss_1971_example() -> None:
    assert fleiss_kappa(FLEISS_1971, np.ones(10)) == pytest.approx(0.210, abs=5e-4)


def test_undefined_when_only_one_answer_occurs() -> None:
    never = np.zeros((2, 30))
    patterns, weights = patterns_of(never)
    counts = category_counts(patterns)
    assert np.isnan(cohen_kappa(patterns, weights))
    assert np.isnan(alpha_nominal(counts, weights))
    assert np.isnan(reliability_alpha(never))
    assert percent_agreement(counts, weights) == 1.0


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    patterns, weights = patterns_of(_cohen_table(20, 5, 10, 15))

    def kappa(w: np.ndarray) -> np.ndarray:
        return cohen_kappa(patterns, w)

    first = interval(kappa, replicate_weights(weights, 500, seed=3))
    again = interval(kappa, replicate_weights(weights, 500, seed=3))
    other = interval(kappa, replicate_weights(weights, 500, seed=4))
    assert first == again and first != other
    assert first is not None and first[0] < 0.4 < first[1]


answers = st.integers(min_value=2, max_value=4).flatmap(
    lambda coders: st.lists(
        st.lists(st.sampled_from([0.0, 1.0, 2.0, N]), min_size=coders, max_size=coders),
        min_size=4,
        max_size=40,
    )
)


def _table(rows: list[list[float]]) -> np.ndarray:
    return np.array(rows, dtype=float).T


@settings(max_examples=60, deadline=None)
@given(answers)
def test_weighted_alpha_equals_the_package(rows: list[list[float]]) -> None:
    data = _table(rows)
    patterns, weights = patterns_of(data)
    ours = float(alpha_nominal(category_counts(patterns), weights))
    assert ours == pytest.approx(reliability_alpha(data), abs=1e-9, nan_ok=True)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=3, max_size=40).filter(
        lambda values: len(set(values)) > 1
    ),
    st.integers(min_value=2, max_value=5),
)
def test_perfect_agreement_is_one(values: list[float], coders: int) -> None:
    data = np.tile(np.array(values), (coders, 1))
    patterns, weights = patterns_of(data)
    counts = category_counts(patterns)
    assert percent_agreement(counts, weights) == pytest.approx(1.0)
    assert alpha_nominal(counts, weights) == pytest.approx(1.0)
    assert reliability_alpha(data) == pytest.approx(1.0)
    if coders == 2:
        assert cohen_kappa(patterns, weights) == pytest.approx(1.0)
    else:
        assert fleiss_kappa(counts, weights) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(answers, st.randoms(use_true_random=False))
def test_permuting_coders_changes_nothing(rows: list[list[float]], rng: object) -> None:
    data = _table(rows)
    order = list(range(data.shape[0]))
    rng.shuffle(order)  # type: ignore[attr-defined]
    before, after = patterns_of(data), patterns_of(data[order])
    for figure in (alpha_nominal, percent_agreement, fleiss_kappa):
        one = float(figure(category_counts(before[0]), before[1]))
        two = float(figure(category_counts(after[0]), after[1]))
        assert one == pytest.approx(two, nan_ok=True)
    if data.shape[0] == 2:
        assert float(cohen_kappa(*before)) == pytest.approx(float(cohen_kappa(*after)), nan_ok=True)
