"""Reading .qdpx files as real tools write them: everything codebook can keep is read, what it
cannot keep is listed, harmless slips are warned about, and only missing or malformed data
refuses the file."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import pytest

from codebook.domain import CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.services.importing.normalize import normalize_text
from codebook.services.refi.model import RefiProject, RefiSource
from codebook.services.refi.offsets import UTF16_UNITS, Counting, align
from codebook.services.refi.reader import read_project_xml, read_qdpx
from codebook.services.refi.writer import dump_project_xml
from codebook.services.refi.xml import PROJECT_XSD
from refi_files import (
    code,
    codebook,
    guid,
    project,
    qdpx,
    selection,
    source_file,
    text_source,
    value,
)

TEXT = "Marieke vertelt over de school. Ze heeft twee uur per week."


def read(tmp_path: Path, body: str, files: Mapping[str, str | bytes] | None = None) -> RefiProject:
    contents: dict[str, str | bytes] = {"project.qde": project(body), **(files or {})}
    return read_qdpx(qdpx(tmp_path / "study.qdpx", contents))


def covered(source: RefiSource) -> tuple[Counting, list[str | None]]:
    aligned = align(source.text, [(s.start, s.end) for s in source.selections])
    return aligned.counting, [aligned.text[r[0] : r[1]] if r else None for r in aligned.ranges]


def test_everything_codebook_keeps_is_read(tmp_path: Path) -> None:
    anna, note_code, note_sel, note_coding, note_source, note_project, note_file = (
        guid(n) for n in ("anna", "nc", "ns", "ncd", "nsrc", "np", "nf")
    )
    ours = "Brief definition: Tijd voor onderzoek.\nKeywords: uur, tijd"
    body = f"""
<Users><User guid="{{{anna.upper()}}}" name="Anna"/><User guid="{guid("bob")}" id="bob"/></Users>
<CodeBook><Codes>
  <Code guid="{guid("Tijd")}" name="Tijd" isCodable="true" color="#a1b">
    <Description>{ours}</Description><NoteRef targetGUID="{note_code}"/>
    <Code guid="{guid("Uren")}" name="Uren" isCodable="true" color="#00FF7f">
      <Description>Use for hours.
Also: minutes.</Description></Code>
  </Code>
  <Code guid="{guid("Oud")}" name="Oud" isCodable="true">
    <Description>Brief definition: was er.\nRetired: yes
Merged into: {{{guid("Tijd").upper()}}}</Description>
  </Code>
</Codes></CodeBook>
<Variables>
  <Variable guid="{guid("role")}" name="Rol" typeOfVariable="Text">
    <Description>type: category</Description></Variable>
  <Variable guid="{guid("age")}" name="Leeftijd" typeOfVariable="Integer"/>
  <Variable guid="{guid("ok")}" name="Akkoord" typeOfVariable="Boolean"/>
  <Variable guid="{guid("score")}" name="Score" typeOfVariable="Float"/>
  <Variable guid="{guid("day")}" name="Dag" typeOfVariable="Date"/>
  <Variable guid="{guid("at")}" name="Moment" typeOfVariable="DateTime"/>
</Variables>
<Cases><Case guid="{guid("case")}" name="Marieke">
  <Description>De leraar.</Description>
  {value("role", "Text", "leraar")}
  <SourceRef targetGUID="{guid("Interview")}"/>
  <SelectionRef targetGUID="{guid("s1")}"/>
</Case></Cases>
<Sources>
  <TextSource guid="{guid("Interview")}" name="Interview" plainTextPath="internal://{guid("Interview")}.txt"
      creatingUser="{anna}" creationDateTime="2021-05-01T12:00:00+02:00">
    <PlainTextSelection guid="{guid("s1")}" startPosition="24" endPosition="30"
        creatingUser="{anna}" creationDateTime="2021-05-02T08:30:00Z">
      <Coding guid="{guid("c1")}" creatingUser="{anna}"
          creationDateTime="2021-05-02T08:30:00.1234567Z">
        <CodeRef targetGUID="{guid("Tijd")}"/><NoteRef targetGUID="{note_coding}"/>
      </Coding>
      <NoteRef targetGUID="{note_sel}"/>
    </PlainTextSelection>
    <PlainTextSelection guid="{guid("s2")}" startPosition="41" endPosition="49">
      <Coding guid="{guid("c2")}"><CodeRef targetGUID="{guid("Uren")}"/></Coding>
      <Coding guid="{guid("c3")}" creationDateTime="2021-05-03T10:00:00">
        <CodeRef targetGUID="{guid("Oud")}"/></Coding>
    </PlainTextSelection>
    <NoteRef targetGUID="{note_source}"/>
    {value("age", "Integer", "42")}{value("ok", "Boolean", "true")}
    {value("score", "Float", "7.5")}{value("day", "Date", "2021-05-01")}
    {value("at", "DateTime", "2021-05-01T10:00:00-01:00")}
  </TextSource>
