"""The words of the analysis commands (quotes, the count tables' titles and units, coder
counting with ``codebook reference``) in English and Dutch.

The "counted:" line and the double-coding warning themselves come with the
tables (``CountedCoders.lines``), in the same two languages.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "reference_is": "reference coder: {name} (only their codings are counted)",
        "reference_none": "no reference coder: every coder's codings count, each segment once",
        "reference_set": "reference coder set to {name}; undo with codebook undo",
        "reference_cleared": "reference coder cleared; undo with codebook undo",
        "crosstab_title": "{rows} x {columns} ({unit} of {codes})",
        "crosstab_all": "all codes",
        "crosstab_code": "{code}",
        "crosstab_children": "{code} and its subcodes",
        "quotes_count": "{count} quotes",
        "quotes_count_1": "{count} quote",
        "frequencies_title": "Codes by {by} ({unit})",
        "frequencies_project": "project",
        "matrix_title": "Code x case matrix ({unit})",
        "cooccurrence_title": "Co-occurrence ({unit})",
        "unit_segments": "segments",
        "unit_documents": "documents",
        "unit_words": "words coded",
        "unit_segment": "overlapping coded segments",
        "unit_sentence": "sentences",
        "unit_turn": "turns",
    },
    "nl": {
        "reference_is": "referentiecodeur: {name} (alleen diens coderingen tellen)",
        "reference_none": "geen referentiecodeur: de coderingen van alle codeurs tellen, "
        "elk fragment één keer",
        "reference_set": "referentiecodeur is nu {name}; ongedaan maken met codebook undo",
        "reference_cleared": "referentiecodeur gewist; ongedaan maken met codebook undo",
        "crosstab_title": "{rows} x {columns} ({unit} van {codes})",
        "crosstab_all": "alle codes",
        "crosstab_code": "{code}",
        "crosstab_children": "{code} en de subcodes",
        "quotes_count": "{count} citaten",
        "quotes_count_1": "{count} citaat",
        "frequencies_title": "Codes per {by} ({unit})",
        "frequencies_project": "project",
        "matrix_title": "Code x casus-matrix ({unit})",
        "cooccurrence_title": "Samen voorkomen ({unit})",
        "unit_segments": "fragmenten",
        "unit_documents": "documenten",
        "unit_words": "gecodeerde woorden",
        "unit_segment": "overlappende gecodeerde fragmenten",
        "unit_sentence": "zinnen",
        "unit_turn": "beurten",
    },
}
