"""The one way untrusted REFI-QDA XML is parsed, and the project schema it is checked against.

A .qdpx comes from anywhere, so its XML is read as hostile: no DTD is loaded,
no entity is expanded, nothing is fetched from the network, no huge text node
is accepted, and a document that declares a DOCTYPE at all is refused (the
standard never needs one, and an internal subset is where entity bombs and
external entities live). Errors are one line that names the file and the
line, and says plainly when the file is cut off, the usual result of an
interrupted download or copy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NoReturn

from lxml import etree

from codebook.domain import CodebookError, CodebookFileError
from codebook.services.safe_xml import safe_parser

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "refi_qda"
PROJECT_XSD = SCHEMA_DIR / "Project.xsd"

_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


def parse_untrusted(data: bytes, where: str) -> etree._Element:
    """Parse ``data`` (a document from outside) and return its root element.

    ``where`` names the document in messages (``study.qdpx: project.qde``);
    every problem is a ``CodebookFileError`` of one line: ``where: line N: ...``.
    The raw bytes are checked for a DOCTYPE before parsing, and the parsed
    tree again afterwards, for encodings (UTF-16) the byte check cannot see.
    Only the prolog is searched, so a text that quotes "<!DOCTYPE" in a CDATA
    section is not mistaken for a declaration.
    """
    first = _FIRST_ELEMENT.search(data)
    prolog = data[: first.start()] if first else data
    for declaration in _DECLARATIONS:
        index = prolog.find(declaration)
        if index >= 0:
            _refuse_declarations(where, data[:index].count(b"\n") + 1)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(data, where, exc) from None
    if root.getroottree().docinfo.internalDTD is not None:
        _refuse_declarations(where, 1)
    return root


def line_of(element: etree._Element) -> int:
    """The line an element starts on (0 if unknown), for messages."""
    line: int | None = getattr(element, "sourceline", None)
    return line or 0


def _refuse_declarations(where: str, line: int) -> NoReturn:
    raise CodebookFileError(
        "{where}: line {line}: a DOCTYPE or entity declaration is not allowed (refused for safety)",
        where=where,
        line=line,
    )


def _syntax_error(data: bytes, where: str, exc: etree.XMLSyntaxError) -> CodebookFileError:
    """One line for a parse error; a document that stops mid-element is called cut off."""
    if not data.strip():
        return CodebookFileError("{where}: the file is empty", where=where)
    line, column = exc.position
    last_line = data.count(b"\n") + 1
    last_length = len(data) - (data.rfind(b"\n") + 1)
    if line == last_line and column > last_length:
        return CodebookFileError(
            "{where}: line {line}: the XML ends inside an element: the file is cut off",
            where=where,
            line=line,
        )
    message = _POSITION_SUFFIX.sub("", str(exc.msg)) if exc.msg else CodebookError("malformed XML")
    return CodebookFileError(
        "{where}: line {line}, column {column}: not well-formed XML: {problem}",
        where=where,
        line=line,
        column=column,
        problem=message,
    )


@lru_cache(maxsize=1)
def project_schema() -> etree.XMLSchema:
    """The REFI-QDA project schema (an unchanged copy ships with the package)."""
    return etree.XMLSchema(etree.parse(str(PROJECT_XSD), safe_parser()))