</Sources>
<Notes>
  <Note guid="{note_code}" name="Over tijd" creatingUser="{anna}"
      creationDateTime="2021-05-04T09:00:00Z" modifiedDateTime="2021-05-05T09:00:00Z">
    <PlainTextContent>Tijd is schaars.\r\nEcht.</PlainTextContent></Note>
  <Note guid="{note_file}" name="Uit bestand" plainTextPath="internal://{note_file}.txt"/>
  <Note guid="{note_sel}" name="s"><PlainTextContent>sel</PlainTextContent></Note>
  <Note guid="{note_coding}" name="c"><PlainTextContent>coding</PlainTextContent></Note>
  <Note guid="{note_source}" name="src"><PlainTextContent>source</PlainTextContent></Note>
  <Note guid="{note_project}" name="p"><PlainTextContent>project</PlainTextContent></Note>
</Notes>
<NoteRef targetGUID="{note_project}"/>"""
    files: dict[str, str | bytes] = {
        source_file("Interview"): TEXT,
        f"sources/{note_file}.txt": codecs.BOM_UTF8 + b"Memo uit een bestand.",
    }
    read_project = read(tmp_path, body, files)
    assert read_project.name == "Study"
    assert read_project.origin == "Test tool 1.0"
    assert read_project.warnings == ()
    assert read_project.skipped == ()
    assert [(u.guid, u.name) for u in read_project.users] == [(anna, "Anna"), (guid("bob"), "bob")]

    tijd, oud = read_project.codebook.codes
    assert tijd.guid == guid("Tijd")
    assert tijd.fields == CodeFields(
        "Tijd", brief_definition="Tijd voor onderzoek.", color="#AA11BB", keywords=("uur", "tijd")
    )
    (uren,) = tijd.children
    assert uren.fields.full_definition == "Use for hours.\nAlso: minutes."
    assert uren.fields.color == "#00FF7F"
    assert (oud.retired, oud.merged_into, oud.fields.brief_definition) == (
        True,
        guid("Tijd"),
        "was er.",
    )
    assert read_project.code_notes == {guid("Tijd"): (note_code,)}

    values = {v.name: v for v in read_project.variables}
    assert values["Rol"].kind == "Text"
    assert values["Rol"].description == "type: category"
    (source,) = read_project.sources
    assert [(v.variable_guid, v.value) for v in source.values] == [
        (guid("age"), 42),
        (guid("ok"), True),
        (guid("score"), 7.5),
        (guid("day"), date(2021, 5, 1)),
        (guid("at"), datetime(2021, 5, 1, 11, 0)),
    ]
    assert (source.kind, source.user_guid, source.created) == (
        "TextSource",
        anna,
        datetime(2021, 5, 1, 10, 0),
    )
    assert source.note_guids == (note_source,)
    first, second = source.selections
    assert (first.start, first.end, first.user_guid, first.note_guids) == (
        24,
        30,
        anna,
        (note_sel,),
    )
    assert first.created == datetime(2021, 5, 2, 8, 30)
    (coding,) = first.codings
    assert (coding.guid, coding.code_guid, coding.user_guid) == (guid("c1"), guid("Tijd"), anna)
    assert coding.created == datetime(2021, 5, 2, 8, 30, 0, 123456)
    assert coding.note_guids == (note_coding,)
    assert [c.code_guid for c in second.codings] == [guid("Uren"), guid("Oud")]
    assert second.codings[1].created == datetime(2021, 5, 3, 10, 0)
    assert covered(source) == (Counting(), ["school", "twee uur"])

    (case,) = read_project.cases
    assert (case.name, case.description, case.source_guids, case.selection_guids) == (
        "Marieke",
        "De leraar.",
        (guid("Interview"),),
        (guid("s1"),),
    )
    assert [(v.variable_guid, v.value) for v in case.values] == [(guid("role"), "leraar")]

    notes = {n.name: n for n in read_project.notes}
    assert notes["Over tijd"].text == "Tijd is schaars.\nEcht."
    assert (notes["Over tijd"].user_guid, notes["Over tijd"].modified) == (
        anna,
        datetime(2021, 5, 5, 9, 0),
    )
    assert notes["Uit bestand"].text == "Memo uit een bestand."
    assert read_project.project_notes == (note_project,)


SOURCES = "<Sources>" + text_source("Interview", selection("s1", 24, 30, "School")) + "</Sources>"


@pytest.mark.parametrize(
    ("project_file", "folder"),
    [
        ("project.qde", "sources"),  # the standard, NVivo for Mac
        ("Project.qde", "Sources"),  # ATLAS.ti, NVivo for Windows
        ("My study.qde", "SOURCES"),
    ],
)
def test_project_file_and_folder_names_as_tools_write_them(
    tmp_path: Path, project_file: str, folder: str
) -> None:
    files = {
        project_file: project(codebook(code("School")) + SOURCES),
        source_file("Interview", folder).replace(".txt", ".TXT"): TEXT,
    }
    body = files[project_file].replace(".txt", ".TXT")
    read_project = read_qdpx(qdpx(tmp_path / "x.qdpx", {**files, project_file: body}))
    assert covered(read_project.sources[0])[1] == ["school"]


def test_a_bom_and_crlf_from_nvivo_for_windows(tmp_path: Path) -> None:
    # NVivo counts UTF-16 units from after the BOM, CR and LF each one.
    lines = ["Interviewer: Hoe 😀 gaat het?", "Marieke: Goed 👍🏽, cafe\u0301 𠀀 open.", "Einde."]
    raw = "\ufeff" + "\r\n".join(lines)
    wanted = ["Marieke", "open", "Einde"]
    nvivo = Counting(UTF16_UNITS)
    spans = []
    for word in wanted:
        at = raw.index(word)
        start = nvivo.length(raw[:at])
        spans.append(selection(word, start, start + nvivo.length(word), "School"))
    body = codebook(code("School")) + "<Sources>" + text_source("Interview", *spans) + "</Sources>"
    files = {source_file("Interview", "Sources"): codecs.BOM_UTF8 + "\r\n".join(lines).encode()}
    read_project = read(tmp_path, body, files)
    (source,) = read_project.sources
    assert source.text == raw
    assert covered(source) == (nvivo, wanted)


def test_a_utf16_source_file_with_a_bom(tmp_path: Path) -> None:
    files = {source_file("Interview"): codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")}
    read_project = read(tmp_path, codebook(code("School")) + SOURCES, files)
    assert read_project.sources[0].text == "\ufeff" + TEXT
    assert covered(read_project.sources[0])[1] == ["school"]


def test_pdfs_with_a_text_rendition_are_read_and_media_are_skipped(tmp_path: Path) -> None:
    pdf_text = "Een rapport over de school."
    body = (
        codebook(code("School"))
        + "<Sources>"
        + f'<PDFSource guid="{guid("Rapport")}" name="Rapport" path="internal://r.pdf">'
        + f'<PDFSelection guid="{guid("area")}" page="1" firstX="0" firstY="0" secondX="9"'
        + ' secondY="9"/>'
        + text_source("Rendition", selection("p1", 20, 26, "School"))
        .replace("<TextSource", "<Representation")
        .replace("</TextSource>", "</Representation>")
        + f'<Coding guid="{guid("whole")}"><CodeRef targetGUID="{guid("School")}"/></Coding>'
        + "</PDFSource>"
        + f'<PDFSource guid="{guid("Scan")}" name="Scan" path="internal://s.pdf"/>'
        + f'<PictureSource guid="{guid("Foto")}" name="Foto" path="internal://f.jpg"/>'
        + f'<AudioSource guid="{guid("Audio")}" name="Opname" path="internal://a.mp3"/>'
        + f'<VideoSource guid="{guid("Video")}" name="Film" path="relative://f.mp4"/>'
        + "</Sources>"
    )
    read_project = read(tmp_path, body, {source_file("Rendition"): pdf_text})
    (pdf,) = read_project.sources
    assert (pdf.guid, pdf.name, pdf.kind, pdf.text) == (
        guid("Rapport"),
        "Rapport",
        "PDFSource",
        pdf_text,
    )
    assert covered(pdf)[1] == ["school", pdf_text]  # the whole-PDF coding covers all its text
    assert [(s.element, s.name) for s in read_project.skipped] == [
        ("PDFSource", "Scan"),
        ("PictureSource", "Foto"),
        ("AudioSource", "Opname"),
        ("VideoSource", "Film"),
    ]
    assert "without a plain-text rendition" in read_project.skipped[0].reason
    assert any("1 area selection not imported" in w for w in read_project.warnings)
    assert any("1 coding of the whole source" in w for w in read_project.warnings)


def test_sources_without_a_readable_text_are_skipped_with_a_reason(tmp_path: Path) -> None:
    body = (
        "<Sources>"
        + text_source("Missing")
        + text_source("Elsewhere", path="relative://interviews/x.txt")
        + f'<TextSource guid="{guid("Word")}" name="Word" richTextPath="internal://w.docx"/>'
        + text_source("Bare", path="board_2017.txt")  # the qc tool writes bare file names
        + "</Sources>"
    )
    read_project = read(tmp_path, body, {"sources/board_2017.txt": TEXT})
    assert [s.name for s in read_project.sources] == ["Bare"]
    reasons = {s.name: s.reason for s in read_project.skipped}
    assert (
        reasons["Missing"] == f"its text file internal://{guid('Missing')}.txt is not in the .qdpx"
    )
    assert reasons["Elsewhere"] == (
        "its text is a file outside the project (relative://interviews/x.txt), which is never read"
    )
    assert reasons["Word"] == "it has only a rich-text file, no plain-text rendition"


def test_codes_and_sources_without_selections(tmp_path: Path) -> None:
    body = codebook(code("A", code("B")), code("C")) + "<Sources>" + text_source("Interview")
    read_project = read(tmp_path, body + "</Sources>", {source_file("Interview"): TEXT})
    assert [c.fields.name for c in read_project.codebook.codes] == ["A", "C"]
    assert read_project.sources[0].selections == ()
    assert read_project.warnings == ()


def test_a_blank_project(tmp_path: Path) -> None:
    read_project = read(tmp_path, "")
    assert read_project.codebook == CodebookSpec("Study", (), language="")
    assert (read_project.sources, read_project.notes, read_project.warnings) == ((), (), ())


def test_unknown_elements_and_attributes_are_ignored_with_a_warning(tmp_path: Path) -> None:
    body = (
        '<Users><User guid="{0}" name="Anna" nvivo:role="admin" xmlns:nvivo="urn:nvivo"/></Users>'
        + codebook(code("School", extra=' favourite="yes"'))
        + "<Sources>"
        + text_source("Interview", selection("s1", 24, 30, "School")).replace(
            "</TextSource>", "<Highlight colour='red'/></TextSource>"
        )
        + text_source("Second", selection("s2", 0, 7, "School")).replace(
            "</TextSource>", "<Highlight colour='blue'/></TextSource>"
        )
        + "</Sources>"
        + '<Extra xmlns="urn:maxqda">ignored</Extra>'
    ).format(guid("anna"))
    files = {source_file("Interview"): TEXT, source_file("Second"): TEXT}
    read_project = read(tmp_path, body, files)
    assert [covered(s)[1] for s in read_project.sources] == [["school"], ["Marieke"]]
    assert read_project.warnings == (
        "unknown attribute 'role' on <User> ignored (line 3)",
        "unknown attribute 'favourite' on <Code> ignored (line 3)",
        "unknown element <Highlight> in <TextSource> ignored (2 times, first on line 3)",
        "unknown element <Extra> in <Project> ignored (line 3)",
    )


def test_empty_containers_are_ignored_with_a_warning(tmp_path: Path) -> None:
    body = "<CodeBook><Codes/></CodeBook><Sources/><Notes/><Links/><Sets/>"
    read_project = read(tmp_path, body)
    assert read_project.warnings == tuple(
        f"empty <{name}/> ignored (line 3)"
        for name in ("Codes", "Sources", "Notes", "Links", "Sets")
    )


def test_sets_links_and_the_description_are_listed_as_skipped(tmp_path: Path) -> None:
    body = (
        codebook(code("A"))
        + f'<Links><Link guid="{guid("l")}" name="verband"/></Links>'
        + f'<Sets><Set guid="{guid("set")}" name="Kern"><MemberCode targetGUID="{guid("A")}"/>'
        + "</Set></Sets><Description>Over de studie.</Description>"
    )
    read_project = read(tmp_path, body)
    assert [(s.element, s.name) for s in read_project.skipped] == [
        ("Link", "verband"),
        ("Set", "Kern"),
        ("Description", "Study"),
    ]


def test_folder_codes_with_codings_are_kept_with_a_warning(tmp_path: Path) -> None:
    body = (
        codebook(code("Map", code("A"), codable=False))
        + "<Sources>"
        + text_source("Interview", selection("s1", 0, 7, "Map", "A"))
        + "</Sources>"
    )
    read_project = read(tmp_path, body, {source_file("Interview"): TEXT})
    assert [c.fields.name for c in read_project.codebook.codes] == ["Map"]
    assert read_project.warnings == (
        'codes marked as folders (isCodable="false") carry 1 coding; kept',
    )


def test_a_bare_project_file_with_inline_texts(tmp_path: Path) -> None:
    body = (
        codebook(code("School"))
        + f'<Sources><TextSource guid="{guid("Inline")}" name="Inline">'
        + f"<PlainTextContent>{TEXT}</PlainTextContent>"
        + selection("s1", 24, 30, "School")
        + "</TextSource>"
        + text_source("Outside")
        + "</Sources>"
    )
    path = tmp_path / "study.qde"
    path.write_text(project(body), encoding="utf-8")
    read_project = read_qdpx(path)
    assert covered(read_project.sources[0])[1] == ["school"]
    assert read_project.skipped[0].reason.endswith("is not in a bare project file")


def test_our_own_export_reads_back_with_retired_and_merged_codes() -> None:
    tijd = CodeSpec(CodeFields("Tijd", brief_definition="Tijd.", color="#112233"), guid("Tijd"))
    oud = CodeSpec(
        CodeFields("Oud", when_to_use="Nooit.\nEcht nooit."),
        guid("Oud"),
        retired=True,
        merged_into=guid("Tijd"),
    )
    weg = CodeSpec(CodeFields("Weg"), guid("Weg"), retired=True)
    spec = CodebookSpec("Study", (tijd, oud, weg), language="")
    written = RefiProject(name="Study", codebook=spec, origin="codebook")
    back = read_project_xml(dump_project_xml(written), "export.qde")
    assert back.codebook.codes == spec.codes


BAD: list[tuple[str, str, str]] = [
    ("nameless code", codebook(code("A").replace('name="A"', 'name=" "')), "a code without a name"),
    (
        "no positions",
        "<Sources>"
        + text_source("I", selection("s", 0, 3)).replace('startPosition="0" ', "")
        + "</Sources>",
        "The attribute 'startPosition' is required but missing",
    ),
    (
        "positions not integers",
        "<Sources>" + text_source("I", selection("s", 0, 3)).replace('"3"', '"3.5"') + "</Sources>",
        "'3.5' is not a valid value of the atomic type 'xs:integer'",
    ),
    (
        "coding without a code",
        "<Sources>"
        + text_source("I", selection("s", 0, 3, "A")).replace(
            f'<CodeRef targetGUID="{guid("A")}"/>', ""
        )
        + "</Sources>",
        "Missing child element(s). Expected is ( CodeRef )",
    ),
    (
        "code in the wrong place",
        f'<CodeBook><Code guid="{guid("A")}" name="A" isCodable="true"/></CodeBook>',
        "Element 'Code': This element is not expected. Expected is ( Codes ).",
    ),
    ("two codes, one guid", codebook(code("A"), code("A").replace('"A"', '"B"')), "already used"),
]


@pytest.mark.parametrize(("body", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_missing_or_malformed_data_refuses_the_file(
    tmp_path: Path, body: str, message: str
) -> None:
    path = qdpx(tmp_path / "bad.qdpx", {"project.qde": project(body), source_file("I"): TEXT})
    with pytest.raises(CodebookFileError) as info:
        read_qdpx(path)
    error = str(info.value)
    assert "\n" not in error
    assert error.startswith(f"{path}: project.qde: line 3: ")
    assert message in error


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "this is a REFI-QDA codebook (.qdc)"),
        ('<Project xmlns="urn:QDA-XML:project:1:0" name="x"/>', "not in the REFI-QDA namespace"),
        ("<Project name='x'/>", "(it is in no namespace)"),
        ("<html/>", "not a REFI-QDA project: the root element is <html>"),
    ],
)
def test_a_file_that_is_no_project_is_refused(tmp_path: Path, xml: str, message: str) -> None:
    path = qdpx(tmp_path / "odd.qdpx", {"project.qde": xml})
    with pytest.raises(CodebookFileError, match="project.qde: line 1: ") as info:
        read_qdpx(path)
    assert message in str(info.value)


def test_unreadable_optional_values_are_dropped_with_a_warning() -> None:
    body = (
        f'<Variables><Variable guid="{guid("v")}" name="V" typeOfVariable="Date"/></Variables>'
        + f'<Sources><TextSource guid="{guid("S")}" name="S"'
        + ' creationDateTime="0001-01-01T00:00:00+01:00">'
        + f"<PlainTextContent>{TEXT}</PlainTextContent>{value('v', 'Date', '10000-01-01')}"
        + "</TextSource></Sources>"
    )
    read_project = read_project_xml(project(body).encode(), "odd.qde")
    (source,) = read_project.sources
    assert (source.created, source.values) == (None, ())
    assert len(read_project.warnings) == 2
    assert all("cannot be read; ignored" in w for w in read_project.warnings)


def test_normalized_note_text_is_what_is_stored() -> None:
    body = (
        f'<Notes><Note guid="{guid("n")}" name="n">'
        "<PlainTextContent>\ufeffa&#13;\nb</PlainTextContent></Note></Notes>"
    )
    (note,) = read_project_xml(project(body).encode(), "n.qde").notes
    assert note.text == "a\nb" == normalize_text("\ufeffa\r\nb")


#: sha256 of the REFI-QDA 1.0 project schema (Project-mrt2019.xsd, REFI 2019).
REFI_PROJECT_SHA256 = "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15"


def test_the_packaged_schema_is_the_refi_project_schema_unchanged() -> None:
    assert hashlib.sha256(PROJECT_XSD.read_bytes()).hexdigest() == REFI_PROJECT_SHA256


@pytest.mark.parametrize("bad", [0, 150, 2999])
def test_a_malformed_selection_among_thousands_is_refused_with_its_line(
    tmp_path: Path, bad: int
) -> None:
    # one selection per line; the error is found in a sample of each list of siblings, or
    # (beyond the sample) in the whole tree
    spans = [selection(f"s{i}", 0, 3) for i in range(3000)]
    spans[bad] = spans[bad].replace('endPosition="3"', 'endPosition="3.0"')
    body = "<Sources>" + text_source("I", *(f"\n{s}" for s in spans)) + "</Sources>"
    path = qdpx(tmp_path / "many.qdpx", {"project.qde": project(body), source_file("I"): TEXT})
    with pytest.raises(CodebookFileError) as info:
        read_qdpx(path)
    assert str(info.value).startswith(f"{path}: project.qde: line {bad + 4}: ")
    assert "'3.0' is not a valid value of the atomic type 'xs:integer'" in str(info.value)


def test_an_attribute_of_its_own_on_every_selection_is_one_warning(tmp_path: Path) -> None:
    spans = [selection(f"s{i}", 24, 30, "School") for i in range(3000)]
    spans = [s.replace("<PlainTextSelection ", '<PlainTextSelection weight="1" ') for s in spans]
    body = codebook(code("School")) + "<Sources>" + text_source("I", *spans) + "</Sources>"
    read_project = read(tmp_path, body, {source_file("I"): TEXT})
    assert len(read_project.sources[0].selections) == 3000
    assert read_project.warnings == (
        "unknown attribute 'weight' on <PlainTextSelection> ignored (3,000 times, first on line 3)",
    )
