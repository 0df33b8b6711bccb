"""A .qdpx from any tool as the in-memory model: lenient where nothing is lost.

The file is opened safely (``archive``), parsed safely (``xml``) and checked
against the schema, with harmless slips forgiven (``slips``). What codebook
can keep is read into the model as the file has it: GUIDs (compared without
case or braces, so they are normalized here), selections in the producer's
own units (``offsets`` moves them into our text later), users, codes with
their structured fields, variables, cases and notes. What it cannot keep is
listed, never dropped in silence: pictures, audio, video and PDFs without a
text rendition become ``Skipped`` entries, and everything else odd a warning.

A few things are refused, because reading on would misread the file: a code
without a name, and two codes, sources, notes or variables sharing a GUID
(every reference to them would be ambiguous).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from lxml import etree

from codebook.domain import CodebookError, CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.gc_pause import gc_paused
from codebook.services.codebook.qdc_format import parse_description
from codebook.services.codebook.yaml_format import normalize_guid
from codebook.services.importing.normalize import normalize_text
from codebook.services.refi.archive import open_qdpx
from codebook.services.refi.elements import (
    CONVERTERS,
    child_text,
    colour,
    counted,
    guid_or_none,
    parse_datetime,
    q,
    refs,
    retirement,
    with_rendition,
)
from codebook.services.refi.model import (
    RefiCase,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiValue,
    RefiVariable,
    Skipped,
    VariableValue,
    derived_guid,
)
from codebook.services.refi.offsets import detect
from codebook.services.refi.slips import check_project
from codebook.services.refi.xml import line_of, parse_untrusted

_MEDIA = {
    "PictureSource": "pictures are not imported: codebook codes text",
    "AudioSource": "audio is not imported: codebook codes text (import its transcript instead)",
    "VideoSource": "video is not imported: codebook codes text (import its transcript instead)",
}
_CODING, _CODE_REF, _NOTE_REF = q("Coding"), q("CodeRef"), q("NoteRef")
_UNREAD = datetime.min  # a moment not looked up yet (None: looked up, unreadable)
_UNUSED = {
    "Links": "links between items are not imported",
    "Sets": "sets are not imported",
    "Graphs": "graphs are not imported",
}


class SourceFiles(Protocol):
    """Where a project file's ``plainTextPath`` texts are read from (a .qdpx's ``sources/``)."""

    def source_text(self, reference: str, owner: str) -> str | None: ...


def read_qdpx(path: Path) -> RefiProject:
    """Read a .qdpx (or a bare project .qde, whose sources must then be inline)."""
    path = Path(path)
    if path.suffix.lower() == ".qde":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CodebookFileError(
                "{file}: cannot read: {problem}", file=path, problem=exc.strerror or exc
            ) from None
        return read_project_xml(data, str(path))
    with open_qdpx(path) as archive:
        return read_project_xml(archive.read_project(), archive.where, archive)


def read_project_xml(data: bytes, where: str, files: SourceFiles | None = None) -> RefiProject:
    """Read a project file's XML; ``where`` names it in messages, ``files`` holds its texts."""
    root = parse_untrusted(data, where)
    warnings = check_project(root, where)
    with gc_paused():
        return _Reader(where, files, list(warnings)).project(root)


