"""The one clock every stored timestamp is read from.

A module of its own so that services which only need the time (the codebook
log, projects, codings) do not import the undo journal for it: the log is what
undo writes to, so importing the journal from it made an import loop.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """UTC wall-clock time without tzinfo, the form every timestamp column stores."""
    return datetime.now(UTC).replace(tzinfo=None)
