"""Exports: the Word theme report, Excel and CSV tables.

Each writer builds its file beside the target and moves it into place only
when complete (``services/atomic.py``), takes a ``progress(done, total)`` callback so
the TUI can run it in a worker, and imports its heavy library (python-docx,
openpyxl) only when called.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None] | None
"""Called as ``progress(done, total)`` after each step of an export; ``None``: silent."""
