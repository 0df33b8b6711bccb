"""The words of ``codebook agree`` in English and Dutch.

Plain data, like ``labels``: importing it must stay free, ``codebook --help``
loads it. Errors raised by the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "coders": "coders: {names}",
        "documents": "documents compared ({count}): {names}",
        "unit": "unit: {unit} ({count} {plural} in {documents} {documents_word})",
        "unit_documents": "unit: {unit} ({documents} {documents_word})",
        "document_1": "document",
        "document_n": "documents",
        "unit_sentence": "sentence",
        "unit_turn": "turn",
        "unit_character": "character",
        "unit_document": "document",
        "plural_sentence": "sentences",
        "plural_turn": "turns",
        "plural_character": "characters",
        "plural_document": "documents",
        "rule_any": "a unit counts as coded when a coding overlaps it",
        "rule_share": (
            "a unit counts as coded when a coder's codings of the code cover at least "
            "{share} of its characters"
        ),
        "rule_character": "a character counts as coded when a coding covers it",
        "rule_children": "a code counts with its sub-codes",
        "overall_meaning": (
            "overall: pooled over codes, each unit x code is one yes/no decision per coder"
        ),
        "bootstrap": "95% intervals: bootstrap over units, {resamples} resamples, seed {seed}",
        "no_bootstrap": "no intervals (--resamples 0)",
        "thresholds": (
            "alpha >= .800 acceptable, .667-.800 tentative, below .667 not acceptable; "
            "– = undefined (the code was never used, or only one answer occurs)"
        ),
        "title": "Agreement",
        "col_code": "code",
        "col_units": "units",
        "col_coded": "coded",
        "col_percent": "% agree",
        "col_kappa": "Cohen's κ [95% CI]",
        "col_fleiss": "Fleiss' κ [95% CI]",
        "col_alpha": "α [95% CI]",
        "col_verdict": "α verdict",
        "overall": "overall (pooled)",
        "acceptable": "acceptable",
        "tentative": "tentative",
        "not acceptable": "not acceptable",
    },
    "nl": {
        "coders": "codeurs: {names}",
        "documents": "vergeleken documenten ({count}): {names}",
        "unit": "eenheid: {unit} ({count} {plural} in {documents} {documents_word})",
        "unit_documents": "eenheid: {unit} ({documents} {documents_word})",
        "document_1": "document",
        "document_n": "documenten",
        "unit_sentence": "zin",
        "unit_turn": "beurt",
        "unit_character": "teken",
        "unit_document": "document",
        "plural_sentence": "zinnen",
        "plural_turn": "beurten",
        "plural_character": "tekens",
        "plural_document": "documenten",
        "rule_any": "een eenheid telt als gecodeerd wanneer een codering haar overlapt",
        "rule_share": (
            "een eenheid telt als gecodeerd wanneer de coderingen van een codeur met de code "
            "samen minstens {share} van haar tekens bedekken"
        ),
        "rule_character": "een teken telt als gecodeerd wanneer een codering het bedekt",
        "rule_children": "een code telt met haar subcodes",
        "overall_meaning": (
            "totaal: over de codes samen, elke eenheid x code is één ja/nee-beslissing per codeur"
        ),
        "bootstrap": (
            "95%-intervallen: bootstrap over eenheden, {resamples} trekkingen, seed {seed}"
        ),
        "no_bootstrap": "geen intervallen (--resamples 0)",
        "thresholds": (
            "alfa >= .800 aanvaardbaar, .667-.800 voorlopig, onder .667 niet aanvaardbaar; "
            "– = niet gedefinieerd (de code is nooit gebruikt, of er komt maar één antwoord voor)"
        ),
        "title": "Overeenstemming",
        "col_code": "code",
        "col_units": "eenheden",
        "col_coded": "gecodeerd",
        "col_percent": "% eens",
        "col_kappa": "Cohens κ [95%-BI]",
        "col_fleiss": "Fleiss' κ [95%-BI]",
        "col_alpha": "α [95%-BI]",
        "col_verdict": "oordeel α",
        "overall": "totaal (samen)",
        "acceptable": "aanvaardbaar",
        "tentative": "voorlopig",
        "not acceptable": "niet aanvaardbaar",
    },
}
