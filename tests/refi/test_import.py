"""Importing a .qdpx through the project door: the round trip, --into, undo, report, refusals.

Every project is a real SQLite file (and the small ones also a PostgreSQL
database); every .qdpx is written by our exporter or built in the test as a
real tool writes it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from codebook.domain import CodebookError, CodeFields
from codebook.domain.exports import QdpxOptions
from codebook.project import Project
from codebook.services.codebook.codes import create_code
from codebook.services.demo import build_demo
from codebook.services.project_store import coder_id, init_project
from helpers import INTERVIEW, add_doc, counts
from refi_files import code, codebook, guid, project, qdpx, selection, source_file, text_source

ROOT = Path(__file__).resolve().parents[2]
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def demo_qdpx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project exported once for this module's round trips."""
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder / "demo.db", ROOT)
    with Project.open(folder / "demo.db", coder="lead") as demo:
        demo.export("qdpx", folder / "demo.qdpx", QdpxOptions())
    return folder / "demo.qdpx"


def qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def guids(root: etree._Element, element: str) -> set[str]:
    return {e.get("guid", "") for e in root.iterfind(f".//q:{element}", NS)}


def codings(root: etree._Element) -> set[tuple[str, str, str, str]]:
    """(source, start, end, code) of every coding in a project file."""
    out = set()
    for source in root.iterfind(".//q:TextSource", NS):
        for sel in source.iterfind("q:PlainTextSelection", NS):
            for ref in sel.iterfind("q:Coding/q:CodeRef", NS):
                out.add(
                    (
                        source.get("guid", ""),
                        sel.get("startPosition", ""),
                        sel.get("endPosition", ""),
                        ref.get("targetGUID", ""),
                    )
                )
    return out


def test_the_demo_project_comes_back_whole_with_its_guids(demo_qdpx: Path, tmp_path: Path) -> None:
    imported, report = Project.create_from_qdpx(
        tmp_path / "again.db", demo_qdpx, coder="lead", check=True
    )
    with imported:
        assert report.checked and report.differences == ()
        assert report.counts["sources"] == 15 + 48 and report.counts["codings"] >= 150
        again = imported.export("qdpx", tmp_path / "again.qdpx", QdpxOptions(check=True))
    assert again.report is not None and again.report.differences == ()
    first, second = qde(demo_qdpx), qde(tmp_path / "again.qdpx")
    for element in ("Code", "TextSource", "PlainTextSelection", "Coding", "Case", "Variable"):
        assert guids(first, element) == guids(second, element), element
    assert codings(first) == codings(second)
    with zipfile.ZipFile(demo_qdpx) as a, zipfile.ZipFile(tmp_path / "again.qdpx") as b:
        texts = [n for n in a.namelist() if n.startswith("sources/")]
        assert texts and all(a.read(n) == b.read(n) for n in texts)
    # the second export also holds the importer and the import's report memo
    assert guids(first, "User") < guids(second, "User")


def test_one_undo_takes_the_whole_import_back(demo_qdpx: Path, tmp_path: Path) -> None:
    store = init_project(tmp_path / "p.db", "leeg")
    store.close()
    with Project.open(tmp_path / "p.db", coder="lead") as target:
        before = target.summary()
        target.import_qdpx(demo_qdpx)
        assert target.summary().documents == 15 + 48
        assert target.undo() == f"import '{demo_qdpx.name}'"
        after = target.summary()
        assert (after.documents, after.codes, after.codings) == (0, 0, 0)
        assert after.codebook_version > before.codebook_version  # the undo is in the history
        assert target.memos() == []
        assert target.redo() is not None
        assert target.summary().codings == again_codings(target)


def again_codings(target: Project) -> int:
    return sum(row.codings for row in target.documents())


def test_the_report_is_kept_as_a_memo_and_names_what_was_skipped(tmp_path: Path) -> None:
    text = "Interviewer: Hoe gaat het?\nAnna: Goed, dank je.\n"
    body = codebook(code("Welzijn")) + (
        "<Sources>"
        + text_source(
            "anna.txt", selection("s1", 30, 40, "Welzijn"), selection("s2", 500, 510, "Welzijn")
        )
        + f'<PictureSource guid="{guid("foto")}" name="foto.jpg" path="internal://foto.jpg"/>'
        + "</Sources>"
    )
    file = qdpx(tmp_path / "in.qdpx", {"project.qde": project(body), source_file("anna.txt"): text})
    made, report = Project.create_from_qdpx(tmp_path / "p.db", file, coder="lead")
    with made:
        lines = "\n".join(report.lines())
        assert report.counts["codings"] == 1
        assert "PictureSource 'foto.jpg'" in lines
        assert "lies outside the source's text" in lines
        memo = next(m for m in made.memos() if m.title == f"Import of {file.name}")
        assert memo.text == "\n".join(report.lines())


def test_utf16_counting_producers_land_on_the_same_characters(tmp_path: Path) -> None:
    text = "Interviewer: 😀 Wat doe je? 👍🏽\r\nAnna: Ik lees 𠀀 en Cafe\u0301 boeken.\r\n"
    wanted = "boeken"
    stored = text.replace("\r\n", "\n").replace("e\u0301", "é")
    at = text.index(wanted)
    units = len(text[:at].encode("utf-16-le")) // 2
    body = codebook(code("Lezen")) + (
        "<Sources>"
        + text_source("anna.txt", selection("s", units, units + len(wanted), "Lezen"))
        + "</Sources>"
    )
    data = "\ufeff" + text
    file = qdpx(tmp_path / "in.qdpx", {"project.qde": project(body), source_file("anna.txt"): data})
    made, report = Project.create_from_qdpx(tmp_path / "p.db", file, coder="lead", check=True)
    with made:
        (coding,) = made.codings(document="anna.txt")
        assert coding.text == wanted
        assert stored[coding.start : coding.end] == wanted
        assert report.countings == (("anna.txt", report.countings[0][1]),)
        assert report.countings[0][1].startswith("UTF-16 code units")
        assert report.differences == ()


