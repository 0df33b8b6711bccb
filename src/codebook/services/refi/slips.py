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

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from codebook.domain import CodebookFileError
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
_SAMPLE_SIBLINGS = 100


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
    """Validate a parsed project file; return warnings for the slips forgiven.

    Removes the harmless slips from ``root`` in place (only when the file does
    not validate as it is) and raises ``CodebookFileError`` naming ``where``
    and the line for anything else.
    """
    _check_root(root, where)
    if _valid(root):
        return ()
    tables = _schema_tables()
    found: dict[str, list[int]] = {}
    _tidy(root, tables.types["ProjectType"], tables, found)
    if not _valid(root):
        line, problem = _first_error(root)
        raise CodebookFileError(f"{where}: line {line}: not a valid REFI-QDA project: {problem}")
    return tuple(_warning(message, lines) for message, lines in found.items())


def _valid(root: etree._Element) -> bool:
    """Whether ``root`` is valid, found by parsing it again with the schema (linear time)."""
    try:
        etree.fromstring(etree.tostring(root), safe_parser(project_schema()))
    except etree.XMLSyntaxError:
        return False
    return True


def _first_error(root: etree._Element) -> tuple[int, str]:
    """The line and message of a schema error in ``root``, which is invalid.

    Looked for first in a copy with every list of siblings cut short (an error
    a tool makes in one selection it makes in the first hundred), then in the
    whole tree.
    """
    sample = copy.deepcopy(root)
    for parent in [e for e in sample.iter() if len(e) > _SAMPLE_SIBLINGS]:
        del parent[_SAMPLE_SIBLINGS:]
    schema = project_schema()
    if schema.validate(sample):
        schema.validate(root)
    errors: Any = schema.error_log  # the stubs do not declare its sequence methods
    error = errors[0]
    return error.line, " ".join(str(error.message).replace(_NS, "").split())


def _check_root(root: etree._Element, where: str) -> None:
    name = etree.QName(root)
    if name.namespace == PROJECT_NAMESPACE and name.localname == "Project":
        return
    if name.localname == "Project":
        problem = (
            f"the root element is not in the REFI-QDA namespace {PROJECT_NAMESPACE} "
            f"(it is in {name.namespace or 'no namespace'})"
        )
    elif name.localname == "CodeBook":
        problem = "this is a REFI-QDA codebook (.qdc), not a project"
    else:
        problem = f"not a REFI-QDA project: the root element is <{name.localname}>"
    raise CodebookFileError(f"{where}: line {root.sourceline}: {problem}")


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
