"""The words of the options every command takes (--db, --coder, --lang).

Plain data, loaded with ``run_options``; the hint tells a user of the old
``quotes ... --coder NAME`` filter that --coder now names who is acting.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "coder_hint": (
            "hint: --coder names who is acting; "
            "to show only what {name} coded or wrote, use --coded-by {name}"
        ),
    },
    "nl": {
        "coder_hint": (
            "tip: --coder noemt wie er werkt; "
            "om alleen te tonen wat {name} codeerde of schreef, gebruik --coded-by {name}"
        ),
    },
}
