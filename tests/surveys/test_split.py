"""The split rule: a figure is split per werkplaats when scipy's own test says the groups differ."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats  # type: ignore[import-untyped]

from codebook.domain.surveys import ItemCounts, SurveyItem
from codebook.services.surveys.split import decide_split

AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
GROUPS = ("WOA", "POINT", "WOU")


def counts(
    rows: tuple[tuple[int, ...], ...],
    labels: tuple[str, ...] = AGREE,
    groups: tuple[str, ...] = GROUPS,
) -> ItemCounts:
    kind = "yesno" if labels == ("ja", "nee") else "likert"
    item = SurveyItem(
        1, "leerkracht-onderzoekers", "q1", "De schoolleider steunt mij", kind, labels
    )
    return ItemCounts(item, "werkplaats", groups, rows)


def test_groups_that_clearly_differ_are_split_by_scipys_own_chi_square() -> None:
    rows = ((1, 2, 4, 20, 30), (25, 20, 10, 5, 2), (3, 5, 12, 8, 4))
    decision = decide_split(counts(rows))
    expected = stats.chi2_contingency(rows).pvalue
    assert decision.test == "chi-square"
    assert decision.p == pytest.approx(expected, rel=1e-12)
    assert decision.p < 0.05
    assert decision.split


def test_groups_that_answer_alike_are_merged_with_scipys_p_value() -> None:
    rows = ((6, 10, 20, 40, 24), (8, 12, 22, 38, 22), (6, 8, 18, 42, 24))
    decision = decide_split(counts(rows))
    assert decision.test == "chi-square"
    assert decision.p == pytest.approx(stats.chi2_contingency(rows).pvalue, rel=1e-12)
    assert decision.p >= 0.05
    assert not decision.split


def test_a_small_two_by_two_table_is_decided_by_fishers_exact_test() -> None:
    rows = ((7, 1), (2, 6))
    decision = decide_split(counts(rows, ("ja", "nee"), ("WOA", "WOU")))
    assert decision.test == "fisher"
    assert decision.p == pytest.approx(stats.fisher_exact(rows).pvalue, rel=1e-12)
    assert decision.split == (decision.p < 0.05)


def test_a_large_two_by_two_table_uses_chi_square_with_yates_correction() -> None:
    rows = ((40, 20), (25, 35))
    decision = decide_split(counts(rows, ("ja", "nee"), ("WOA", "WOU")))
    assert decision.test == "chi-square"
    assert decision.p == pytest.approx(stats.chi2_contingency(rows, correction=True).pvalue)
    assert decision.p != pytest.approx(stats.chi2_contingency(rows, correction=False).pvalue)


def test_a_sparse_larger_table_uses_fisher_and_the_same_p_every_run() -> None:
    rows = ((3, 1, 0, 2, 1), (0, 2, 4, 1, 2), (1, 1, 1, 3, 0))
    first = decide_split(counts(rows))
    again = decide_split(counts(rows))
    assert first.test == "fisher"
    assert first.p == again.p
    reference = stats.fisher_exact(
        rows, method=stats.MonteCarloMethod(n_resamples=20_000, rng=np.random.default_rng(7))
    ).pvalue
    assert first.p == pytest.approx(reference, abs=0.02)


def test_labels_nobody_chose_and_groups_without_answers_are_left_out() -> None:
    rows = ((10, 0, 5, 20, 15), (0, 0, 0, 0, 0), (25, 0, 15, 6, 4))
    decision = decide_split(counts(rows))
    reduced = ((10, 5, 20, 15), (25, 15, 6, 4))
    assert decision.test == "chi-square"
    assert decision.p == pytest.approx(stats.chi2_contingency(reduced).pvalue, rel=1e-12)
    assert decision.split


@pytest.mark.parametrize(
    "rows",
    [
        ((0, 0, 4, 9, 5), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),  # one group answered
        ((0, 0, 0, 9, 0), (0, 0, 0, 4, 0), (0, 0, 0, 7, 0)),  # everybody chose one label
        ((0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),  # nobody answered
    ],
)
def test_nothing_to_test_means_one_merged_figure(rows: tuple[tuple[int, ...], ...]) -> None:
    decision = decide_split(counts(rows))
    assert (decision.split, decision.test, decision.p) == (False, "none", None)


def test_the_threshold_is_configurable() -> None:
    rows = ((18, 32), (32, 20), (25, 26))
    p = stats.chi2_contingency(rows).pvalue
    assert 0.01 < p < 0.05
    labels = ("ja", "nee")
    assert decide_split(counts(rows, labels)).split
    strict = decide_split(counts(rows, labels), threshold=0.01)
    assert not strict.split
    assert strict.threshold == 0.01