class _Reader:
    """One reading: where messages point, the text files, and what was met along the way."""

    def __init__(self, where: str, files: SourceFiles | None, warnings: list[str]) -> None:
        self.where = where
        self.files = files
        self.warnings = warnings
        self.skipped: list[Skipped] = []
        self.code_notes: dict[str, tuple[str, ...]] = {}
        self.claimed: dict[tuple[str, str], int] = {}
        self.folder_codes: set[str] = set()
        self.moments: dict[str, datetime | None] = {}

    def fail(self, element: etree._Element, problem: CodebookError) -> CodebookFileError:
        return CodebookFileError(
            "{where}: line {line}: {problem}",
            where=self.where,
            line=line_of(element),
            problem=problem,
        )

    def claim(self, kind: str, element: etree._Element) -> str:
        """The element's GUID, refused if another of its kind already has it."""
        guid = normalize_guid(element.get("guid", ""))
        first = self.claimed.get((kind, guid))
        if first is not None:
            raise self.fail(
                element,
                CodebookError(
                    "{kind} GUID {guid} is already used on line {first}",
                    kind=kind,
                    guid=guid,
                    first=first,
                ),
            )
        self.claimed[(kind, guid)] = line_of(element)
        return guid

    # ------------------------------------------------------------------ project

    def project(self, root: etree._Element) -> RefiProject:
        name = root.get("name", "")
        codebook = CodebookSpec(name=name, codes=self.codes(root), language="")
        users = tuple(
            RefiUser(normalize_guid(u.get("guid", "")), u.get("name") or u.get("id") or "")
            for u in root.iterfind(f"{q('Users')}/{q('User')}")
        )
        variables = tuple(
            self.variable(v) for v in root.iterfind(f"{q('Variables')}/{q('Variable')}")
        )
        notes = tuple(
            note
            for element in root.iterfind(f"{q('Notes')}/{q('Note')}")
            if (note := self.note(element)) is not None
        )
        sources = tuple(
            source
            for element in root.iterfind(f"{q('Sources')}/*")
            if (source := self.source(element)) is not None
        )
        cases = tuple(self.case(c) for c in root.iterfind(f"{q('Cases')}/{q('Case')}"))
        self.unused(root, name)
        self.warn_folder_codings(sources)
        return RefiProject(
            name=name,
            codebook=codebook,
            users=users,
            sources=sources,
            notes=notes,
            cases=cases,
            variables=variables,
            code_notes=self.code_notes,
            project_notes=refs(root, "NoteRef"),
            origin=root.get("origin", ""),
            skipped=tuple(self.skipped),
            warnings=tuple(self.warnings),
            created=self.moment(root, "creationDateTime"),
            user_guid=guid_or_none(root.get("creatingUserGUID")),
        )

    def unused(self, root: etree._Element, name: str) -> None:
        for container, reason in _UNUSED.items():
            for element in root.iterfind(f"{q(container)}/*"):
                label = element.get("name") or element.get("guid") or ""
                self.skipped.append(Skipped(etree.QName(element).localname, label, reason))
        if root.find(q("Description")) is not None:
            self.skipped.append(
                Skipped("Description", name, "the project's description has no place in codebook")
            )

    # ------------------------------------------------------------------ codebook

    def codes(self, root: etree._Element) -> tuple[CodeSpec, ...]:
        path = f"{q('CodeBook')}/{q('Codes')}/{q('Code')}"
        return tuple(self.code(element) for element in root.iterfind(path))

    def code(self, element: etree._Element) -> CodeSpec:
        guid = self.claim("code", element)
        name = element.get("name", "").strip()
        if not name:
            raise self.fail(element, CodebookError("a code without a name"))
        if element.get("isCodable", "true").strip() in ("false", "0"):
            self.folder_codes.add(guid)
        retired, merged_into, description = retirement(child_text(element, "Description"))
        values = parse_description(description)
        fields = CodeFields.from_mapping(
            {**values, "name": name, "color": colour(element.get("color", ""))}
        )
        notes = refs(element, "NoteRef")
        if notes:
            self.code_notes[guid] = notes
        children = tuple(self.code(child) for child in element.iterfind(q("Code")))
        return CodeSpec(fields, guid, children, retired=retired, merged_into=merged_into)

    def warn_folder_codings(self, sources: tuple[RefiSource, ...]) -> None:
        count = sum(
            1
            for source in sources
            for selection in source.selections
            for coding in selection.codings
            if coding.code_guid in self.folder_codes
        )
        if count:
            self.warnings.append(
                f'codes marked as folders (isCodable="false") carry {counted(count, "coding")}; '
                "kept"
            )

    # ------------------------------------------------------------------ variables, cases

    def variable(self, element: etree._Element) -> RefiVariable:
        return RefiVariable(
            guid=self.claim("variable", element),
            name=element.get("name", ""),
            kind=element.get("typeOfVariable", "Text").strip(),
            description=child_text(element, "Description"),
        )

    def case(self, element: etree._Element) -> RefiCase:
        guid = self.claim("case", element)
        name = element.get("name", "")
        codes = len(element.findall(q("CodeRef")))
        if codes:
            self.warnings.append(
                f"case '{name or guid}': {counted(codes, 'code')} applied to the case itself "
                "not imported"
            )
        return RefiCase(
            guid=guid,
            name=name,
            description=child_text(element, "Description"),
            source_guids=refs(element, "SourceRef"),
            selection_guids=refs(element, "SelectionRef"),
            values=self.values(element),
        )

    def values(self, element: etree._Element) -> tuple[RefiValue, ...]:
        out = []
        for value_element in element.iterfind(q("VariableValue")):
            ref = value_element.find(q("VariableRef"))
            value = self.value(value_element)
            if ref is not None and value is not None:
                out.append(RefiValue(normalize_guid(ref.get("targetGUID", "")), value))
        return tuple(out)

    def value(self, element: etree._Element) -> VariableValue | None:
        for tag, convert in CONVERTERS.items():
            found = element.find(q(tag))
            if found is None:
                continue
            text = (found.text or "").strip() if tag != "TextValue" else found.text or ""
            try:
                return convert(text)
            except (ValueError, OverflowError):
                self.warnings.append(
                    f"line {line_of(found)}: {tag} {text!r} cannot be read; ignored"
                )
                return None
        return None

    # ------------------------------------------------------------------ notes

    def note(self, element: etree._Element) -> RefiNote | None:
        """A note, its text normalized at once: nothing points into it by offset."""
        guid = self.claim("note", element)
        name = element.get("name", "")
        text = self.text_of(element, "Note", name or guid)
        if text is None:
            return None
        return RefiNote(
            guid=guid,
            name=name,
            text=normalize_text(text),
            user_guid=guid_or_none(element.get("creatingUser")),
            created=self.moment(element, "creationDateTime"),
            modified=self.moment(element, "modifiedDateTime"),
        )

    def text_of(self, element: etree._Element, kind: str, label: str) -> str | None:
        """A TextSource-typed element's plain text; None (and a Skipped entry) if unreachable."""
        path = element.get("plainTextPath")
        content = element.find(q("PlainTextContent"))
        if path:
            text = self.files.source_text(path, f"{kind} '{label}'") if self.files else None
            if text is not None:
                return text
            if content is None:
                self.skipped.append(Skipped(kind, label, self.missing(path)))
                return None
        if content is not None:
            return content.text or ""
        if element.get("richTextPath"):
            reason = "it has only a rich-text file, no plain-text rendition"
        else:
            reason = "it has no text"
        self.skipped.append(Skipped(kind, label, reason))
        return None

    def missing(self, path: str) -> str:
        """Why the text file ``path`` could not be read."""
        if "://" in path and not path.lower().startswith("internal://"):
            return f"its text is a file outside the project ({path}), which is never read"
        where = "the .qdpx" if self.files else "a bare project file"
        return f"its text file {path} is not in {where}"

    # ------------------------------------------------------------------ sources

    def source(self, element: etree._Element) -> RefiSource | None:
        kind = etree.QName(element).localname
        guid = self.claim("source", element)
        name = element.get("name", "")
        label = name or guid
        if kind in _MEDIA:
            self.skipped.append(Skipped(kind, label, _MEDIA[kind]))
            return None
        text_element = element
        if kind == "PDFSource":
            areas = len(element.findall(q("PDFSelection")))
            if areas:
                self.warnings.append(
                    f"PDF '{label}': {counted(areas, 'area selection')} not imported "
                    "(the selections of its text rendition are)"
                )
            rendition = element.find(q("Representation"))
            if rendition is None:
                self.skipped.append(Skipped(kind, label, "a PDF without a plain-text rendition"))
                return None
            text_element = rendition
        text = self.text_of(text_element, kind, label)
        if text is None:
            return None
        parts = with_rendition(element, text_element)
        selections = [self.selection(s) for s in text_element.iterfind(q("PlainTextSelection"))]
        whole = [self.coding(c) for part in parts for c in part.iterfind(q("Coding"))]
        if whole:
            selections.append(self.whole_source(guid, label, text, selections, whole))
        return RefiSource(
            guid=guid,
            name=name,
            text=text,
            selections=tuple(selections),
            values=tuple(v for part in parts for v in self.values(part)),
            note_guids=tuple(dict.fromkeys(r for part in parts for r in refs(part, "NoteRef"))),
            kind=kind,
            user_guid=guid_or_none(element.get("creatingUser")),
            created=self.moment(element, "creationDateTime"),
        )

    def whole_source(
        self,
        guid: str,
        name: str,
        text: str,
        selections: list[RefiSelection],
        codings: list[RefiCoding],
    ) -> RefiSelection:
        """Codings of a source as a whole, as one selection over all of its text.

        Its end is the text's length in the producer's counting, detected
        from the other selections, so it covers exactly the whole text.
        """
        counting = detect(text, [(s.start, s.end) for s in selections])
        self.warnings.append(
            f"source '{name}': {counted(len(codings), 'coding')} of the whole source "
            "imported as coding all of its text"
        )
        return RefiSelection(
            guid=derived_guid("whole source", guid),
            start=0,
            end=counting.length(text),
            codings=tuple(codings),
        )

    # A file may hold 100,000 selections, each with its coding: the two methods below
    # read each element's attributes once, in one pass over its children, and check
    # what the reader needs themselves (the schema only checked a sample of them).

    def selection(self, element: etree._Element) -> RefiSelection:
        codings, notes = [], []
        for child in element:
            if child.tag == _CODING:
                codings.append(self.coding(child))
            elif child.tag == _NOTE_REF:
                notes.append(self.reference(child))
        get = element.get
        return RefiSelection(
            guid=self.required_guid(element),
            start=self.position(element, "startPosition"),
            end=self.position(element, "endPosition"),
            codings=tuple(codings),
            user_guid=guid_or_none(get("creatingUser")),
            created=self.moment(element, "creationDateTime"),
            note_guids=tuple(notes),
        )

    def coding(self, element: etree._Element) -> RefiCoding:
        code_guid, notes = None, []
        for child in element:
            if child.tag == _CODE_REF:
                code_guid = self.reference(child)
            elif child.tag == _NOTE_REF:
                notes.append(self.reference(child))
        if code_guid is None:
            raise self.fail(
                element,
                CodebookError("a Coding without a CodeRef: which code it applies is lost"),
            )
        return RefiCoding(
            guid=self.required_guid(element),
            code_guid=code_guid,
            user_guid=guid_or_none(element.get("creatingUser")),
            created=self.moment(element, "creationDateTime"),
            note_guids=tuple(notes),
        )

    def required_guid(self, element: etree._Element) -> str:
        value = element.get("guid")
        if value is None:
            raise self.fail(
                element,
                CodebookError("<{element}> without a guid", element=etree.QName(element).localname),
            )
        return value.strip().strip("{}").lower()

    def reference(self, element: etree._Element) -> str:
        value = element.get("targetGUID")
        if value is None:
            raise self.fail(
                element,
                CodebookError(
                    "<{element}> without a targetGUID", element=etree.QName(element).localname
                ),
            )
        return value.strip().strip("{}").lower()

    def position(self, element: etree._Element, attribute: str) -> int:
        value = element.get(attribute)
        if value is None:
            raise self.fail(
                element,
                CodebookError(
                    "the attribute '{attribute}' is required but missing", attribute=attribute
                ),
            )
        try:
            return int(value)
        except ValueError:
            raise self.fail(
                element,
                CodebookError(
                    "attribute '{attribute}': '{value}' is not a valid value of the atomic type "
                    "'xs:integer'",
                    attribute=attribute,
                    value=value,
                ),
            ) from None

    def moment(self, element: etree._Element, attribute: str) -> datetime | None:
        """A date and time; the same text (a selection and its coding share one) read once."""
        value = element.get(attribute)
        if value is None:
            return None
        found = self.moments.get(value, _UNREAD)
        if found is not _UNREAD:
            return found
        try:
            moment: datetime | None = parse_datetime(value)
        except (ValueError, OverflowError):
            self.warnings.append(
                f"line {line_of(element)}: {attribute} {value!r} cannot be read; ignored"
            )
            moment = None
        self.moments[value] = moment
        return moment
