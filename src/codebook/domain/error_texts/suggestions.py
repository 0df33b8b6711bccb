"""Dutch lines of the suggestion errors (keywords, queue, learned suggester)."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    "unknown suggestion {suggestion}": "onbekende suggestie {suggestion}",
    "suggestion {suggestion} is already accepted": "suggestie {suggestion} is al aanvaard",
    "suggestion {suggestion} is already rejected": "suggestie {suggestion} is al afgewezen",
    "no coded sentences to learn from": "geen gecodeerde zinnen om van te leren",
    "no code has {count} coded sentences to learn from": (
        "geen code heeft {count} gecodeerde zinnen om van te leren"
    ),
    "no trained model: train one first (codebook suggest PROJECT --train)": (
        "geen getraind model: train er eerst een (codebook suggest PROJECT --train)"
    ),
    "threshold {threshold} is not between 0 and 1": "drempel {threshold} ligt niet tussen 0 en 1",
}
