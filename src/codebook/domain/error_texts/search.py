"""Dutch lines of the search errors (queries, restrictions, bulk coding)."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    "empty search: give a word, a phrase or a pattern": (
        "lege zoekopdracht: geef een woord, een woordgroep of een patroon"
    ),
    "search of {length} characters is too long (at most {limit})": (
        "zoekopdracht van {length} tekens is te lang (hoogstens {limit})"
    ),
    "invalid regular expression '{pattern}': {problem}": (
        "ongeldige reguliere expressie '{pattern}': {problem}"
    ),
    "unknown speaker '{speaker}' (speakers: {speakers})": (
        "onbekende spreker '{speaker}' (sprekers: {speakers})"
    ),
    "unknown scope '{scope}' (scopes: {scopes})": (
        "onbekende reikwijdte '{scope}' (reikwijdten: {scopes})"
    ),
}
