"""Dutch lines of the errors about languages (``domain.languages``)."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    "unknown language '{language}': did you mean {near}?": (
        "onbekende taal '{language}': bedoelt u {near}?"
    ),
    "unknown language '{language}': use a code such as nl, en, de, fr or xx (unknown)": (
        "onbekende taal '{language}': gebruik een code als nl, en, de, fr of xx (onbekend)"
    ),
}
