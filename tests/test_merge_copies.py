"""Merging separately coded copies of one project: every row, twice, undo, unmatched, conflicts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from codebook.db.models import Base
from codebook.domain import CodebookError
from codebook.domain.merging import UnmatchedCoding
from codebook.project import Project
from helpers import INTERVIEW, add_doc

SECOND = INTERVIEW + "Marieke: En de leerlingen merken het ook.\n"
THIRD = "Interviewer: Wat vindt u van de werkplaats?\nJoost: Het kost veel tijd.\n"
#: Tables whose rows a merge and its undo must leave exactly as they were. The codebook log
#: and the journal record the undo itself, and project_meta holds the codebook version.
RESTORED = ("coder", "document", "attribute", "document_attribute", "turn", "case")
RESTORED += ("case_document", "code", "coding", "memo", "resolution")


def dump(location: str | Path, tables: tuple[str, ...] | None = None) -> dict[str, list[Any]]:
    """Every row of every table (or of ``tables``), ordered: what 'unchanged' means."""
    with Project.open(location) as door, door._read() as session:
        out = {}
        for name, table in Base.metadata.tables.items():
            if tables is None or name in tables:
                rows = session.execute(select(table).order_by(*table.primary_key.columns))
                out[name] = [tuple(r) for r in rows]
        return out


def add_documents(door: Project, *texts: tuple[str, str]) -> None:
    with door._write() as session:
        me = door._acting(session)
        for name, text in texts:
            add_doc(session, me, name, text)


def codings(location: str | Path) -> set[tuple[str, str, str, int, int, str | None]]:
    with Project.open(location) as door:
        paths = {item.id: item.path for item in door.code_items(include_retired=True)}
        return {
            (doc.name, paths[c.code_id], c.coder, c.start, c.end, c.note)
            for doc in door.documents()
            for c in door.codings(document=doc.id)
        }


def memos(location: str | Path) -> set[tuple[str, str, str, str, str]]:
    with Project.open(location) as door:
        return {(m.target.kind, m.target.label, m.coder, m.title, m.text) for m in door.memos()}


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """Anna's project and Bert's copy of it, each coded on after the copy was made."""
    mine, theirs = tmp_path / "anna.db", tmp_path / "bert.db"
    with Project.create(mine, "studie", coder="anna") as door:
        add_documents(door, ("marieke.txt", INTERVIEW), ("tweede.txt", SECOND))
        door.create_code("Vormgeving")
        door.create_code("Schoolleider", "Vormgeving")
        door.create_code("Kennis")
        door.code("marieke.txt", "Vormgeving", 0, 11)
    shutil.copy(mine, theirs)
    with Project.open(theirs, coder="bert") as door:
        door.create_code("Tijd", "Vormgeving")
        door.rename_code("Kennis", "Kennisdeling")
        door.move_code("Schoolleider", top=True)
        door.code("marieke.txt", "Vormgeving > Tijd", 150, 170, note="twee uur")
        door.code("tweede.txt", "Kennisdeling", 13, 40)
        door.code("marieke.txt", "Vormgeving", 0, 11)
        door.add_memo(
            door.memo_target(code="Kennisdeling"), "Kennis gaat twee kanten op.", "Kennis"
        )
        door.add_memo(door.memo_target(document="marieke.txt"), "Open gesprek.", "Toon")
        door.add_memo(door.memo_target(project=True), "Tweede codeur begonnen.")
        door.link_case("Marieke", "marieke.txt", "Marieke")
        door.link_case("Hogeschool", "tweede.txt")
        door.set_attributes("marieke.txt", ["school=De Linde", "datum:date=2024-03-01"])
    with Project.open(mine, coder="anna") as door:
        door.code("tweede.txt", "Vormgeving > Schoolleider", 60, 80)
        door.add_memo(door.memo_target(document="marieke.txt"), "Let op de toon.", "Toon")
        door.set_attributes("tweede.txt", ["school=De Vonk"])
    return mine, theirs


def test_merge_brings_every_row_of_the_other_copy(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    before_mine, before_theirs = codings(mine), codings(theirs)
    with Project.open(mine, coder="anna") as door:
        report = door.merge_copy(theirs)
        tree = [item.path for item in door.code_items()]
        cases = door.cases()
        documents = {d.name: d.attributes for d in door.documents()}
        coders = door.coders()
    assert tree == ["Vormgeving", "Vormgeving > Tijd", "Kennisdeling", "Schoolleider"]
    assert codings(mine) == {
        (d, p.replace("Vormgeving > Schoolleider", "Schoolleider"), c, s, e, n)
        for d, p, c, s, e, n in before_mine | before_theirs
    }
    assert len(codings(mine)) == 5  # anna's coding from before the copy is there once
    assert memos(mine) == memos(theirs) | {
        ("document", "marieke.txt", "anna", "Toon", "Let op de toon.")
    }
    assert [(c.name, [(link.document, link.speaker) for link in c.links]) for c in cases] == [
        ("Hogeschool", [("tweede.txt", None)]),
        ("Marieke", [("marieke.txt", "Marieke")]),
    ]
    assert documents["marieke.txt"] == {"school": "De Linde", "datum": date(2024, 3, 1)}
    assert documents["tweede.txt"] == {"school": "De Vonk"}
    assert coders == ["anna", "bert"]
    assert report.added == {
        "coders": 1,
        "codes": 1,
        "renamed_codes": 1,
        "moved_codes": 1,
        "codings": 3,
        "coding_notes": 0,
        "memos": 3,
        "cases": 2,
        "case_links": 2,
        "attributes": 2,
        "resolutions": 0,
    }
    assert report.present["codings"] == 1
    assert report.present["codes"] == 3
    assert set(report.codebook) == {
        "create: 'Vormgeving > Tijd'",
        "rename: 'Kennis' -> 'Kennisdeling'",
        "move: 'Schoolleider' from 'Vormgeving'",
    }
    assert report.codebook_version is not None
    assert not (report.missing_documents or report.unmatched_codings or report.conflicts)


def test_merging_twice_adds_nothing(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    with Project.open(mine, coder="anna") as door:
        door.merge_copy(theirs)
    merged = dump(mine)
    with Project.open(mine, coder="anna") as door:
        again = door.merge_copy(theirs)
    assert again.nothing_added and again.codebook == () and again.codebook_version is None
    assert again.present["codings"] == 4 and again.present["memos"] == 3
    assert dump(mine) == merged


def test_undo_takes_the_whole_merge_back(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    before = dump(mine, RESTORED)
    with Project.open(mine, coder="anna") as door:
        door.merge_copy(theirs)
        assert door.undo() == "merge 'bert.db'"
        history = door.codebook_history()
    assert dump(mine, RESTORED) == before
    assert [entry.kind for entry in history[-2:]] in (["import", "undo"], ["undo", "import"])


def test_dry_run_changes_nothing_and_reports_the_same(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    before = dump(mine)
    with Project.open(mine, coder="anna") as door:
        dry = door.merge_copy(theirs, dry_run=True)
    assert dump(mine) == before
    assert dry.dry_run
    with Project.open(mine, coder="anna") as door:
        real = door.merge_copy(theirs)
    assert (dry.added, dry.present, dry.codebook) == (real.added, real.present, real.codebook)


def test_a_document_missing_here_is_reported_with_its_codings(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    with Project.open(theirs, coder="bert") as door:
        add_documents(door, ("joost.txt", THIRD))
        door.code("joost.txt", "Kennisdeling", 56, 70)
        door.add_memo(door.memo_target(document="joost.txt"), "Alleen bij Bert.", "Joost")
        door.link_case("Joost", "joost.txt", "Joost")
    with Project.open(mine, coder="anna") as door:
        report = door.merge_copy(theirs)
        names = [d.name for d in door.documents()]
    assert names == ["marieke.txt", "tweede.txt"]
    assert report.missing_documents == ("joost.txt",)
    assert report.unmatched_codings == (
        UnmatchedCoding("joost.txt", "Kennisdeling", "bert", 56, 70),
    )
    assert {(i.item, i.where) for i in report.unmatched} == {
        ("memo", "Joost"),
        ("case link", "Joost"),
    }
    assert all("joost" not in d for d, *_ in codings(mine))
    assert report.added["codings"] == 3  # the other three of Bert's codings still come in


def test_a_code_renamed_differently_in_both_keeps_the_local_name(
    copies: tuple[Path, Path],
) -> None:
    mine, theirs = copies
    with Project.open(mine, coder="anna") as door:
        door.rename_code("Kennis", "Kennisuitwisseling")
        report = door.merge_copy(theirs)
        tree = [item.path for item in door.code_items()]
    assert "Kennisuitwisseling" in tree and "Kennisdeling" not in tree
    assert [(i.item, i.where) for i in report.conflicts] == [("code", "Kennisuitwisseling")]
    assert "Kennisdeling" in report.conflicts[0].detail
    assert report.added["renamed_codes"] == 0
    assert ("tweede.txt", "Kennisuitwisseling", "bert", 13, 40, None) in codings(mine)


def test_a_renamed_code_here_stays_and_a_differing_value_is_kept(
    copies: tuple[Path, Path],
) -> None:
    mine, theirs = copies
    with Project.open(theirs, coder="bert") as door:
        door.set_attributes("tweede.txt", ["school=De Vonk Noord"])
    with Project.open(mine, coder="anna") as door:
        door.rename_code("Vormgeving", "Ontwerp")
        report = door.merge_copy(theirs)
        tree = [item.path for item in door.code_items()]
        documents = {d.name: d.attributes for d in door.documents()}
    assert tree[0] == "Ontwerp" and "Ontwerp > Tijd" in tree
    assert not [i for i in report.conflicts if i.item == "code"]
    assert documents["tweede.txt"] == {"school": "De Vonk"}
    assert [(i.item, i.where) for i in report.conflicts] == [("attribute", "tweede.txt: school")]


def test_merging_a_project_into_itself_is_refused(copies: tuple[Path, Path]) -> None:
    mine, _theirs = copies
    with Project.open(mine, coder="anna") as door, pytest.raises(CodebookError, match="itself"):
        door.merge_copy(mine)


def test_merging_a_missing_file_fails_and_changes_nothing(
    copies: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, _theirs = copies
    before = dump(mine)
    with Project.open(mine, coder="anna") as door, pytest.raises(CodebookError):
        door.merge_copy(tmp_path / "nowhere.db")
    assert dump(mine) == before


def test_a_note_written_there_on_a_shared_coding_comes_over_once(
    copies: tuple[Path, Path],
) -> None:
    mine, theirs = copies
    with Project.open(theirs, coder="anna") as door:
        (shared,) = [c for c in door.codings(document="marieke.txt") if c.coder == "anna"]
        door.set_coding_memo(shared.id, "Gelijkwaardig, zegt ze.")
    with Project.open(mine, coder="anna") as door:
        report = door.merge_copy(theirs)
        again = door.merge_copy(theirs)
    assert report.added["coding_notes"] == 1 and again.nothing_added
    assert ("marieke.txt", "Vormgeving", "anna", 0, 11, "Gelijkwaardig, zegt ze.") in codings(mine)


def test_settled_disagreements_come_with_their_consensus_codings_once(tmp_path: Path) -> None:
    from codebook.domain.agreement import AgreementRequest
    from codebook.domain.resolutions import ResolutionRequest

    mine, theirs = tmp_path / "anna.db", tmp_path / "team.db"
    with Project.create(mine, "studie", coder="anna") as door:
        add_documents(door, ("marieke.txt", INTERVIEW))
        door.create_code("Tijd")
        door.code("marieke.txt", "Tijd", 13, 54)  # the first question
        door.code("marieke.txt", "Tijd", 155, 190)
    with Project.open(mine, coder="bram") as door:
        door.code("marieke.txt", "Tijd", 13, 54)
    shutil.copy(mine, theirs)
    request = AgreementRequest(coders=("anna", "bram"), unit="turn")
    with Project.open(theirs, coder="lead") as door:
        (item,) = door.disagreement_queue(request).items
        door.resolve(ResolutionRequest(item.disagreement, "keep", coder="anna", note="klopt"))

    with Project.open(mine, coder="anna") as door:
        report = door.merge_copy(theirs)
        assert report.added["resolutions"] == 1
        (settled,) = door.disagreement_queue(request).items
        assert settled.resolution is not None
        assert (settled.resolution.kind, settled.resolution.detail) == ("keep", "anna")
        assert settled.resolution.note == "klopt"
        again = door.merge_copy(theirs)
        assert again.nothing_added and again.present["resolutions"] == 1
    consensus = {c for c in codings(mine) if c[2] == "consensus"}
    assert consensus == {("marieke.txt", "Tijd", "consensus", 155, 190, "klopt")}
