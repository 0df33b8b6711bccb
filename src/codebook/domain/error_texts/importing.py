"""Dutch lines of the importing errors, keyed by their English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {}
