"""Checking a project file against the REFI-QDA schema, forgiving slips that lose nothing.

Real tools write files that do not quite validate: Taguette ends a codebook
with an empty ``<Sets/>``, others add elements or attributes of their own.
Refusing such a file would stop an analyst for nothing, so three kinds of
slip are removed with a warning before the file is validated again: elements
the schema does not know at all (or from another namespace), attributes it
does not declare, and containers left empty (``<Sets/>``, ``<Links/>``, a
``<CodeBook>`` without codes). Which is which is read from the schema itself,
so the rules cannot drift from it. Anything still invalid after that (a
missing name or position, a position that is not a number, a known element in
the wrong place) means data would be lost or misread, and is refused with
the schema's own message.

Validity is checked by parsing the tree again with the schema, in linear
time: lxml's ``XMLSchema.validate`` records a path for every error, which
takes time quadratic in the errors among many siblings (minutes for a tool
that adds an attribute to each of 100,000 selections). The tree is validated
only to find the line of an error known to be there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from lxml import etree

from codebook.domain import CodebookError, CodebookFileError
from codebook.services.refi.xml import (
    PROJECT_NAMESPACE,
    PROJECT_XSD,
    line_of,
    project_schema,
)
from codebook.services.safe_xml import safe_parser

_XSD = "{http://www.w3.org/2001/XMLSchema}"
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_NS = f"{{{PROJECT_NAMESPACE}}}"
#: Lists of siblings are cut to this length to find the line of an error quickly.
_SAMPLE_SIBLINGS = 25


@dataclass(frozen=True)
class _Type:
    """What the schema allows in one complex type: child elements (name -> type) and attributes."""

    children: dict[str, str]
    attributes: frozenset[str]
    container: bool


_SIMPLE = _Type({}, frozenset(), container=False)


@dataclass(frozen=True)
class _Schema:
    types: dict[str, _Type]
    element_names: frozenset[str]


@lru_cache(maxsize=1)
def _schema_tables() -> _Schema:
    """The project schema's complex types, read from the packaged XSD."""
    root = etree.parse(str(PROJECT_XSD), safe_parser()).getroot()
    types: dict[str, _Type] = {}
    for complex_type in root.iter(f"{_XSD}complexType"):
        elements = list(complex_type.iter(f"{_XSD}element"))
        attributes = frozenset(a.get("name", "") for a in complex_type.iter(f"{_XSD}attribute"))
        required = any(_required(e, complex_type) for e in elements)
        types[complex_type.get("name", "")] = _Type(
            children={e.get("name", ""): e.get("type", "") for e in elements},
            attributes=attributes,
            container=required and not attributes,
        )
    names = frozenset(e.get("name", "") for e in root.iter(f"{_XSD}element"))
    return _Schema(types, names)


def _required(element: etree._Element, complex_type: etree._Element) -> bool:
    """Whether the type needs this element: neither it nor a group around it is optional."""
    node: etree._Element | None = element
    while node is not None and node is not complex_type:
        if node.get("minOccurs") == "0":
            return False
        node = node.getparent()
    return True


def check_project(root: etree._Element, where: str) -> tuple[str, ...]:
    """Validate a parsed project file's structure; return warnings for the slips forgiven.

    The schema checks a sample of the tree (each list of siblings cut short):
    a tool that writes one selection or coding wrong writes them all alike,
    and validating 100,000 selections would cost twice as long as parsing
    them; the reader checks each element's own required values as it reads
    them. When the sample is not valid, the harmless slips are removed from
    the whole of ``root`` in place (and counted for the warnings) and the
    rest raises ``CodebookFileError`` naming ``where`` and the line.
    """
    _check_root(root, where)
    if _valid(root):
        return ()
    tables = _schema_tables()
    found: dict[str, list[int]] = {}
    _tidy(root, tables.types["ProjectType"], tables, found)
    if not _valid(root):
        line, problem = _first_error(root)
        raise CodebookFileError(
            "{where}: line {line}: not a valid REFI-QDA project: {problem}",
            where=where,
            line=line,
            problem=problem,
        )
    return tuple(_warning(message, lines) for message, lines in found.items())


