"""Languages on real SQLite projects: detection at import, ``--language``, ``doc language``."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.project import Project
from codebook.services.importing.sentences import sentence_spans
from helpers import run_cli as run
from helpers import stored_rows

DUTCH = (
    "Interviewer: Hoe gaat het op school?\n"
    "Sanne: Ik werk nu al een paar jaar op deze school. De samenwerking met de collega's "
    "gaat eigenlijk best goed, maar soms is het lastig om tijd te vinden voor overleg. "
    "We hebben elke week een vergadering.\n"
)
GERMAN = (
    "Interviewer: Wie läuft es an der Schule?\n"
    "Anna: Ich arbeite jetzt seit einigen Jahren an dieser Schule, z. B. mit Dr. Meier. "
    "Die Zusammenarbeit mit den Kollegen ist eigentlich ganz gut, aber manchmal ist es "
    "schwer, Zeit für Gespräche zu finden. Wir haben jede Woche eine Sitzung.\n"
)
ANNA = ("--coder", "anna")


def stored_languages(path: Path) -> dict[str, str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT name, language FROM document"))


def sentences_of(path: Path, name: str) -> list[str]:
    with Project.open(str(path), coder="anna") as project:
        doc = project.open_document(name)
    return [doc.text[start:end] for start, end in doc.sentences]


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    dutch, german = tmp_path / "sanne.txt", tmp_path / "anna.txt"
    dutch.write_text(DUTCH, encoding="utf-8")
    german.write_text(GERMAN, encoding="utf-8")
    return [dutch, german]


def test_import_detects_each_documents_language(
    tmp_path: Path, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.db"
    assert run(capsys, "init", str(project))[0] == 0
    short = tmp_path / "kort.txt"
    short.write_text("Ja, dat klopt.\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(project), *map(str, files), str(short), *ANNA)
    assert code == 0
    assert "Languages: nl (2); de (anna.txt)" in out
    assert "Kept the project language for kort.txt: too short" in out
    assert stored_languages(project) == {"sanne.txt": "nl", "anna.txt": "de", "kort.txt": "nl"}
    german = sentences_of(project, "anna.txt")
    assert (
        german[1] == "Ich arbeite jetzt seit einigen Jahren an dieser Schule, z. B. mit Dr. Meier."
    )
    assert len(german) == 4


def test_language_option_forces_every_file(
    tmp_path: Path, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.db"
    run(capsys, "init", str(project), "--language", "fr")
    code, out, _ = run(capsys, "import", str(project), *map(str, files), "--language", "EN", *ANNA)
    assert code == 0
    assert "Languages: en (2)" in out and "Kept" not in out
    assert stored_languages(project) == {"sanne.txt": "en", "anna.txt": "en"}


def test_bad_language_codes_are_refused_and_nothing_changes(
    tmp_path: Path, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", str(tmp_path / "new.db"), "--language", "nd")
    assert code == 2
    assert "unknown language 'nd'" in err and "nl" in err
    assert not (tmp_path / "new.db").exists()
    project = tmp_path / "study.db"
    run(capsys, "init", str(project))
    code, _, err = run(capsys, "import", str(project), str(files[0]), "--language", "dutch", *ANNA)
    assert code == 2
    assert "unknown language 'dutch'" in err
    assert stored_languages(project) == {}
    run(capsys, "import", str(project), str(files[0]), *ANNA)
    before = stored_rows(project)
    code, _, err = run(
        capsys, "--lang", "nl", "doc", "language", str(project), "sanne", "qq", *ANNA
    )
    assert code == 2
    assert "onbekende taal 'qq'" in err
    assert stored_rows(project) == before


def test_doc_language_resplits_and_undo_restores_both(
    tmp_path: Path, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.db"
    run(capsys, "init", str(project))
    run(capsys, "import", str(project), str(files[1]), "--language", "nl", *ANNA)
    with Project.open(str(project), coder="anna") as door:
        door.create_code("Samenwerking")
        door.code("anna.txt", "Samenwerking", 60, 90)
    before = stored_rows(project, "document", "coding")
    count = len(sentences_of(project, "anna.txt"))
    code, out, _ = run(capsys, "doc", "language", str(project), "anna", "de", *ANNA)
    assert code == 0
    assert out.strip() == f"anna.txt: nl → de, {count} sentences (was {count})"
    assert stored_languages(project) == {"anna.txt": "de"}
    with Project.open(str(project), coder="anna") as door:
        doc = door.open_document("anna.txt")
    assert list(doc.sentences) == sentence_spans(doc.text, doc.turns, "de")
    assert stored_rows(project, "coding") == {"coding": before["coding"]}
    assert run(capsys, "undo", str(project), *ANNA)[0] == 0
    assert stored_rows(project, "document", "coding") == before


def test_setting_the_same_language_changes_nothing(
    tmp_path: Path, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.db"
    run(capsys, "init", str(project))
    run(capsys, "import", str(project), str(files[0]), *ANNA)
    before = stored_rows(project)
    code, out, _ = run(capsys, "doc", "language", str(project), "sanne", "nl", *ANNA)
    assert code == 0
    assert "nothing changed" in out
    assert stored_rows(project) == before
