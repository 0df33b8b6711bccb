"""Dutch lines of the errors the CLI and the TUI raise themselves, keyed by English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {}