def _valid(root: etree._Element) -> bool:
    """Whether a sample of ``root`` (every list of siblings cut short) is valid."""
    return bool(project_schema().validate(_sample(root)))


def _sample(element: etree._Element) -> etree._Element:
    """A copy of ``element`` with at most ``_SAMPLE_SIBLINGS`` children at every level."""
    copy = etree.Element(element.tag, {str(k): str(v) for k, v in element.attrib.items()})
    copy.text = element.text
    for child in islice(element, _SAMPLE_SIBLINGS):
        if isinstance(child.tag, str):
            part = _sample(child)
            part.tail = child.tail
            copy.append(part)
    return copy


def _first_error(root: etree._Element) -> tuple[int, str]:
    """The line and message of the first schema error in ``root``'s sample, which is invalid.

    The sample keeps the first children of every element in order, so the
    error's path in the sample names the same element in ``root``, whose line
    is the file's.
    """
    schema = project_schema()
    schema.validate(_sample(root))
    errors: Any = schema.error_log  # the stubs do not declare its sequence methods
    error = errors[0]
    line = error.line
    if error.path:
        # lxml names the sample's one namespace ns0, as it does every unprefixed one
        found = root.getroottree().xpath(error.path, namespaces={"ns0": PROJECT_NAMESPACE})
        elements = (
            [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []
        )
        if elements:
            line = line_of(elements[0])
    return line, " ".join(str(error.message).replace(_NS, "").split())


def _check_root(root: etree._Element, where: str) -> None:
    name = etree.QName(root)
    if name.namespace == PROJECT_NAMESPACE and name.localname == "Project":
        return
    if name.localname == "Project":
        problem = CodebookError(
            "the root element is not in the REFI-QDA namespace {expected} (it is in {found})",
            expected=PROJECT_NAMESPACE,
            found=name.namespace or CodebookError("no namespace"),
        )
    elif name.localname == "CodeBook":
        problem = CodebookError("this is a REFI-QDA codebook (.qdc), not a project")
    else:
        problem = CodebookError(
            "not a REFI-QDA project: the root element is <{element}>", element=name.localname
        )
    raise CodebookFileError(
        "{where}: line {line}: {problem}", where=where, line=root.sourceline, problem=problem
    )


def _tidy(
    element: etree._Element, spec: _Type, tables: _Schema, found: dict[str, list[int]]
) -> bool:
    """Remove the slips inside ``element``; say whether any child element was removed."""
    local = etree.QName(element).localname
    for attribute in [str(a) for a in element.attrib]:
        if attribute not in spec.attributes and not attribute.startswith(_XSI):
            del element.attrib[attribute]
            message = f"unknown attribute '{etree.QName(attribute).localname}' on <{local}> ignored"
            found.setdefault(message, []).append(line_of(element))
    removed = False
    if spec is _SIMPLE:
        return removed
    for child in list(element):
        child_name = etree.QName(child)
        in_namespace = child_name.namespace == PROJECT_NAMESPACE
        child_type = spec.children.get(child_name.localname) if in_namespace else None
        if child_type is None:
            if in_namespace and child_name.localname in tables.element_names:
                continue  # a known element out of place: the schema refuses it
            element.remove(child)
            message = f"unknown element <{child_name.localname}> in <{local}> ignored"
            found.setdefault(message, []).append(line_of(child))
            removed = True
            continue
        child_spec = tables.types.get(child_type, _SIMPLE)
        emptied = _tidy(child, child_spec, tables, found)
        if child_spec.container and len(child) == 0:
            element.remove(child)
            if not emptied:  # emptied by removals already warned about: no second warning
                message = f"empty <{child_name.localname}/> ignored"
                found.setdefault(message, []).append(line_of(child))
            emptied = True
        removed = removed or emptied
    return removed


def _warning(message: str, lines: list[int]) -> str:
    if len(lines) == 1:
        return f"{message} (line {lines[0]})"
    return f"{message} ({len(lines):,} times, first on line {lines[0]})"
