"""The words of ``codebook doc language`` and of the import's languages line, en and nl.

Plain data, like ``labels``: importing it must stay free, ``codebook --help`` loads it.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "set": "{document}: {old} → {new}, {sentences} sentences (was {before})",
        "same": "{document} is already in {language}; nothing changed",
        "languages": "Languages: {languages}",
        "kept": "Kept the project language for {files}: too short or unclear to tell",
    },
    "nl": {
        "set": "{document}: {old} → {new}, {sentences} zinnen (was {before})",
        "same": "{document} is al in {language}; niets veranderd",
        "languages": "Talen: {languages}",
        "kept": "Projecttaal aangehouden voor {files}: te kort of te onduidelijk om te bepalen",
    },
}
