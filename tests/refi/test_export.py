"""Export of a whole project as REFI-QDA (.qdpx): strictly valid, complete, stable GUIDs.

Every test builds a real SQLite project with the services (two coders,
nested, retired and merged codes, a document with emoji, memos, both kinds of
case, typed attributes), exports it and reads the zip back with lxml only, so
what is checked is the file another tool would get.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from codebook.db.engine import Store
from codebook.domain import AttributeType, CodebookError, CodebookFileError, CodeFields
from codebook.domain.codebook import CodebookSpec, CodeSpec
from codebook.services.cases import link_case, list_cases
from codebook.services.codebook.codes import code_ids_by_guid, create_code
from codebook.services.codebook.merge_split import merge_codes
from codebook.services.codebook.qdc_format import description_text, parse_description
from codebook.services.codebook.revisions import retire_code
from codebook.services.coding import all_codings, apply_coding
from codebook.services.demo import build_demo
from codebook.services.documents import set_attributes
from codebook.services.memos import (
    add_memo,
    code_target,
    document_target,
    list_memos,
    project_target,
)
from codebook.services.project_store import coder_id, init_project, open_project, summary
from codebook.services.refi.gather import gather_project
from codebook.services.refi.model import (
    GUID_NAMESPACE,
    RefiNote,
    RefiProject,
    derived_guid,
)
from codebook.services.refi.writer import (
    MERGED_INTO_PREFIX,
    RETIRED_LINE,
    dump_project_xml,
    write_qdpx,
)
from helpers import INTERVIEW, add_doc

ROOT = Path(__file__).resolve().parents[2]
#: The packaged schema, loaded here on its own rather than through the writer's loader.
SCHEMA = etree.XMLSchema(etree.parse(str(ROOT / "src/codebook/schemas/refi_qda/Project.xsd")))

NS = {"q": "urn:QDA-XML:project:1.0"}
EMOJI = (
    "Interviewer: Hoe gaat het? 😀\nAnouk: Goed 🎉🎉 echt. Het bestuur 👍 steunt ons. Dat helpt.\n"
)
THEME = CodeFields(
    "Vormgeving",
    brief_definition="Hoe de samenwerking is ingericht.",
    when_to_use="Bij teams en overleg.\nOok bij taakverdeling.",
    keywords=("samen", "overleg"),
    color="#1F77B4",
)


@dataclass
class Study:
    store: Store
    docs: dict[str, int]
    codes: dict[str, int]

    def span(self, text: str, passage: str) -> tuple[int, int]:
        start = text.index(passage)
        return start, start + len(passage)


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    store = init_project(tmp_path / "studie.db", "Studie")
    with store.write() as s:
        anna, bram = coder_id(s, "anna"), coder_id(s, "bram")
        docs = {"marieke.txt": add_doc(s, anna), "emoji.txt": add_doc(s, anna, "emoji.txt", EMOJI)}
        theme = create_code(s, anna, THEME).id
        codes = {
            "theme": theme,
            "sub": create_code(s, anna, CodeFields("Schoolleider faciliteert"), theme).id,
            "kennis": create_code(s, anna, CodeFields("Kennisdeling", color="#2CA02C")).id,
            "oud": create_code(s, anna, CodeFields("Oud")).id,
            "dubbel": create_code(s, anna, CodeFields("Dubbel")).id,
        }
        study = Study(store, docs, codes)
        marieke, emoji = docs["marieke.txt"], docs["emoji.txt"]
        gelijk = study.span(INTERVIEW, "Eerlijk gezegd gelijkwaardig.")
        tijd = study.span(INTERVIEW, "Die geeft ons tijd, twee uur per week.")
        apply_coding(s, anna, marieke, theme, *gelijk, note="mooi gezegd")
        apply_coding(s, bram, marieke, theme, *gelijk)
        apply_coding(s, bram, marieke, codes["sub"], *tijd)
        apply_coding(
            s, anna, emoji, codes["kennis"], *study.span(EMOJI, "Het bestuur 👍 steunt ons.")
        )
        apply_coding(s, anna, marieke, codes["oud"], *study.span(INTERVIEW, "Dat is echt nodig."))
        apply_coding(s, bram, emoji, codes["dubbel"], *study.span(EMOJI, "Goed 🎉🎉 echt."))
        retire_code(s, anna, codes["oud"])
        merge_codes(s, anna, codes["dubbel"], codes["kennis"])
        add_memo(s, anna, project_target(), "Eerste ronde klaar.", "Analyseplan")
        add_memo(s, bram, document_target(s, marieke), "Rustig gesprek.", "Over Marieke")
        add_memo(s, anna, code_target(s, theme), "Definitie aanscherpen.")
        link_case(s, anna, "School A", marieke)
        link_case(s, anna, "Marieke", marieke, "Marieke")
        set_attributes(
            s,
            anna,
            marieke,
            {
                "werkplaats": (AttributeType.CATEGORY, "WOA"),
                "leeftijd": (AttributeType.NUMBER, 42.0),
                "datum": (AttributeType.DATE, date(2018, 5, 1)),
                "notitie": (AttributeType.TEXT, "vrij & <open>"),
            },
        )
    try:
        yield study
    finally:
        store.close()


def gathered(store: Store) -> RefiProject:
    with store.read() as s:
        return gather_project(s)


def export(store: Store, out: Path) -> etree._Element:
    """Export the project to ``out``; the root of its ``project.qde``."""
    write_qdpx(gathered(store), out)
    with zipfile.ZipFile(out) as archive:
        return etree.fromstring(archive.read("project.qde"))


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.findall(path, NS)
    assert len(found) == 1, (path, found)
    return found[0]


def sources(root: etree._Element) -> dict[str, etree._Element]:
    return {e.get("name"): e for e in root.findall("q:Sources/q:TextSource", NS)}


def users(root: etree._Element) -> dict[str, str]:
    return {e.get("guid"): e.get("name") for e in root.findall("q:Users/q:User", NS)}


# --------------------------------------------------------------------------- the file


def test_the_export_is_valid_and_each_source_is_its_text_in_utf8(
    study: Study, tmp_path: Path
) -> None:
    out = tmp_path / "studie.qdpx"
    root = export(study.store, out)
    assert SCHEMA.validate(root), SCHEMA.error_log
    texts = {"marieke.txt": INTERVIEW, "emoji.txt": EMOJI}
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        for name, element in sources(root).items():
            guid = element.get("guid")
            assert guid == derived_guid("source", hashlib.sha256(texts[name].encode()).hexdigest())
            assert element.get("plainTextPath") == f"internal://{guid}.txt"
            raw = archive.read(f"sources/{guid}.txt")
            assert not raw.startswith(b"\xef\xbb\xbf")
            assert raw.decode("utf-8") == texts[name]
    assert names[0] == "project.qde" and len(names) == 3
    assert root.get("name") == "Studie"
    assert root.get("origin", "").startswith("codebook ")
    assert users(root)[root.get("creatingUserGUID", "")] == "anna"
    assert set(users(root).values()) == {"anna", "bram"}
    assert set(users(root)) == {derived_guid("user", "anna"), derived_guid("user", "bram")}


def test_every_coding_has_its_code_point_range_code_user_and_date(
    study: Study, tmp_path: Path
) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    names = users(root)
    codes = {e.get("guid"): e.get("name") for e in root.iterfind(".//q:Code", NS)}
    found = set()
    texts = {"marieke.txt": INTERVIEW, "emoji.txt": EMOJI}
    for name, source in sources(root).items():
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = (
                int(selection.get("startPosition", "")),
                int(selection.get("endPosition", "")),
            )
            for coding in selection.findall("q:Coding", NS):
                code = codes[one(coding, "q:CodeRef").get("targetGUID")]
                user = names[coding.get("creatingUser", "")]
                assert coding.get("creationDateTime", "").endswith("Z")
                assert selection.get("creatingUser") == coding.get("creatingUser")
                found.add((name, texts[name][start:end], code, user))
    assert found == {
        ("marieke.txt", "Eerlijk gezegd gelijkwaardig.", "Vormgeving", "anna"),
        ("marieke.txt", "Eerlijk gezegd gelijkwaardig.", "Vormgeving", "bram"),
        (
            "marieke.txt",
            "Die geeft ons tijd, twee uur per week.",
            "Schoolleider faciliteert",
            "bram",
        ),
        ("marieke.txt", "Dat is echt nodig.", "Oud", "anna"),
        ("emoji.txt", "Het bestuur 👍 steunt ons.", "Kennisdeling", "anna"),
        ("emoji.txt", "Goed 🎉🎉 echt.", "Kennisdeling", "bram"),
    }


def test_offsets_after_emoji_count_code_points(study: Study, tmp_path: Path) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    passage = "Het bestuur 👍 steunt ons."
    starts = [
        int(s.get("startPosition", ""))
        for s in sources(root)["emoji.txt"].iter()
        if s.get("startPosition") is not None
    ]
    assert EMOJI.index(passage) in starts
    utf16_start = len(EMOJI[: EMOJI.index(passage)].encode("utf-16-le")) // 2
    assert utf16_start == EMOJI.index(passage) + 3  # three emoji before it: the counts differ
    assert utf16_start not in starts


def test_codebook_nesting_colours_definitions_and_retired_codes(
    study: Study, tmp_path: Path
) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    theme = one(root, "q:CodeBook/q:Codes/q:Code[@name='Vormgeving']")
    assert theme.get("isCodable") == "true" and theme.get("color") == "#1F77B4"
    description = one(theme, "q:Description").text or ""
    assert description == description_text(THEME)
    assert parse_description(description)["when_to_use"] == THEME.when_to_use
    assert one(theme, "q:Code").get("name") == "Schoolleider faciliteert"
    oud = one(root, "q:CodeBook/q:Codes/q:Code[@name='Oud']")
    assert (one(oud, "q:Description").text or "").splitlines() == [RETIRED_LINE]
    kennis = one(root, "q:CodeBook/q:Codes/q:Code[@name='Kennisdeling']")
    dubbel = one(root, "q:CodeBook/q:Codes/q:Code[@name='Dubbel']")
    assert (one(dubbel, "q:Description").text or "").splitlines() == [
        RETIRED_LINE,
        f"{MERGED_INTO_PREFIX}{kennis.get('guid')}",
    ]
    assert kennis.find("q:Description", NS) is None
    with study.store.read() as s:
        guids = code_ids_by_guid(s)
    assert guids[str(kennis.get("guid"))] == study.codes["kennis"]


def test_memos_are_notes_where_they_were_written(study: Study, tmp_path: Path) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    notes = {e.get("guid"): e for e in root.findall("q:Notes/q:Note", NS)}
    names = users(root)

    def note(ref: etree._Element) -> tuple[str | None, str | None, str]:
        found = notes[ref.get("targetGUID")]
        return (
            found.get("name"),
            names[found.get("creatingUser", "")],
            one(found, "q:PlainTextContent").text or "",
        )

    assert [note(r) for r in root.findall("q:NoteRef", NS)] == [
        ("Analyseplan", "anna", "Eerste ronde klaar.")
    ]
    marieke = sources(root)["marieke.txt"]
    assert [note(r) for r in marieke.findall("q:NoteRef", NS)] == [
        ("Over Marieke", "bram", "Rustig gesprek.")
    ]
    theme = one(root, "q:CodeBook/q:Codes/q:Code[@name='Vormgeving']")
    assert [note(r) for r in theme.findall("q:NoteRef", NS)] == [
        (None, "anna", "Definitie aanscherpen.")
    ]
    on_codings = [note(r) for r in marieke.iterfind("q:PlainTextSelection/q:Coding/q:NoteRef", NS)]
    assert on_codings == [(None, "anna", "mooi gezegd")]
    assert len(notes) == 4


def test_cases_link_documents_and_speakers_turns(study: Study, tmp_path: Path) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    marieke = sources(root)["marieke.txt"]
    cases = {e.get("name"): e for e in root.findall("q:Cases/q:Case", NS)}
    assert [r.get("targetGUID") for r in cases["School A"].findall("q:SourceRef", NS)] == [
        marieke.get("guid")
    ]
    assert cases["School A"].find("q:SelectionRef", NS) is None
    assert cases["Marieke"].get("guid") == derived_guid("case", "Marieke")
    selections = {
        s.get("guid"): (int(s.get("startPosition", "")), int(s.get("endPosition", "")))
        for s in marieke.findall("q:PlainTextSelection", NS)
    }
    refs = [r.get("targetGUID") for r in cases["Marieke"].findall("q:SelectionRef", NS)]
    turns = [INTERVIEW[slice(*selections[guid])] for guid in refs]
    assert turns == [
        "Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen.",
        "Die geeft ons tijd, twee uur per week. Dat is echt nodig.",
    ]


def test_attributes_are_typed_variables_with_values_on_the_source(
    study: Study, tmp_path: Path
) -> None:
    root = export(study.store, tmp_path / "studie.qdpx")
    variables = {
        e.get("guid"): (e.get("name"), e.get("typeOfVariable"), one(e, "q:Description").text)
        for e in root.findall("q:Variables/q:Variable", NS)
    }
    assert sorted(variables.values()) == [
        ("datum", "Date", "codebook type: date"),
        ("leeftijd", "Float", "codebook type: number"),
        ("notitie", "Text", "codebook type: text"),
        ("werkplaats", "Text", "codebook type: category"),
    ]
    values = {
        variables[one(v, "q:VariableRef").get("targetGUID")][0]: (
            etree.QName(v[1]).localname,
            v[1].text,
        )
        for v in sources(root)["marieke.txt"].findall("q:VariableValue", NS)
    }
    assert values == {
        "datum": ("DateValue", "2018-05-01"),
        "leeftijd": ("FloatValue", "42.0"),
        "notitie": ("TextValue", "vrij & <open>"),
        "werkplaats": ("TextValue", "WOA"),
    }
    assert sources(root)["emoji.txt"].find("q:VariableValue", NS) is None


@pytest.mark.parametrize(("number", "stored"), [(float("inf"), "inf"), (float("nan"), "''")])
def test_a_number_xml_cannot_hold_is_left_out_with_a_warning(
    study: Study, number: float, stored: str
) -> None:
    """SQLite keeps infinity, and NaN as no number at all; neither is an xsd:decimal."""
    with study.store.write() as s:
        anna = coder_id(s, "anna")
        value = {"leeftijd": (AttributeType.NUMBER, number)}
        set_attributes(s, anna, study.docs["emoji.txt"], value)
    project = gathered(study.store)
    assert project.warnings == (
        f"attribute 'leeftijd' of 'emoji.txt': {stored} is not a number REFI-QDA can hold; "
        "left out",
    )
    assert SCHEMA.validate(etree.fromstring(dump_project_xml(project)))


def check_references(root: etree._Element) -> None:
    """Every GUID is used once and every reference finds its element (the XSD checks neither)."""
    guids = [e.get("guid") for e in root.iter() if e.get("guid") is not None]
    assert len(guids) == len(set(guids))
    targets = {e.get("targetGUID") for e in root.iter() if e.get("targetGUID") is not None}
    assert targets <= set(guids)
    assert {root.get("creatingUserGUID")} | {
        e.get("creatingUser") for e in root.iter() if e.get("creatingUser")
    } <= set(users(root))


def test_every_reference_resolves(study: Study, tmp_path: Path) -> None:
    check_references(export(study.store, tmp_path / "studie.qdpx"))


def test_the_demo_project_exports_complete_and_valid(tmp_path: Path) -> None:
    build_demo(tmp_path / "demo.db", ROOT)
    store = open_project(tmp_path / "demo.db")
    try:
        root = export(store, tmp_path / "demo.qdpx")
        with store.read() as s:
            info = summary(s)
            memos = len(list_memos(s))
            noted = sum(1 for c in all_codings(s) if c.note)
            cases = len(list_cases(s))
    finally:
        store.close()
    assert SCHEMA.validate(root), SCHEMA.error_log
    check_references(root)
    assert (
        len(sources(root)) == info.documents == 15 + 48
    )  # transcripts, and open answers of the questionnaire
    assert len(list(root.iterfind(".//q:PlainTextSelection/q:Coding", NS))) == info.codings
    assert len(root.findall("q:Notes/q:Note", NS)) == memos + noted
    assert len(root.findall("q:Cases/q:Case", NS)) == cases


# --------------------------------------------------------------------------- stability


def guids_of(root: etree._Element) -> set[str]:
    return {e.get("guid", "") for e in root.iter() if e.get("guid")}


def test_exporting_twice_gives_the_same_bytes_and_a_change_keeps_the_other_guids(
    study: Study, tmp_path: Path
) -> None:
    first, second = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    before = export(study.store, first)
    export(study.store, second)
    assert first.read_bytes() == second.read_bytes()
    with study.store.write() as s:
        bram = coder_id(s, "bram")
        start = EMOJI.index("Dat helpt.")
        apply_coding(s, bram, study.docs["emoji.txt"], study.codes["theme"], start, start + 10)
    after = export(study.store, tmp_path / "3.qdpx")
    assert guids_of(before) < guids_of(after)
    assert len(guids_of(after) - guids_of(before)) == 2  # the new selection and its coding


def test_derived_guids_are_uuid5_in_our_namespace() -> None:
    for parts in [("user", "anna"), ("coding", "a", "b", "bram é 😀", 3, 9), ()]:
        expected = str(uuid.uuid5(GUID_NAMESPACE, "\x1f".join(map(str, parts))))
        assert derived_guid(*parts) == expected


# --------------------------------------------------------------------------- failures


@pytest.mark.parametrize("where", ["missing-folder", "disk-full"])
def test_a_failed_export_leaves_nothing_and_says_one_line(
    study: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("nope/studie.qdpx" if where == "missing-folder" else "studie.qdpx")
    project = gathered(study.store)
    if where == "disk-full":

        def full(*_: object, **__: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(CodebookError) as info:
        write_qdpx(project, target)
    message = str(info.value)
    assert message.startswith(f"{target}: cannot write (")
    assert "\n" not in message
    assert list(folder.iterdir()) == []


def test_a_model_that_does_not_validate_is_an_internal_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    bad = CodeSpec(CodeFields("Kleur", color="#12345"), guid=str(uuid.uuid4()))
    project = RefiProject("kapot", CodebookSpec("kapot", (bad,)))
    with pytest.raises(CodebookFileError, match="^internal error: .*'color'"):
        write_qdpx(project, tmp_path / "kapot.qdpx")
    assert list(tmp_path.iterdir()) == []


def test_text_xml_cannot_hold_is_named_in_one_line(tmp_path: Path) -> None:
    code = CodeSpec(CodeFields("Code"), guid=str(uuid.uuid4()))
    note = RefiNote(str(uuid.uuid4()), "Plakwerk", "tekst met \x0c pagina-einde")
    project = RefiProject("p", CodebookSpec("p", (code,)), notes=(note,))
    with pytest.raises(CodebookError, match=r"^memo 'Plakwerk' contains .* \(U\+000C\)"):
        dump_project_xml(project)
    assert SCHEMA.validate(
        etree.fromstring(dump_project_xml(replace(project, notes=(replace(note, text="ok"),))))
    )


def test_progress_counts_every_step_to_the_end(study: Study, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_qdpx(
        gathered(study.store), tmp_path / "p.qdpx", lambda done, total: seen.append((done, total))
    )
    assert seen == [(n, 5) for n in range(1, 6)]
