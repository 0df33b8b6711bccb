"""The words of ``codebook search`` and ``codebook index`` in English and Dutch.

Plain data, like ``labels``: importing it must stay free.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "hits_title": "Hits of '{query}': {count}",
        "col_document": "document",
        "col_speaker": "speaker",
        "col_turn": "turn",
        "col_offset": "offset",
        "col_left": "left",
        "col_match": "match",
        "col_right": "right",
        "col_hits": "hits",
        "none": "Nothing found for '{query}'.",
        "indexing": "Indexing documents",
        "indexed": "Index: {documents} documents, {words} words, {forms} word forms.",
        "built": "Built the index of {count} documents.",
        "preview_title": "Coding with '{code}' ({scope}): {new} new of {count} segments",
        "col_start": "start",
        "col_end": "end",
        "col_text": "text",
        "col_already": "already coded",
        "yes": "yes",
        "bad_scope": "unknown scope '{scope}' (scopes: {scopes})",
        "apply_hint": "Nothing coded yet: add --yes to code these segments.",
        "applied": "Coded {count} segments with '{code}'; 'codebook undo PROJECT' takes it back.",
    },
    "nl": {
        "hits_title": "Treffers van '{query}': {count}",
        "col_document": "document",
        "col_speaker": "spreker",
        "col_turn": "beurt",
        "col_offset": "positie",
        "col_left": "links",
        "col_match": "treffer",
        "col_right": "rechts",
        "col_hits": "treffers",
        "none": "Niets gevonden voor '{query}'.",
        "indexing": "Documenten indexeren",
        "indexed": "Index: {documents} documenten, {words} woorden, {forms} woordvormen.",
        "built": "Index van {count} documenten gebouwd.",
        "preview_title": "Coderen met '{code}' ({scope}): {new} nieuw van {count} fragmenten",
        "col_start": "begin",
        "col_end": "einde",
        "col_text": "tekst",
        "col_already": "al gecodeerd",
        "yes": "ja",
        "bad_scope": "onbekende reikwijdte '{scope}' (reikwijdten: {scopes})",
        "apply_hint": "Nog niets gecodeerd: voeg --yes toe om deze fragmenten te coderen.",
        "applied": (
            "{count} fragmenten gecodeerd met '{code}'; 'codebook undo PROJECT' draait het terug."
        ),
    },
}
