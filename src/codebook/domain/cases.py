"""Cases (a participant, a school) and the documents or speakers they cover."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseLink:
    """What a case covers: a whole document (``speaker`` None) or one speaker in it."""

    document: str
    speaker: str | None


@dataclass(frozen=True)
class CaseRow:
    """One case with its links, detached from any session."""

    name: str
    links: tuple[CaseLink, ...]


@dataclass(frozen=True)
class CaseChange:
    """What linking or unlinking a case did: ``changed`` False when the link already was
    (link), or True when unlinking left the case without links and removed it (unlink)."""

    changed: bool
    case: str
    document: str
    speaker: str | None
