"""The warning for a document read with its tracked changes accepted.

Word and LibreOffice keep deleted text in the file until the changes are
accepted; the readers take the text as it reads once they are. The analyst
may not know the file still holds changes, so the import summary says how
many were taken as accepted, in the same words for both formats.
"""

from __future__ import annotations


def accepted_changes_warning(insertions: int, deletions: int) -> tuple[str, ...]:
    """One warning line when there were changes, none otherwise."""
    if not insertions and not deletions:
        return ()
    return (
        f"unaccepted tracked changes ({_count(insertions, 'insertion')}, "
        f"{_count(deletions, 'deletion')}): the text is read as if all were accepted",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
