"""Agreement coefficients over weighted response patterns, with bootstrap intervals.

Every coefficient here depends only on how often each *pattern* of answers
occurs (which coders gave which category to a unit), not on the order of the
units. So the data are reduced to distinct patterns and their weights once:
a weight is the number of units with that pattern (for the ``character``
unit, the number of characters), and a bootstrap replicate is just another
weight vector. Resampling N units with replacement from units in P patterns
is exactly a multinomial draw of N over the P pattern shares, so a thousand
replicates cost a thousand short draws instead of a thousand passes over a
million units.

``category_counts`` (P x K: how many coders gave category k in pattern p) is
what percent agreement, Fleiss' kappa and Krippendorff's alpha need;
Cohen's kappa needs the two coders apart (``pairs``). Each function accepts
weights of shape (P,) for one figure or (B, P) for B replicates, and returns
NaN where the figure is undefined (no variation to correct for chance).

The point estimate of alpha for units counted one by one comes from the
``krippendorff`` package (``reliability_alpha``); ``alpha_nominal`` is the
same coincidence-matrix formula (Krippendorff 2011) over weights, needed for
character runs and the bootstrap; the tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

LEVEL = 0.95


def reliability_alpha(data: Floats) -> float:
    """Nominal alpha of a coders x units table (NaN: not coded) by the krippendorff package.

    NaN, not the package's ValueError or its division by zero, when alpha is
    undefined: no unit that two coders both answered, or a single value
    throughout those units (only they count towards the expected disagreement).
    """
    import krippendorff

    answered = ~np.isnan(data)
    pairable = data[:, answered.sum(axis=0) >= 2]
    present = pairable[~np.isnan(pairable)]
    if present.size == 0 or np.all(present == present[0]):
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def patterns_of(data: Floats) -> tuple[Floats, Floats]:
    """The distinct columns of a coders x units table and how often each occurs.

    Returns (patterns P x coders, weights P); NaN (missing) is kept as NaN.
    """
    filled = np.where(np.isnan(data), np.inf, data).T
    found, counts = np.unique(filled, axis=0, return_counts=True)
    return np.where(np.isinf(found), np.nan, found), counts.astype(np.float64)


def category_counts(patterns: Floats) -> Floats:
    """P x K: in each pattern, how many coders chose each category (NaN ignored)."""
    values = np.unique(patterns[~np.isnan(patterns)])
    if values.size == 0:
        return np.zeros((patterns.shape[0], 1))
    return np.stack([(patterns == v).sum(axis=1) for v in values], axis=1).astype(np.float64)


def _weighted(weights: Floats, per_pattern: Floats) -> Floats:
    """Σ_p w[p] * x[p, ...] for one weight vector or a stack of them."""
    return np.asarray(np.tensordot(weights, per_pattern, axes=([-1], [0])), dtype=np.float64)


def percent_agreement(counts: Floats, weights: Floats) -> Floats:
    """Share of agreeing coder pairs per unit, averaged over units with two or more answers.

    With two coders: the share of units both coded alike.
    """
    m = counts.sum(axis=1)
    usable = m >= 2
    pairs = np.where(usable, m * (m - 1), 1.0)
    agree = np.where(usable, (counts * (counts - 1)).sum(axis=1) / pairs, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return _weighted(weights, agree) / _weighted(weights, usable.astype(np.float64))


def alpha_nominal(counts: Floats, weights: Floats) -> Floats:
    """Krippendorff's alpha for nominal data from the coincidence matrix.

    Units with fewer than two answers are not pairable and drop out, as in the
    definition; alpha is NaN when only one category occurs.
    """
    m = counts.sum(axis=1)
    pairable = m >= 2
    scale = np.where(pairable, 1.0 / np.where(pairable, m - 1, 1.0), 0.0)
    # Per pattern: its coincidences summed over categories (n_c) and on the diagonal.
    n_c = counts * (m[:, None] - 1) * scale[:, None]
    diagonal = (counts * (counts - 1)).sum(axis=1) * scale
    n_c_total = _weighted(weights, n_c)
    n = n_c_total.sum(axis=-1)
    observed = n - _weighted(weights, diagonal)
    expected = n**2 - (n_c_total**2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(1.0 - (n - 1) * observed / expected, dtype=np.float64)


def fleiss_kappa(counts: Floats, weights: Floats) -> Floats:
    """Fleiss' kappa (1971); only units every coder answered count (a constant n raters)."""
    m = counts.sum(axis=1)
    raters = m.max() if m.size else 0.0
    full = (m == raters) & (raters >= 2)
    agree = np.where(full, (counts * (counts - 1)).sum(axis=1) / max(raters * (raters - 1), 1), 0)
    units = _weighted(weights, full.astype(np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = _weighted(weights, agree) / units
        shares = _weighted(weights, counts * full[:, None]) / (units * raters)[..., None]
        chance = (shares**2).sum(axis=-1)
        return np.asarray((observed - chance) / (1.0 - chance), dtype=np.float64)


def cohen_kappa(pairs: Floats, weights: Floats) -> Floats:
    """Cohen's kappa of two coders; ``pairs`` is P x 2, units missing either answer drop out."""
    both = np.asarray(~np.isnan(pairs).any(axis=1), dtype=bool)
    values = np.unique(pairs[both])
    if values.size == 0:
        return np.full(weights.shape[:-1], np.nan)
    first = np.stack([pairs[:, 0] == v for v in values], axis=1) & both[:, None]
    second = np.stack([pairs[:, 1] == v for v in values], axis=1) & both[:, None]
    units = _weighted(weights, both.astype(np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        same = ((pairs[:, 0] == pairs[:, 1]) & both).astype(np.float64)
        observed = _weighted(weights, same) / units
        chance = (
            _weighted(weights, first.astype(np.float64))
            * _weighted(weights, second.astype(np.float64))
        ).sum(axis=-1) / units**2
        return np.asarray((observed - chance) / (1.0 - chance), dtype=np.float64)


def finite(value: float | Floats) -> float | None:
    """A figure as a float, or None when it is undefined (NaN)."""
    number = float(value)
    return number if np.isfinite(number) else None


def replicate_weights(weights: Floats, resamples: int, seed: int) -> Floats:
    """B bootstrap weight vectors: N units drawn with replacement over the pattern shares."""
    total = round(float(weights.sum()))
    if total == 0 or resamples <= 0:
        return np.zeros((0, weights.size))
    rng = np.random.default_rng(seed)
    return rng.multinomial(total, weights / weights.sum(), size=resamples).astype(np.float64)


def interval(
    statistic: Callable[[Floats], Floats], replicates: Floats
) -> tuple[float, float] | None:
    """The percentile interval (95%) of a statistic over the replicate weights."""
    if replicates.shape[0] == 0:
        return None
    values = statistic(replicates)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)