@pytest.fixture
def coded(location: str) -> str:
    """A project being coded: one interview, a code 'Schoolleider' and one coding."""
    store = init_project(location, "lopend")
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            add_doc(s, anna, "marieke.txt", INTERVIEW)
            create_code(s, anna, CodeFields("Schoolleider"))
    finally:
        store.close()
    with Project.open(location, coder="anna") as door:
        door.code("marieke.txt", "Schoolleider", 13, 54)
    return location


def test_a_project_being_coded_is_refused_without_into(coded: str, tmp_path: Path) -> None:
    file = qdpx(
        tmp_path / "in.qdpx",
        {"project.qde": project(codebook(code("Nieuw")))},
    )
    with Project.open(coded, coder="anna") as door:
        before = door.summary()
        with pytest.raises(CodebookError, match="--into"):
            door.import_qdpx(file)
        assert door.summary() == before


def test_into_adds_only_what_the_project_lacks(coded: str, tmp_path: Path) -> None:
    second = "Interviewer: En de school?\nJeroen: Die doet mee.\n"
    by_bram = (
        f'<PlainTextSelection guid="{guid("m2")}" startPosition="64" endPosition="93">'
        f'<Coding guid="{guid("m2/c")}" creatingUser="{guid("bram")}">'
        f'<CodeRef targetGUID="{guid("Nieuw")}"/></Coding></PlainTextSelection>'
    )
    body = (
        f'<Users><User guid="{guid("bram")}" name="bram"/></Users>'
        + codebook(code("Schoolleider"), code("Nieuw"))
        + "<Sources>"
        + text_source("marieke.txt", selection("m1", 13, 54, "Schoolleider"), by_bram)
        + text_source("jeroen.txt", selection("j1", 27, 48, "Schoolleider"))
        + "</Sources>"
    )
    file = qdpx(
        tmp_path / "in.qdpx",
        {
            "project.qde": project(body),
            source_file("marieke.txt"): INTERVIEW,
            source_file("jeroen.txt"): second,
        },
    )
    with Project.open(coded, coder="anna") as door:
        report = door.import_qdpx(file, into=True, check=True)
        assert report.differences == ()
        assert report.counts["sources"] == 1  # marieke.txt was there already
        assert report.counts["codes"] == 1  # 'Schoolleider' matched by path, 'Nieuw' added
        items = {i.path: i for i in door.code_items()}
        assert set(items) == {"Schoolleider", "Nieuw"}
        assert items["Schoolleider"].count == 2  # the existing coding and jeroen's
        marieke = {
            (c.code_name, c.start, c.end, c.coder) for c in door.codings(document="marieke.txt")
        }
        assert marieke == {("Schoolleider", 13, 54, "anna"), ("Nieuw", 64, 93, "bram")}
        again = door.import_qdpx(file, into=True)
        assert again.counts["codings"] == 0 and again.counts["sources"] == 0


def test_a_broken_file_creates_no_project(tmp_path: Path) -> None:
    file = tmp_path / "broken.qdpx"
    file.write_bytes(b"PK\x03\x04 this is not a whole zip")
    with pytest.raises(CodebookError) as info:
        Project.create_from_qdpx(tmp_path / "new.db", file, coder="lead")
    assert str(info.value).startswith(str(file))
    assert not (tmp_path / "new.db").exists()


def test_an_import_that_fails_halfway_leaves_no_project_file(tmp_path: Path) -> None:
    body = codebook(code("A")) + (
        '<Cases><Case guid="' + guid("c") + '" name="' + "x" * 500 + '">'
        '<SourceRef targetGUID="' + guid("a.txt") + '"/></Case></Cases>'
        "<Sources>" + text_source("a.txt") + "</Sources>"
    )
    file = qdpx(
        tmp_path / "in.qdpx", {"project.qde": project(body), source_file("a.txt"): "Tekst."}
    )
    with pytest.raises(CodebookError):
        Project.create_from_qdpx(tmp_path / "new.db", file, coder="lead")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.qdpx"]


def test_nothing_changes_when_the_import_fails_into_an_existing_project(
    coded: str, tmp_path: Path
) -> None:
    from codebook.services.project_store import open_project

    body = codebook(code("A")) + (
        '<Cases><Case guid="' + guid("c") + '" name="' + "x" * 500 + '">'
        '<SourceRef targetGUID="' + guid("a.txt") + '"/></Case></Cases>'
        "<Sources>" + text_source("a.txt") + "</Sources>"
    )
    file = qdpx(
        tmp_path / "in.qdpx", {"project.qde": project(body), source_file("a.txt"): "Tekst."}
    )
    store = open_project(coded)
    try:
        before = counts(store)
        with Project.open(coded, coder="anna") as door, pytest.raises(CodebookError):
            door.import_qdpx(file, into=True)
        assert counts(store) == before
    finally:
        store.close()
