"""Building REFI-QDA files for the import tests: project XML as strings, .qdpx with zipfile.

Every file a test reads is made here, in the test's tmp_path, shaped like
what a real tool writes (ATLAS.ti's ``Project.qde``, NVivo's ``Sources/``,
BOMs, CRLF, UTF-16 offsets), so nothing outside the repository is needed.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path

NS = "urn:QDA-XML:project:1.0"
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


def guid(name: str) -> str:
    """A GUID that reads back to ``name`` in a failing assertion's diff."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def project(body: str, *, name: str = "Study", origin: str = "Test tool 1.0") -> str:
    """A project document around ``body`` (the elements inside ``<Project>``)."""
    return f'{HEAD}<Project xmlns="{NS}" name="{name}" origin="{origin}">\n{body}\n</Project>\n'


def codebook(*codes: str) -> str:
    return f"<CodeBook><Codes>{''.join(codes)}</Codes></CodeBook>"


def code(name: str, *children: str, codable: bool = True, extra: str = "") -> str:
    inner = "".join(children)
    return (
        f'<Code guid="{guid(name)}" name="{name}" isCodable="{str(codable).lower()}"{extra}>'
        f"{inner}</Code>"
    )


def selection(name: str, start: int, end: int, *codes: str) -> str:
    codings = "".join(
        f'<Coding guid="{guid(name + "/" + c)}"><CodeRef targetGUID="{guid(c)}"/></Coding>'
        for c in codes
    )
    return (
        f'<PlainTextSelection guid="{guid(name)}" startPosition="{start}" endPosition="{end}">'
        f"{codings}</PlainTextSelection>"
    )


def text_source(name: str, *selections: str, path: str | None = None, extra: str = "") -> str:
    reference = path if path is not None else f"internal://{guid(name)}.txt"
    return (
        f'<TextSource guid="{guid(name)}" name="{name}" plainTextPath="{reference}"{extra}>'
        f"{''.join(selections)}</TextSource>"
    )


def value(variable: str, kind: str, text: str) -> str:
    """A ``VariableValue`` of the variable named ``variable`` (its GUID from ``guid``)."""
    return (
        f'<VariableValue><VariableRef targetGUID="{guid(variable)}"/>'
        f"<{kind}Value>{text}</{kind}Value></VariableValue>"
    )


def qdpx(path: Path, files: Mapping[str, str | bytes]) -> Path:
    """A zip of ``files`` (name -> content; text is written as UTF-8)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(name, data)
    return path


def source_file(name: str, folder: str = "sources") -> str:
    """The archive member of the text source ``name`` as ``text_source`` refers to it."""
    return f"{folder}/{guid(name)}.txt"
