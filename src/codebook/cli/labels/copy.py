"""The words of ``codebook copy`` in English and Dutch.

Plain data, like ``labels``: importing it must stay free. Errors raised by
the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Copied {source} to {target}",
        "table": "table",
        "rows": "rows",
        "digest": "digest",
        "equal": "equal",
        "yes": "yes",
        "no": "no",
        "done": "{rows} rows in {tables} tables, every table equal to the source",
    },
    "nl": {
        "title": "{source} gekopieerd naar {target}",
        "table": "tabel",
        "rows": "rijen",
        "digest": "controlegetal",
        "equal": "gelijk",
        "yes": "ja",
        "no": "nee",
        "done": "{rows} rijen in {tables} tabellen, elke tabel gelijk aan de bron",
    },
}
