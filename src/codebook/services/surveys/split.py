"""Whether a questionnaire item's figure is split per group: the study's rule, made explicit.

The study shows an item "split per werkplaats where the werkplaatsen differ,
merged into one figure where they do not". Whether they differ is decided by
a test of independence on the groups x labels table of answers, so anyone can
repeat the decision from the same counts:

- the table loses the labels nobody chose and the groups of which nobody
  answered (they carry no information and would only produce zero expected
  counts); fewer than two groups or two labels left: nothing to test, merged;
- 2 x 2 with an expected count below 5: Fisher's exact test, the exact
  hypergeometric p-value (``scipy.stats.fisher_exact``);
- larger, with expected counts below 5 in more than 20% of the cells or any
  below 1 (Cochran's rule, where the chi-square approximation is unreliable):
  Fisher's exact test for r x c tables. scipy (1.15 and later) computes it by
  drawing random tables with the observed margins; its default generator is
  unseeded, which would let a report's split change from one run to the next,
  so the draw is made with a fixed seed and enough tables (``RESAMPLES``) that
  the p-value's Monte-Carlo error (about 0.002 near 0.05) rarely matters. A
  full enumeration was rejected: its cost explodes with the table size and
  the number of respondents;
- otherwise the chi-square test (``scipy.stats.chi2_contingency``), which
  applies Yates' continuity correction to 2 x 2 tables only.

The item is split when ``p < threshold``.
"""

from __future__ import annotations

from codebook.domain.surveys import ItemCounts, SplitDecision, SplitTest

DEFAULT_THRESHOLD = 0.05
RESAMPLES = 19_999
SEED = 20_240_518
_SMALL_EXPECTED = 5.0
_SMALL_SHARE = 0.2


def contingency_table(counts: ItemCounts) -> list[list[int]]:
    """The groups x labels table that is tested: empty labels and empty groups left out."""
    rows = [list(row) for row in counts.counts if sum(row) > 0]
    width = len(rows[0]) if rows else 0
    used = [k for k in range(width) if any(row[k] for row in rows)]
    return [[row[k] for k in used] for row in rows]


def decide_split(counts: ItemCounts, threshold: float = DEFAULT_THRESHOLD) -> SplitDecision:
    """Split when the groups' answers differ at ``threshold``; the test and p say why."""
    table = contingency_table(counts)
    if len(table) < 2 or len(table[0]) < 2:
        return SplitDecision(split=False, test="none", p=None, threshold=threshold)
    test, p = _test(table)
    return SplitDecision(split=p < threshold, test=test, p=p, threshold=threshold)


def _test(table: list[list[int]]) -> tuple[SplitTest, float]:
    import numpy as np
    from scipy import stats

    observed = np.asarray(table)
    expected = stats.contingency.expected_freq(observed)
    small = expected < _SMALL_EXPECTED
    if observed.shape == (2, 2):
        if small.any():
            return "fisher", float(stats.fisher_exact(observed).pvalue)
    elif small.mean() > _SMALL_SHARE or (expected < 1).any():
        method = stats.MonteCarloMethod(n_resamples=RESAMPLES, rng=np.random.default_rng(SEED))
        return "fisher", float(stats.fisher_exact(observed, method=method).pvalue)
    return "chi-square", float(stats.chi2_contingency(observed).pvalue)
