"""A coding as every face shows it: detached from the database, safe across threads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodingView:
    """A coding with what a reader needs to show it: code name and colour, coder, text."""

    id: int
    document_id: int
    code_id: int
    code_name: str
    color: str
    start: int
    end: int
    coder: str
    codebook_version: int
    note: str | None
    text: str
