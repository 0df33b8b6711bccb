"""Inter-coder agreement as values: what was asked, what was counted, and the figures.

Reviewers reject agreement figures that do not say what they counted, so every
result carries its unit and its rule as text next to the numbers, and a figure
that is undefined (a code nobody used has no chance-corrected agreement) is
``None``, shown as "–", never a made-up 1.0 or 0.

"Overall" pools the codes: each unit x code is one yes/no decision of each
coder, and the figures are computed over all those decisions together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from codebook.domain.errors import CodebookError
from codebook.domain.queries import NO_FILTERS, Filters

AgreementUnit = Literal["sentence", "turn", "character", "document"]
AGREEMENT_UNITS: tuple[AgreementUnit, ...] = ("sentence", "turn", "character", "document")

#: Krippendorff's (2004) thresholds for alpha: at least .800 to rely on the
#: coding, .667 to .800 only for tentative conclusions.
ACCEPTABLE = 0.800
TENTATIVE = 0.667

Verdict = Literal["acceptable", "tentative", "not acceptable"]

OVERALL_MEANING = "overall: pooled over codes, each unit x code is one yes/no decision per coder"


def check_agreement_unit(unit: str) -> AgreementUnit:
    """``unit`` as an ``AgreementUnit``, or a clear error (for values typed by a user)."""
    for known in AGREEMENT_UNITS:
        if unit == known:
            return known
    raise CodebookError(
        "unknown unit '{unit}' (use {choices})", unit=unit, choices=", ".join(AGREEMENT_UNITS)
    )


def verdict(alpha: float | None) -> Verdict | None:
    """Where alpha falls against Krippendorff's thresholds; None when alpha is undefined."""
    if alpha is None:
        return None
    if alpha >= ACCEPTABLE:
        return "acceptable"
    return "tentative" if alpha >= TENTATIVE else "not acceptable"


@dataclass(frozen=True)
class AgreementRequest:
    """Which coders to compare, over which unit, codes and documents.

    ``codes`` empty: every live code. ``with_children`` counts a code's
    sub-codes as the code. ``min_overlap`` (a share of the unit's characters,
    0 < F <= 1) replaces "any overlap" as the rule for a coded unit; the
    share is that of the unit covered by the coder's codings of the code
    together. ``filters.where`` narrows the documents; ``filters.coders`` is
    not used (``coders`` names them). ``resamples`` and ``seed`` fix the
    bootstrap, so a rerun gives the same intervals.
    """

    coders: tuple[str, ...]
    unit: AgreementUnit = "sentence"
    codes: tuple[str, ...] = ()
    with_children: bool = False
    filters: Filters = NO_FILTERS
    min_overlap: float | None = None
    resamples: int = 1000
    seed: int = 15


Interval = tuple[float, float]


@dataclass(frozen=True)
class Figures:
    """Agreement over ``n_units`` units; each ``*_ci`` a bootstrap 95% interval.

    ``kappa`` is Cohen's (two coders), ``fleiss`` Fleiss' (three or more);
    the other is None. ``coded_units`` is how many units at least one coder
    coded (0: the code was never used, and the kappas and alpha are None).
    """

    n_units: int
    coded_units: int
    percent: float | None
    kappa: float | None
    fleiss: float | None
    alpha: float | None
    percent_ci: Interval | None = None
    kappa_ci: Interval | None = None
    fleiss_ci: Interval | None = None
    alpha_ci: Interval | None = None

    @property
    def verdict(self) -> Verdict | None:
        return verdict(self.alpha)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n_units": self.n_units,
            "coded_units": self.coded_units,
            "percent": self.percent,
            "percent_ci": _pair(self.percent_ci),
            "kappa": self.kappa,
            "kappa_ci": _pair(self.kappa_ci),
            "alpha": self.alpha,
            "alpha_ci": _pair(self.alpha_ci),
            "verdict": self.verdict,
        }
        if self.fleiss is not None or self.fleiss_ci is not None:
            out["fleiss"], out["fleiss_ci"] = self.fleiss, _pair(self.fleiss_ci)
        return out


def _pair(interval: Interval | None) -> list[float] | None:
    return None if interval is None else [interval[0], interval[1]]


@dataclass(frozen=True)
class CodeAgreement:
    """The figures of one code (with its children, when asked), named by path."""

    code_id: int
    path: str
    figures: Figures


@dataclass(frozen=True)
class UnitCoding:
    """One coding involved in a disagreement: its number, code, coder and range."""

    coding_id: int
    code_id: int
    coder: str
    start: int
    end: int


@dataclass(frozen=True)
class Disagreement:
    """A unit (for ``character``: a run of characters) that some coders coded with a code
    and others did not: what the disagreement queue walks through.

    ``start``/``end`` are offsets into the document; ``codings`` are the
    codings by ``coded_by`` that made the unit count as coded.
    """

    document: str
    document_id: int
    start: int
    end: int
    code_id: int
    path: str
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    codings: tuple[UnitCoding, ...]


@dataclass(frozen=True)
class AgreementResult:
    """Everything ``codebook agree`` prints, the TUI shows and the report writes.

    ``n_units`` counts the units (``overall.n_units`` counts unit x code
    decisions). ``description`` (the unit with its count) and ``rule`` (when a
    unit counts as coded) are English sentences; ``unit``, ``n_units``,
    ``documents``, ``min_overlap`` and ``with_children`` let a face word them
    in its own language.
    """

    unit: AgreementUnit
    rule: str
    description: str
    n_units: int
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    codes: tuple[CodeAgreement, ...]
    overall: Figures
    disagreements: tuple[Disagreement, ...] = field(default=())
    resamples: int = 1000
    seed: int = 15
    min_overlap: float | None = None
    with_children: bool = False

    def as_json(self) -> dict[str, Any]:
        """The figures as ``codebook agree --json`` prints them (codes by path)."""
        return {
            "unit": self.unit,
            "n_units": self.n_units,
            "description": self.description,
            "rule": self.rule,
            "overall_meaning": OVERALL_MEANING,
            "coders": list(self.coders),
            "documents": list(self.documents),
            "bootstrap": {"resamples": self.resamples, "seed": self.seed, "level": 0.95},
            "codes": {code.path: code.figures.as_json() for code in self.codes},
            "overall": self.overall.as_json(),
            "min_overlap": self.min_overlap,
            "with_children": self.with_children,
        }
