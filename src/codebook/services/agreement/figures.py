"""From a unit table to figures: per code, pooled over codes, with bootstrap intervals.

Each code's answers are binary (coded or not) per coder, so a unit's answer
pattern is a number: bit j set when coder j coded it. Pattern weights come
from one ``bincount`` per code, and every coefficient is computed from those
few weights (see ``statistics``). The pooled figures add the weights of all
codes; their bootstrap resamples *units* (each unit bringing its decisions
for every code), drawn over the distinct per-unit profiles.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from codebook.domain.agreement import Figures
from codebook.services.agreement.statistics import (
    Floats,
    alpha_nominal,
    category_counts,
    cohen_kappa,
    finite,
    fleiss_kappa,
    interval,
    percent_agreement,
    reliability_alpha,
    replicate_weights,
)
from codebook.services.agreement.units import UnitTable

Ints = NDArray[np.int64]


def pattern_ids(table: UnitTable) -> Ints:
    """codes x units: the bit pattern of which coders coded the unit with the code."""
    bits = np.left_shift(1, np.arange(table.coded.shape[1], dtype=np.int64))
    return np.tensordot(table.coded.astype(np.int64), bits, axes=([1], [0])).astype(np.int64)


def pattern_values(n_coders: int) -> Floats:
    """Every pattern's answers: row p, column j is 1.0 when bit j of p is set."""
    ids = np.arange(2**n_coders)[:, None]
    return ((ids >> np.arange(n_coders)[None, :]) & 1).astype(np.float64)


def figures(
    values: Floats,
    weights: Floats,
    *,
    alpha: float | None = None,
    replicates: Floats | None = None,
) -> Figures:
    """The figures of patterns ``values`` weighted by ``weights``; undefined ones are None.

    ``alpha`` is a point estimate already computed by the krippendorff
    package (units counted one by one); without it the weighted formula gives
    it. ``replicates`` are bootstrap weight vectors (none: no intervals).
    """
    used = weights > 0
    values, weights = values[used], weights[used]
    counts = category_counts(values) if values.size else np.zeros((0, 1))
    n_coders = values.shape[1] if values.ndim == 2 else 0
    reps = replicates[:, used] if replicates is not None else np.zeros((0, weights.size))
    coded = float(weights[(values > 0).any(axis=1)].sum()) if values.size else 0.0

    def cohen(w: Floats) -> Floats:
        return cohen_kappa(values, w)

    def fleiss(w: Floats) -> Floats:
        return fleiss_kappa(counts, w)

    def agree(w: Floats) -> Floats:
        return alpha_nominal(counts, w)

    def percent(w: Floats) -> Floats:
        return percent_agreement(counts, w)

    two = n_coders == 2
    point_alpha = finite(agree(weights)) if alpha is None else alpha
    return Figures(
        n_units=round(float(weights.sum())),
        coded_units=round(coded),
        percent=finite(percent(weights)) if weights.size else None,
        kappa=finite(cohen(weights)) if two and weights.size else None,
        fleiss=finite(fleiss(weights)) if not two and weights.size else None,
        alpha=point_alpha,
        percent_ci=interval(percent, reps),
        kappa_ci=interval(cohen, reps) if two else None,
        fleiss_ci=None if two else interval(fleiss, reps),
        alpha_ci=interval(agree, reps) if point_alpha is not None else None,
    )


def code_figures(
    table: UnitTable, ids: Ints, code: int, *, discrete: bool, resamples: int, seed: int
) -> Figures:
    """One code's figures; for discrete units alpha's point estimate is the package's."""
    n_coders = table.coded.shape[1]
    weights = np.bincount(ids[code], weights=table.weights, minlength=2**n_coders).astype(
        np.float64
    )
    alpha = None
    if discrete:
        alpha = finite(reliability_alpha(table.coded[code].astype(np.float64)))
    replicates = replicate_weights(weights, resamples, seed + code)
    return figures(pattern_values(n_coders), weights, alpha=alpha, replicates=replicates)


def pooled_figures(table: UnitTable, ids: Ints, *, resamples: int, seed: int) -> Figures:
    """All codes pooled: every unit x code one decision per coder; bootstrap over units."""
    n_coders = table.coded.shape[1]
    n_codes, n_units = ids.shape
    size = 2**n_coders
    values = pattern_values(n_coders)
    if n_codes == 0 or n_units == 0:
        return figures(values, np.zeros(size))
    per_code = np.bincount(
        ids.ravel(), weights=np.tile(table.weights, n_codes), minlength=size
    ).astype(np.float64)
    replicates = None
    if resamples > 0:
        # A unit's profile: how many codes it has in each pattern that occurs at all.
        present, compact = np.unique(ids, return_inverse=True)
        unit_index = np.tile(np.arange(n_units), n_codes)
        cells = np.bincount(
            unit_index * present.size + compact.ravel(), minlength=n_units * present.size
        )
        profiles, inverse = np.unique(
            cells.reshape(n_units, present.size), axis=0, return_inverse=True
        )
        profile_weights = np.bincount(inverse.ravel(), weights=table.weights).astype(np.float64)
        draws = replicate_weights(profile_weights, resamples, seed)
        replicates = np.zeros((draws.shape[0], size))
        replicates[:, present] = draws @ profiles.astype(np.float64)
    return figures(values, per_code, replicates=replicates)
