"""The words of the analysis commands' coder counting (``codebook reference``) and crosstab
titles, in English and Dutch.

The "counted:" line and the double-coding warning themselves come with the
tables (``CountedCoders.lines``), in the same two languages.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "reference_is": "reference coder: {name} (only their codings are counted)",
        "reference_none": "no reference coder: every coder's codings count, each passage once",
        "reference_set": "reference coder set to {name}; undo with codebook undo",
        "reference_cleared": "reference coder cleared; undo with codebook undo",
        "crosstab_title": "{rows} x {columns} ({unit} of {codes})",
        "crosstab_all": "all codes",
        "crosstab_code": "{code}",
        "crosstab_children": "{code} and its subcodes",
    },
    "nl": {
        "reference_is": "referentiecodeur: {name} (alleen diens coderingen tellen)",
        "reference_none": "geen referentiecodeur: de coderingen van alle codeurs tellen, "
        "elke passage één keer",
        "reference_set": "referentiecodeur is nu {name}; ongedaan maken met codebook undo",
        "reference_cleared": "referentiecodeur gewist; ongedaan maken met codebook undo",
        "crosstab_title": "{rows} x {columns} ({unit} van {codes})",
        "crosstab_all": "alle codes",
        "crosstab_code": "{code}",
        "crosstab_children": "{code} en de subcodes",
    },
}
