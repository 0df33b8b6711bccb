"""The words of ``codebook survey`` in English and Dutch.

Plain data, like ``labels``: importing it must stay free, ``codebook --help``
loads it. Errors raised by the services have their Dutch lines in
``codebook.domain.error_texts``.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "imported": (
            "Imported survey '{survey}' from {source}: respondents {respondents}, "
            "closed items {items}, open answers stored as documents {answers}"
        ),
        "repeated": (
            "note: {count} open answers repeat another answer of the same respondent word for "
            "word; they are kept with the respondent's answers, not as documents"
        ),
        "bad_scale": "--scale '{value}': use COLUMN=NAME, NAME one of {names}",
        "items_title": "{count} questionnaire items",
        "items_title_1": "1 questionnaire item",
        "col_number": "no.",
        "col_survey": "survey",
        "col_item": "item",
        "col_kind": "kind",
        "col_labels": "labels",
        "col_theme": "theme",
        "col_n": "n",
        "all": "all",
        "counts_title": "{item} (n = {n})",
        "linked": "Item {number} '{item}' is shown with theme '{code}'",
        "unlinked": "Item {number} '{item}' is shown with no theme",
    },
    "nl": {
        "imported": (
            "Vragenlijst '{survey}' geïmporteerd uit {source}: respondenten {respondents}, "
            "gesloten vragen {items}, open antwoorden als documenten {answers}"
        ),
        "repeated": (
            "let op: {count} open antwoorden herhalen letterlijk een ander antwoord van dezelfde "
            "respondent; ze staan bij de antwoorden van de respondent, niet als document"
        ),
        "bad_scale": "--scale '{value}': gebruik KOLOM=NAAM, met NAAM een van {names}",
        "items_title": "{count} vragen",
        "items_title_1": "1 vraag",
        "col_number": "nr.",
        "col_survey": "vragenlijst",
        "col_item": "vraag",
        "col_kind": "soort",
        "col_labels": "antwoorden",
        "col_theme": "thema",
        "col_n": "n",
        "all": "totaal",
        "counts_title": "{item} (n = {n})",
        "linked": "Vraag {number} '{item}' staat bij thema '{code}'",
        "unlinked": "Vraag {number} '{item}' staat bij geen thema",
    },
}
