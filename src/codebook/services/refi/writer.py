"""A REFI-QDA model as a .qdpx: ``project.qde`` valid against the Project schema, and
``sources/<guid>.txt`` per text source.

Other tools reject or half-read a project file that is not strictly valid,
so the XML is checked against the packaged schema before anything is
written: a model that does not validate is a bug here, reported as an
internal error, never a file handed to the user. The elements follow the
schema's order and empty containers are left out (the schema requires at
least one child in each).

The output depends only on the model: no time of export, no random GUIDs, a
fixed time on every zip entry. Exporting an unchanged project twice gives the
same bytes, so a diff or a checksum shows whether anything changed.

A million words with a hundred thousand codings are written in about two
and a half seconds, most of it lxml making elements: attributes go in as
prepared dicts, each distinct time is formatted once, the collector is
paused while the tree is built, and the zip is deflated at level 1.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree

from codebook import __version__
from codebook.domain import CodebookError, CodebookFileError, CodeSpec
from codebook.gc_pause import gc_paused
from codebook.services.atomic import atomic_path
from codebook.services.codebook.qdc_format import description_text
from codebook.services.refi.model import (
    RefiCase,
    RefiNote,
    RefiProject,
    RefiSource,
    RefiValue,
    RefiVariable,
    VariableValue,
)
from codebook.services.refi.xml import PROJECT_NAMESPACE, project_schema

Progress = Callable[[int, int], None]

ORIGIN = f"codebook {__version__}"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources"
#: Extra lines of a retired code's Description (after its structured fields); the reader
#: takes them off again and restores the code as retired (and merged into that GUID).
RETIRED_LINE = "Retired: yes"
MERGED_INTO_PREFIX = "Merged into: "
#: Deflate level: 1 writes a large project's XML three times faster than the default 6,
#: for a file about a sixth larger.
_LEVEL = 1
#: Zip entries carry this time when the project has no creation time (the zip epoch).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: What XML 1.0 cannot hold at all, not even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_VALUE_ELEMENTS = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


def _q(name: str) -> str:
    return f"{{{PROJECT_NAMESPACE}}}{name}"


def dump_project_xml(project: RefiProject) -> bytes:
    """The model as ``project.qde``, valid against the REFI-QDA Project schema."""
    return _project_xml(project, lambda: None)


def write_qdpx(project: RefiProject, out: Path, progress: Progress | None = None) -> None:
    """Write the model as a .qdpx at ``out``, atomically: a failed export leaves no file.

    ``progress(done, total)`` counts each source's selections built, the
    project XML validated, and each source's text written.
    """
    report = progress or (lambda _done, _total: None)
    total = 2 * len(project.sources) + 1
    steps = iter(range(1, total + 1))

    def step() -> None:
        report(next(steps), total)

    stamp = _zip_time(project.created)
    with atomic_path(out) as tmp:
        data = _project_xml(project, step)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(PROJECT_FILE, stamp), data, compresslevel=_LEVEL)
            for source in project.sources:
                name = f"{SOURCES_FOLDER}/{source.guid}.txt"
                archive.writestr(
                    _entry(name, stamp), source.text.encode("utf-8"), compresslevel=_LEVEL
                )
                step()


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # a plain readable file when unpacked
    return info


def _zip_time(created: datetime | None) -> tuple[int, int, int, int, int, int]:
    if created is None or created.year < 1980:
        return _ZIP_EPOCH
    return (created.year, created.month, created.day, created.hour, created.minute, created.second)


def _project_xml(project: RefiProject, step: Callable[[], None]) -> bytes:
    with gc_paused():
        root = _Builder(project, step).build()
        try:
            project_schema().assertValid(root)
        except etree.DocumentInvalid as exc:
            message = " ".join(str(exc).replace(f"{{{PROJECT_NAMESPACE}}}", "").split())
            raise CodebookFileError(
                "internal error: the project XML does not validate: {problem}", problem=message
            ) from None
        step()
        data: bytes = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", pretty_print=True, standalone=True
        )
    return data


def _when(value: datetime) -> str:
    """An ``xsd:dateTime`` in UTC (our times are stored as UTC without a zone)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _check_text(text: str, what: CodebookError) -> str:
    """``text`` unchanged, or a one-line error naming ``what`` when XML cannot hold it."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise CodebookError(
            "{what} contains a character a REFI-QDA file cannot hold "
            "(U+{character}); remove it and export again",
            what=what,
            character=f"{ord(bad.group()):04X}",
        )
    return text


class _Builder:
    """Builds the element tree of one project; formats each distinct time once."""

    def __init__(self, project: RefiProject, step: Callable[[], None]) -> None:
        self.project = project
        self.step = step
        self.times: dict[datetime, str] = {}

    def when(self, value: datetime) -> str:
        found = self.times.get(value)
        if found is None:
            found = self.times[value] = _when(value)
        return found

    def build(self) -> etree._Element:
        project = self.project
        root = etree.Element(_q("Project"), nsmap={None: PROJECT_NAMESPACE})  # type: ignore[dict-item]
        root.set("name", _check_text(project.name, CodebookError("the project name")))
        root.set("origin", ORIGIN)
        if project.user_guid is not None:
            root.set("creatingUserGUID", project.user_guid)
        if project.created is not None:
            root.set("creationDateTime", self.when(project.created))
        if project.users:
            users = etree.SubElement(root, _q("Users"))
            for user in project.users:
                name = _check_text(user.name, CodebookError("user '{name}'", name=user.name))
                etree.SubElement(users, _q("User"), {"guid": user.guid, "name": name})
        if project.codebook.codes:
            codes = etree.SubElement(etree.SubElement(root, _q("CodeBook")), _q("Codes"))
            for code in project.codebook.codes:
                self.code(codes, code)
        kinds = {v.guid: v.kind for v in project.variables}
        if project.variables:
            self.variables(root, project.variables)
        if project.cases:
            self.cases(root, project.cases, kinds)
        if project.sources:
            sources = etree.SubElement(root, _q("Sources"))
            for source in project.sources:
                self.source(sources, source, kinds)
                self.step()
        if project.notes:
            notes = etree.SubElement(root, _q("Notes"))
            for note in project.notes:
                self.note(notes, note)
        self.note_refs(root, project.project_notes)
        return root

    def note_refs(self, parent: etree._Element, guids: Iterable[str]) -> None:
        for guid in guids:
            etree.SubElement(parent, _q("NoteRef"), {"targetGUID": guid})

    def code(self, parent: etree._Element, code: CodeSpec) -> None:
        fields = code.fields
        if code.guid is None:
            raise CodebookFileError("internal error: code '{code}' has no GUID", code=fields.name)
        attributes = {
            "guid": code.guid,
            "name": _check_text(fields.name, CodebookError("code '{code}'", code=fields.name)),
            "isCodable": "true",
        }
        if fields.color:
            attributes["color"] = fields.color.upper()
        element = etree.SubElement(parent, _q("Code"), attributes)
        described = description_text(fields)
        lines = [described] if described else []
        if code.retired:
            lines.append(RETIRED_LINE)
        if code.merged_into is not None:
            lines.append(f"{MERGED_INTO_PREFIX}{code.merged_into}")
        if lines:
            text = _check_text(
                "\n".join(lines),
                CodebookError("the definition of code '{code}'", code=fields.name),
            )
            etree.SubElement(element, _q("Description")).text = text
        self.note_refs(element, self.project.code_notes.get(code.guid, ()))
        for child in code.children:
            self.code(element, child)

    def variables(self, root: etree._Element, variables: Iterable[RefiVariable]) -> None:
        parent = etree.SubElement(root, _q("Variables"))
        for variable in variables:
            name = _check_text(
                variable.name, CodebookError("attribute '{name}'", name=variable.name)
            )
            element = etree.SubElement(
                parent,
                _q("Variable"),
                {"guid": variable.guid, "name": name, "typeOfVariable": variable.kind},
            )
            if variable.description:
                description = _check_text(
                    variable.description, CodebookError("attribute '{name}'", name=name)
                )
                etree.SubElement(element, _q("Description")).text = description

    def values(
        self,
        parent: etree._Element,
        values: Iterable[RefiValue],
        kinds: dict[str, str],
        where: CodebookError,
    ) -> None:
        for value in values:
            kind = kinds.get(value.variable_guid, "")
            if kind not in _VALUE_ELEMENTS:
                raise CodebookFileError(
                    "internal error: a value of {where} refers to no variable of a known type",
                    where=where,
                )
            element = etree.SubElement(parent, _q("VariableValue"))
            etree.SubElement(element, _q("VariableRef"), {"targetGUID": value.variable_guid})
            text = _check_text(
                self.value_text(kind, value.value), CodebookError("a value of {where}", where=where)
            )
            etree.SubElement(element, _q(_VALUE_ELEMENTS[kind])).text = text

    def value_text(self, kind: str, value: VariableValue) -> str:
        """A value in the XML Schema form of its variable's type."""
        if kind == "Boolean":
            return "true" if value else "false"
        if kind == "Float" and isinstance(value, int | float):
            return format(Decimal(repr(float(value))), "f")
        if kind == "Integer" and isinstance(value, int | float):
            return str(int(value))
        if kind == "DateTime" and isinstance(value, datetime):
            return self.when(value)
        if kind in {"Date", "DateTime"} and isinstance(value, date):
            return value.isoformat()
        return str(value)

    def cases(self, root: etree._Element, cases: Iterable[RefiCase], kinds: dict[str, str]) -> None:
        parent = etree.SubElement(root, _q("Cases"))
        for case in cases:
            name = _check_text(case.name, CodebookError("case '{name}'", name=case.name))
            element = etree.SubElement(parent, _q("Case"), {"guid": case.guid, "name": name})
            where = CodebookError("case '{name}'", name=name)
            if case.description:
                description = _check_text(case.description, where)
                etree.SubElement(element, _q("Description")).text = description
            self.values(element, case.values, kinds, where)
            for guid in case.source_guids:
                etree.SubElement(element, _q("SourceRef"), {"targetGUID": guid})
            for guid in case.selection_guids:
                etree.SubElement(element, _q("SelectionRef"), {"targetGUID": guid})

    def source(self, parent: etree._Element, source: RefiSource, kinds: dict[str, str]) -> None:
        sub = etree.SubElement
        selection_tag, coding_tag = _q("PlainTextSelection"), _q("Coding")
        code_ref_tag, note_ref_tag = _q("CodeRef"), _q("NoteRef")
        when = self.when
        name = _check_text(source.name, CodebookError("document '{name}'", name=source.name))
        attributes = {
            "guid": source.guid,
            "name": name,
            "plainTextPath": f"internal://{source.guid}.txt",
        }
        self.stamp(attributes, source.user_guid, source.created)
        element = sub(parent, _q("TextSource"), attributes)
        for selection in source.selections:
            attributes = {
                "guid": selection.guid,
                "startPosition": str(selection.start),
                "endPosition": str(selection.end),
            }
            if selection.user_guid is not None:
                attributes["creatingUser"] = selection.user_guid
            if selection.created is not None:
                attributes["creationDateTime"] = when(selection.created)
            selected = sub(element, selection_tag, attributes)
            for coding in selection.codings:
                attributes = {"guid": coding.guid}
                if coding.user_guid is not None:
                    attributes["creatingUser"] = coding.user_guid
                if coding.created is not None:
                    attributes["creationDateTime"] = when(coding.created)
                coded = sub(selected, coding_tag, attributes)
                sub(coded, code_ref_tag, {"targetGUID": coding.code_guid})
                for guid in coding.note_guids:
                    sub(coded, note_ref_tag, {"targetGUID": guid})
            for guid in selection.note_guids:
                sub(selected, note_ref_tag, {"targetGUID": guid})
        self.note_refs(element, source.note_guids)
        self.values(element, source.values, kinds, CodebookError("document '{name}'", name=name))

    def note(self, parent: etree._Element, note: RefiNote) -> None:
        what = (
            CodebookError("memo '{name}'", name=note.name) if note.name else CodebookError("a memo")
        )
        attributes = {"guid": note.guid}
        if note.name:
            attributes["name"] = _check_text(note.name, what)
        self.stamp(attributes, note.user_guid, note.created)
        if note.modified is not None:
            attributes["modifiedDateTime"] = self.when(note.modified)
        element = etree.SubElement(parent, _q("Note"), attributes)
        etree.SubElement(element, _q("PlainTextContent")).text = _check_text(note.text, what)

    def stamp(self, attributes: dict[str, str], user: str | None, created: datetime | None) -> None:
        """Who made it and when, as a source's or a note's attributes."""
        if user is not None:
            attributes["creatingUser"] = user
        if created is not None:
            attributes["creationDateTime"] = self.when(created)
