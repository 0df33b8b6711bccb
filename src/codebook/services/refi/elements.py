"""Small readers for the parts of REFI-QDA elements: GUIDs, references, dates, values, colours.

Kept apart from ``reader`` so that the reader says what a project holds and
this module how each value is written in the standard (``xsd:dateTime``
with or without a zone, ``#RGB`` colours, GUIDs with braces or in capitals).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from lxml import etree

from codebook.services.codebook.yaml_format import normalize_guid
from codebook.services.refi.model import VariableValue
from codebook.services.refi.writer import MERGED_INTO_PREFIX, RETIRED_LINE
from codebook.services.refi.xml import PROJECT_NAMESPACE

_NS = f"{{{PROJECT_NAMESPACE}}}"


def q(name: str) -> str:
    """The qualified name of a project element."""
    return _NS + name


def counted(number: int, noun: str) -> str:
    """``1 coding``, ``2,345 codings``: counts in warnings."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def child_text(element: etree._Element, tag: str) -> str:
    child = element.find(q(tag))
    return (child.text or "") if child is not None else ""


def refs(element: etree._Element, tag: str) -> tuple[str, ...]:
    """The normalized ``targetGUID`` of each ``tag`` child (``NoteRef``, ``SourceRef``...)."""
    return tuple(normalize_guid(r.get("targetGUID", "")) for r in element.iterfind(q(tag)))


def guid_or_none(value: str | None) -> str | None:
    return normalize_guid(value) if value else None


def with_rendition(source: etree._Element, rendition: etree._Element) -> tuple[etree._Element, ...]:
    """A source element and its text rendition (a PDF's ``Representation``), or just the source."""
    return (source,) if rendition is source else (source, rendition)


def parse_datetime(value: str) -> datetime:
    """An ``xsd:dateTime`` as a naive UTC datetime (a value without a zone is taken as UTC)."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _boolean(text: str) -> bool:
    if text not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return text in ("true", "1")


#: How each value element of a ``VariableValue`` is read (``ValueError`` or ``OverflowError``
#: for a value the schema accepts and Python cannot hold, such as the year 10000).
CONVERTERS: dict[str, Callable[[str], VariableValue]] = {
    "TextValue": str,
    "BooleanValue": _boolean,
    "IntegerValue": int,
    "FloatValue": float,
    "DateValue": lambda text: date.fromisoformat(text[:10]),
    "DateTimeValue": parse_datetime,
}


def retirement(description: str) -> tuple[bool, str | None, str]:
    """Take the writer's ``Retired: yes`` and ``Merged into: <guid>`` lines off the end of a
    code's description; return retired, the GUID merged into, and the rest."""
    lines = description.split("\n")
    retired, merged_into = False, None
    while lines and (lines[-1] == RETIRED_LINE or lines[-1].startswith(MERGED_INTO_PREFIX)):
        last = lines.pop()
        if last == RETIRED_LINE:
            retired = True
        else:
            merged_into = normalize_guid(last.removeprefix(MERGED_INTO_PREFIX))
    return retired, merged_into, "\n".join(lines)


def colour(value: str) -> str:
    """``#RGB`` or ``#RRGGBB`` as ``#RRGGBB`` in capitals."""
    value = value.strip().upper()
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value
