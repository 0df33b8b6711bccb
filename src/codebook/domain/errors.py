"""The one exception family every layer raises for a problem the user can fix."""

from __future__ import annotations


class CodebookError(Exception):
    """A problem the user can fix: shown as one line, never as a traceback.

    Every service raises this (or a subclass) for bad input, so the CLI and the
    TUI can print ``str(error)`` and know the project was left unchanged.
    """


class ImportFailed(CodebookError):
    """A transcript could not be read; the message names the file."""


class CodebookFileError(CodebookError):
    """A codebook file (YAML or .qdc) is malformed; the message names file, line and column."""
