"""The demo project `make run` opens: built from the shipped files, coded, and consistent."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import func, select

from codebook.db.models import Coding, Document
from codebook.services.codes import code_tree, walk_tree
from codebook.services.demo import build_demo, main
from codebook.services.demo_codings import squeeze
from codebook.services.documents import list_documents
from codebook.services.project import open_project, summary

ROOT = Path(__file__).resolve().parents[1]


def test_demo_project_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "werkplaatsen.db"
    build_demo(target, ROOT)
    store = open_project(target)
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
    assert info.documents == 15
    assert info.codes >= 30
    assert info.coders == ["analist-a", "analist-b"]
    assert len(per_coder) == 2
    assert all({"werkplaats", "rol", "soort", "datum"} <= set(d.attributes) for d in docs)
    assert {d.attributes["werkplaats"] for d in docs} == {"WOA", "POINT", "WOU"}
    shipped = yaml.safe_load((ROOT / "transcripts" / "demo-codings.yaml").read_text("utf-8"))
    expected = {(c["document"], squeeze(c["quote"])) for c in shipped["codings"]}
    assert {(name, squeeze(text)) for name, text in quotes} == expected
    assert info.codings == len(shipped["codings"]) >= 150
    assert {c["code"] for c in shipped["codings"]} <= paths


def test_demo_refuses_to_overwrite_a_project(tmp_path: Path, capsys: object) -> None:
    target = tmp_path / "w.db"
    assert main([str(target), str(ROOT)]) == 0
    before = target.read_bytes()
    assert main([str(target), str(ROOT)]) == 1
    assert target.exists()
    assert target.read_bytes() == before
