"""The demo project `make run` opens: built from the shipped files, coded, and consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from codebook.db.models import Coding, Document
from codebook.services.analysis import code_case_matrix
from codebook.services.cases import list_cases
from codebook.services.codebook.codes import code_tree, walk_tree
from codebook.services.demo import build_demo, main
from codebook.services.demo.codings import squeeze
from codebook.services.documents import list_documents
from codebook.services.memos import list_memos
from codebook.services.project_store import open_project, summary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once for this module's tests (which only read it)."""
    target = tmp_path_factory.mktemp("demo") / "werkplaatsen.db"
    build_demo(target, ROOT)
    return target


def test_demo_project_is_complete(demo: Path) -> None:
    store = open_project(demo)
    with store.read() as s:
        info = summary(s)
        docs = list_documents(s)
        paths = {n.path for n in walk_tree(code_tree(s))}
        per_coder = dict(
            s.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all()
        )
        quotes = s.execute(
            select(
                Document.name,
                func.substr(Document.text, Coding.start + 1, Coding.end - Coding.start),
            )
            .select_from(Coding)
            .join(Document, Document.id == Coding.document_id)
        ).all()
    store.close()
    transcripts = [d for d in docs if d.source_format != "csv"]
    answers = [d for d in docs if d.source_format == "csv"]
    assert len(transcripts) == 15 and info.documents == 15 + len(answers)
    assert answers and all(d.name.startswith("Vragenlijst R") for d in answers)
    assert info.codes >= 30
    assert info.coders == ["analist-a", "analist-b"]
    assert len(per_coder) == 2
    assert all({"werkplaats", "rol", "soort", "datum"} <= set(d.attributes) for d in transcripts)
    assert all({"werkplaats", "rol"} <= set(d.attributes) for d in answers)
    assert {d.attributes["werkplaats"] for d in docs} == {"WOA", "POINT", "WOU"}
    shipped = yaml.safe_load((ROOT / "transcripts" / "demo-codings.yaml").read_text("utf-8"))
    expected = {(c["document"], squeeze(c["quote"])) for c in shipped["codings"]}
    assert {(name, squeeze(text)) for name, text in quotes} == expected
    assert info.codings == len(shipped["codings"]) >= 150
    assert {c["code"] for c in shipped["codings"]} <= paths


def test_every_person_in_the_demo_is_a_case(demo: Path) -> None:
    store = open_project(demo)
    with store.read() as s:
        cases = {c.name: c.links for c in list_cases(s)}
        matrix = code_case_matrix(s)
    store.close()
    respondents = {n for n in cases if n.startswith("Vragenlijst R")}
    assert len(respondents) == 48  # who wrote an open answer: their answers are documents
    interviewees = {n for n in cases if n.split()[0] in ("WOA", "POINT", "WOU")}
    assert len(interviewees) == 12 and "WOA coördinator" in interviewees
    assert all(link.speaker is None for n in interviewees for link in cases[n])
    researchers = set(cases) - interviewees - respondents
    assert len(researchers) == 15  # 4-5 per focus group, the moderators not among them
    assert all(
        [(link.document.split("-")[1], link.speaker) for link in cases[n]] == [("05", n)]
        for n in researchers
    )
    assert set(matrix.columns) == set(cases)  # the default matrix counts per person now
    coded = [any(row[i] for row in matrix.cells) for i in range(len(matrix.columns))]
    assert sum(coded) >= 20  # most people said something coded


def test_demo_memos_are_the_shipped_ones_on_codes_and_the_project(demo: Path) -> None:
    shipped = yaml.safe_load((ROOT / "transcripts" / "demo-codings.yaml").read_text("utf-8"))
    store = open_project(demo)
    with store.read() as s:
        memos = list_memos(s)
    store.close()
    assert len(memos) == len(shipped["memos"])
    assert {m.coder for m in memos} == {"analist-a", "analist-b"}
    assert [m.target.kind for m in memos].count("project") == 1
    assert 5 <= [m.target.kind for m in memos].count("code") <= 8
    assert {m["code"] for m in shipped["memos"] if "code" in m} == {
        m.target.label for m in memos if m.target.kind == "code"
    }
    assert all(m.title and len(m.text) > 100 for m in memos)


def test_demo_word_report_prints_the_memos_on_each_themes_codes(demo: Path, tmp_path: Path) -> None:
    import docx

    from codebook.domain.exports import ReportOptions
    from codebook.services.export.docx_report import export_docx

    out = tmp_path / "rapport.docx"
    store = open_project(demo)
    with store.read() as s:
        export_docx(s, out, ReportOptions(themes=["Rol van de coördinator"], lang="nl"))
    store.close()
    document = docx.Document(str(out))
    sections = [p.text for p in document.paragraphs if p.style and p.style.name == "Report Section"]
    assert "Memo's" in sections
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Code", "Titel", "Tekst", "Auteur", "Wanneer"] in rows
    (memo,) = [row for row in rows if "Van regelaar naar verbinder" in row]
    assert memo[0] == "Rol van de coördinator > Coördinator verschuift naar netwerk"
    assert memo[2].startswith("In alle drie de werkplaatsen beschrijven de coördinatoren")
    assert memo[3:] == ["analist-a", "2018-06-04"]
    (spil,) = [row for row in rows if "Spil en risico tegelijk" in row]
    assert spil[3] == "analist-b"


def test_demo_refuses_to_overwrite_a_project(tmp_path: Path, capsys: object) -> None:
    target = tmp_path / "w.db"
    assert main([str(target), str(ROOT)]) == 0
    before = target.read_bytes()
    assert main([str(target), str(ROOT)]) == 1
    assert target.exists()
    assert target.read_bytes() == before
