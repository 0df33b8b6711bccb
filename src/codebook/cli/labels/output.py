"""The words every listing command shares: nothing found, a --where value no document has.

Plain data, loaded with ``common``; ``common.translated`` picks the language.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "nothing_found": "nothing found",
        "where_value": "warning: no document has {name}={value}; {name} has: {existing}",
        "where_key": "warning: no document has a value for {name}; attributes: {existing}",
        "none": "none",
    },
    "nl": {
        "nothing_found": "niets gevonden",
        "where_value": "waarschuwing: geen document heeft {name}={value}; {name} heeft: {existing}",
        "where_key": (
            "waarschuwing: geen document heeft een waarde voor {name}; kenmerken: {existing}"
        ),
        "none": "geen",
    },
}
