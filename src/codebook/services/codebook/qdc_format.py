"""REFI-QDA codebooks (.qdc): exchanging a codebook with ATLAS.ti, NVivo, MAXQDA, QualCoder.

A .qdc code has a name, a guid, a colour and one free-text ``Description``;
our structured fields travel inside that description as labelled lines
("Brief definition: ..."), readable in any other tool and parsed back when a
file comes home. A description in any other form is kept whole as the full
definition. Guids are kept both ways, so codings exchanged later still match.

Files from elsewhere are untrusted: they are parsed without DTDs, entities or
network access, refused if they declare a DOCTYPE, and validated against the
REFI-QDA schema before anything is read from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codebook import __version__
from codebook.domain import FIELD_LABELS, CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.services.atomic import atomic_path
from codebook.services.codebook.yaml_format import GUID_RE, normalize_guid

if TYPE_CHECKING:
    from lxml import etree

NAMESPACE = "urn:QDA-XML:codebook:1.0"
XSD_PATH = Path(__file__).resolve().parents[2] / "schemas" / "refi_qda" / "Codebook.xsd"
_CONTINUATION = "  "
_KEYWORD_SEPARATOR = ", "


# ---------------------------------------------------------------------------
# Description <-> structured fields


def description_text(fields: CodeFields) -> str:
    """The structured fields as labelled lines; continuation lines are indented two spaces."""
    lines: list[str] = []
    for attr, label in FIELD_LABELS:
        if attr == "keywords":
            value = _KEYWORD_SEPARATOR.join(fields.keywords)
        else:
            value = str(getattr(fields, attr))
        if not value:
            continue
        first, *rest = value.split("\n")
        lines.append(f"{label}: {first}")
        lines.extend(_CONTINUATION + line for line in rest)
    return "\n".join(lines)


def parse_description(text: str) -> dict[str, Any]:
    """Structured fields from a description in our labelled form.

    Anything else (a note from another program) becomes the full definition,
    whole, so nothing written elsewhere is lost or misread.
    """
    by_label = {f"{label}: ": attr for attr, label in FIELD_LABELS}
    values: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        prefix = next((p for p in by_label if line.startswith(p) or line == p.rstrip()), None)
        if prefix is not None and by_label[prefix] not in values:
            current = by_label[prefix]
            values[current] = [line[len(prefix) :]]
        elif current is not None and line.startswith(_CONTINUATION):
            values[current].append(line[len(_CONTINUATION) :])
        else:
            return {"full_definition": text} if text else {}
    out: dict[str, Any] = {attr: "\n".join(lines) for attr, lines in values.items()}
    if "keywords" in out:
        out["keywords"] = tuple(k for k in out["keywords"].split(_KEYWORD_SEPARATOR) if k)
    return out


# ---------------------------------------------------------------------------
# export


@lru_cache(maxsize=1)
def codebook_schema() -> etree.XMLSchema:
    """The REFI-QDA codebook schema (an unchanged copy ships with the package)."""
    from lxml import etree

    from codebook.services.safe_xml import safe_parser

    return etree.XMLSchema(etree.parse(str(XSD_PATH), safe_parser()))


def dump_qdc(spec: CodebookSpec) -> bytes:
    """The codebook as a .qdc document, valid against the REFI-QDA schema."""
    from lxml import etree

    if not spec.codes:
        raise CodebookFileError("a .qdc needs at least one code; the codebook is empty")
    ns = f"{{{NAMESPACE}}}"
    root = etree.Element(ns + "CodeBook", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    root.set("origin", f"codebook {__version__}")
    codes = etree.SubElement(root, ns + "Codes")

    def add(parent: etree._Element, code: CodeSpec) -> None:
        element = etree.SubElement(parent, ns + "Code")
        element.set("guid", code.guid or _new_guid())
        element.set("name", code.fields.name)
        element.set("isCodable", "true")
        if code.fields.color:
            element.set("color", code.fields.color.upper())
        text = description_text(code.fields)
        if text:
            etree.SubElement(element, ns + "Description").text = text
        for child in code.children:
            add(element, child)

    for code in spec.codes:
        add(codes, code)
    schema = codebook_schema()
    if not schema.validate(root):  # pragma: no cover - a bug in this module, not user input
        raise CodebookFileError(
            "internal error: .qdc does not validate: {problem}", problem=schema.error_log
        )
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, standalone=True
    )
    return data


def _new_guid() -> str:
    import uuid

    return str(uuid.uuid4())


def save_qdc(spec: CodebookSpec, path: str | Path) -> None:
    """Write the codebook atomically: a crash never leaves half a file."""
    data = dump_qdc(spec)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


# ---------------------------------------------------------------------------
# import


@dataclass
class _Seen:
    guids: dict[str, int]


def _line_of(raw: bytes, needle: bytes) -> int:
    index = raw.find(needle)
    return 1 if index < 0 else raw[:index].count(b"\n") + 1


def _expand_color(color: str) -> str:
    color = color.strip().upper()
    if len(color) == 4:
        color = "#" + "".join(ch * 2 for ch in color[1:])
    return color


def parse_qdc(raw: bytes, source: str = "<qdc>") -> CodebookSpec:
    """Read a .qdc document; errors name ``source`` and the line."""
    from lxml import etree

    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        line = _line_of(raw, b"<!DOCTYPE" if b"<!DOCTYPE" in raw else b"<!ENTITY")
        raise CodebookFileError(
            "{file}:{line}: DOCTYPE and entity declarations are not allowed in a .qdc",
            file=source,
            line=line,
        )
    from codebook.services.safe_xml import safe_parser

    try:
        root = etree.fromstring(raw, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = str(exc.msg).split(" (line")[0] if exc.msg else "malformed XML"
        raise CodebookFileError(
            "{file}:{line}:{column}: not well-formed XML: {problem}",
            file=source,
            line=line,
            column=column + 1,
            problem=message,
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise CodebookFileError(
            "{file}:{line}: DOCTYPE and entity declarations are not allowed in a .qdc",
            file=source,
            line=1,
        )
    warnings = _forgive_empty_sets(root, source)
    schema = codebook_schema()
    if not schema.validate(root):
        errors: Any = schema.error_log
        error = next(iter(errors))
        message = str(error.message).replace(f"{{{NAMESPACE}}}", "")
        raise CodebookFileError(
            "{file}:{line}: not a valid REFI-QDA codebook: {problem}",
            file=source,
            line=error.line,
            problem=message,
        ) from None
    ns = f"{{{NAMESPACE}}}"
    seen = _Seen({})

    def read(element: etree._Element, path: str) -> CodeSpec:
        line: int = getattr(element, "sourceline", None) or 0
        name = (element.get("name") or "").strip()
        if not name:
            raise CodebookFileError("{file}:{line}: code without a name", file=source, line=line)
        if ">" in name:
            raise CodebookFileError(
                "{file}:{line}: code '{name}': a name may not contain '>' (it separates paths)",
                file=source,
                line=line,
                name=name,
            )
        guid_text = element.get("guid") or ""
        if not GUID_RE.match(guid_text.strip()):  # pragma: no cover - the schema checks this
            raise CodebookFileError(
                "{file}:{line}: code '{name}': bad guid {guid!r}",
                file=source,
                line=line,
                name=name,
                guid=guid_text,
            )
        guid = normalize_guid(guid_text)
        if guid in seen.guids:
            raise CodebookFileError(
                "{file}:{line}: code '{name}': guid {guid} already used on line {first}",
                file=source,
                line=line,
                name=name,
                guid=guid,
                first=seen.guids[guid],
            )
        seen.guids[guid] = line
        description = element.find(ns + "Description")
        values = parse_description(description.text or "" if description is not None else "")
        fields = CodeFields.from_mapping(
            {**values, "name": name, "color": _expand_color(element.get("color") or "")}
        )
        children = read_all(element, f"{path} > {name}" if path else name)
        return CodeSpec(fields, guid, children)

    def read_all(parent: etree._Element, path: str) -> tuple[CodeSpec, ...]:
        out: list[CodeSpec] = []
        names: set[str] = set()
        for element in parent.findall(ns + "Code"):
            spec = read(element, path)
            key = spec.fields.name.lower()
            if key in names:
                if not path:
                    raise CodebookFileError(
                        "{file}:{line}: duplicate sibling name '{name}' at the top level",
                        file=source,
                        line=element.sourceline,
                        name=spec.fields.name,
                    )
                raise CodebookFileError(
                    "{file}:{line}: duplicate sibling name '{name}' under '{parent}'",
                    file=source,
                    line=element.sourceline,
                    name=spec.fields.name,
                    parent=path,
                )
            names.add(key)
            out.append(spec)
        return tuple(out)

    codes_element = root.find(ns + "Codes")
    assert codes_element is not None  # the schema requires it
    return CodebookSpec(
        name=Path(source).stem,
        codes=read_all(codes_element, ""),
        language="",
        description="",
        warnings=warnings,
    )


def _forgive_empty_sets(root: etree._Element, source: str) -> tuple[str, ...]:
    """Drop an empty ``<Sets/>`` (Taguette writes one; the schema wants a Set in it).

    Nothing is lost by reading the file without it, so it is a warning, not a refusal.
    """
    warnings = []
    for sets in root.findall(f"{{{NAMESPACE}}}Sets"):
        if len(sets) == 0:
            warnings.append(f"{source}:{sets.sourceline}: empty <Sets/> ignored")
            root.remove(sets)
    return tuple(warnings)


def load_qdc(path: str | Path) -> CodebookSpec:
    """Read and validate a .qdc file; every problem is one line naming file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookFileError(
            "{file}: cannot read: {problem}", file=path, problem=exc.strerror or exc
        ) from None
    return parse_qdc(raw, str(path))
