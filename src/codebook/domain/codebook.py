"""The codebook as values: a code's structured fields, codebook files, and codes as shown.

Codes are named by path with ``PATH_SEPARATOR`` between levels, because code
names themselves often contain ``/`` ("regionaal/landelijk").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

PATH_SEPARATOR = " > "


@dataclass(frozen=True, slots=True)
class CodeFields:
    """The structured fields of a codebook entry (MacQueen et al. 1998)."""

    name: str
    brief_definition: str = ""
    full_definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    color: str = ""
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> CodeFields:
        """The fields a file gives by name (``name`` required, the rest may be missing)."""
        return cls(
            name=str(data["name"]),
            brief_definition=str(data.get("brief_definition", "")),
            full_definition=str(data.get("full_definition", "")),
            when_to_use=str(data.get("when_to_use", "")),
            when_not_to_use=str(data.get("when_not_to_use", "")),
            example=str(data.get("example", "")),
            color=str(data.get("color", "")),
            keywords=tuple(str(k) for k in data.get("keywords", ())),
        )


#: The free-text definition fields of a code, in the order a codebook shows them.
TEXT_FIELDS: tuple[str, ...] = (
    "brief_definition",
    "full_definition",
    "when_to_use",
    "when_not_to_use",
    "example",
)


STRUCTURED_FIELDS: tuple[str, ...] = ("name", *TEXT_FIELDS, "color", "keywords")


#: How those fields are labelled where they are written as text (``.qdc`` descriptions, CLI).
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("brief_definition", "Brief definition"),
    ("full_definition", "Full definition"),
    ("when_to_use", "When to use"),
    ("when_not_to_use", "When not to use"),
    ("example", "Example"),
    ("keywords", "Keywords"),
)


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """A code as written in a codebook file: fields, a stable guid, children.

    ``retired`` and ``merged_into`` (the guid of the code it was merged into)
    only appear when a project's codebook is exported with its retired codes,
    so such a file can be imported again without losing that history.
    """

    fields: CodeFields
    guid: str | None = None
    children: tuple[CodeSpec, ...] = ()
    retired: bool = False
    merged_into: str | None = None


def walk_codes(codes: Iterable[CodeSpec]) -> Iterator[CodeSpec]:
    """Every code of a codebook file's tree, parents before their children, in file order."""
    for code in codes:
        yield code
        yield from walk_codes(code.children)


@dataclass(frozen=True, slots=True)
class CodebookSpec:
    """A whole codebook file: title, language, description and the code tree."""

    name: str
    codes: tuple[CodeSpec, ...]
    language: str = "en"
    description: str = ""
    #: What reading the file forgave (a harmless slip of the tool that wrote it).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeItem:
    """A code with its path, depth and number of codings, detached from any session."""

    id: int
    guid: str
    parent_id: int | None
    name: str
    path: str
    depth: int
    color: str
    brief_definition: str
    full_definition: str
    when_to_use: str
    when_not_to_use: str
    example: str
    keywords: tuple[str, ...]
    retired: bool
    count: int


@dataclass(frozen=True)
class CodeDetail:
    """One code as ``codebook show`` tells it: the code, and the path it was merged into."""

    item: CodeItem
    merged_into: str | None = None
