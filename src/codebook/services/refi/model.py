"""A REFI-QDA project in memory: what a .qdpx holds that codebook can use.

Export gathers a project into this model and writes it; import reads a file
into it and applies it; the round-trip check compares two of them. Offsets
here are as the file has them: in a model read from a file they count in the
producer's units over the source text exactly as it was stored (a BOM or
``\\r`` included), and only ``offsets`` turns them into positions in our
normalized text. In a model gathered from a project they already are ours.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from codebook.domain import CodebookSpec

#: Namespace of the GUIDs codebook derives for things that have no GUID of their
#: own in a project (users, documents, codings, memos, cases, variables). Derived
#: from what the thing is, never from the project, so a project exported,
#: imported elsewhere and exported again keeps every GUID.
GUID_NAMESPACE = uuid.UUID("5d0f6c2e-8f1b-4a7e-9c1d-2b7f0e4a9c31")
_NAMESPACE_BYTES = GUID_NAMESPACE.bytes

VariableValue = str | int | float | bool | date | datetime


def derived_guid(*parts: object) -> str:
    """A stable GUID for what ``parts`` name (``"source", sha256``, ...).

    The same value as ``str(uuid.uuid5(GUID_NAMESPACE, name))``, computed without
    building a ``UUID``: an export derives one per coding and selection, and
    this is three times faster.
    """
    name = "\x1f".join(map(str, parts)).encode("utf-8")
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass(frozen=True)
class RefiCoding:
    """One code applied to a selection, by whom and when (both optional in the standard)."""

    guid: str
    code_guid: str
    user_guid: str | None = None
    created: datetime | None = None
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefiSelection:
    """A range of a text source, end exclusive, in the units of whoever wrote the file."""

    guid: str
    start: int
    end: int
    codings: tuple[RefiCoding, ...] = ()
    user_guid: str | None = None
    created: datetime | None = None
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefiValue:
    """A variable's value for a source or a case."""

    variable_guid: str
    value: VariableValue


@dataclass(frozen=True)
class RefiSource:
    """A text source: its name and text, and the selections made in it.

    ``text`` is the source's plain text decoded as stored in the file, before
    any normalization (a BOM is kept as U+FEFF, ``\\r`` stays). ``kind`` is the
    element it came from (``TextSource``, or ``PDFSource`` for the text
    rendition of a PDF).
    """

    guid: str
    name: str
    text: str
    selections: tuple[RefiSelection, ...] = ()
    values: tuple[RefiValue, ...] = ()
    note_guids: tuple[str, ...] = ()
    kind: str = "TextSource"
    user_guid: str | None = None
    created: datetime | None = None


@dataclass(frozen=True)
class RefiNote:
    """A note (our memos, and a coding's memo): title, text, author and times."""

    guid: str
    name: str
    text: str
    user_guid: str | None = None
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class RefiVariable:
    """A variable: ``kind`` is the standard's type (Text, Boolean, Integer, Float, Date,
    DateTime); ``description`` carries codebook's own attribute type where it has one."""

    guid: str
    name: str
    kind: str
    description: str = ""


@dataclass(frozen=True)
class RefiCase:
    """A case and what it covers: whole sources, or selections (one speaker's turns)."""

    guid: str
    name: str
    description: str = ""
    source_guids: tuple[str, ...] = ()
    selection_guids: tuple[str, ...] = ()
    values: tuple[RefiValue, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An element left out of an import, and why (said in the import report)."""

    element: str
    name: str
    reason: str


@dataclass(frozen=True)
class RefiProject:
    """Everything of a .qdpx that codebook reads or writes.

    ``codebook`` holds the codes with their GUIDs, colours and structured
    fields; ``retired`` and ``merged_into`` of a ``CodeSpec`` carry codebook's
    own retired codes. ``code_notes`` and ``project_notes`` are the GUIDs of
    the notes on each code (by code GUID) and on the project as a whole.
    ``skipped`` and ``warnings`` are what a reader met and did not take (or,
    gathered from a project, what an export cannot write). ``created`` and
    ``user_guid`` are when and by whom the project was started.
    """

    name: str
    codebook: CodebookSpec
    users: tuple[RefiUser, ...] = ()
    sources: tuple[RefiSource, ...] = ()
    notes: tuple[RefiNote, ...] = ()
    cases: tuple[RefiCase, ...] = ()
    variables: tuple[RefiVariable, ...] = ()
    code_notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    project_notes: tuple[str, ...] = ()
    origin: str = ""
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    created: datetime | None = None
    user_guid: str | None = None
