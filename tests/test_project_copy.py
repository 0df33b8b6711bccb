"""``codebook copy``: a whole project between SQLite and PostgreSQL, lossless and all-or-nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select

from codebook.db.models import Base
from codebook.domain import CodebookError
from codebook.project import Project
from helpers import run_cli
from pg import Cluster

INTERVIEW = (
    "Interviewer: Hoe gaat de samenwerking met de hogeschool?\n"
    "Marieke: Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen, café één.\n"
    "Interviewer: En de schoolleider?\n"
    "Marieke: Die geeft ons tijd, twee uur per week. Dat is echt nodig.\n"
)


def build(location: str | Path, folder: Path) -> None:
    """A project that uses every table: typed attributes, cases, revisions, memos, undo."""
    transcript = folder / "marieke.txt"
    transcript.write_text(INTERVIEW, encoding="utf-8")
    from codebook.domain.documents import ImportRequest

    with Project.create(location, "Samen onderzoeken", coder="anna") as project:
        project.import_transcripts(
            [transcript],
            ImportRequest(
                attributes=("datum:date=2024-03-01", "leeftijd:number=42.5", "school=De Linde"),
                speaker_cases=True,
            ),
        )
        borging = project.create_code("Borging")
        tijd = project.create_code("Tijd", borging)
        samen = project.create_code("Samenwerking")
        extra = project.create_code("Extra")
        project.redefine_code(tijd, {"keywords": "uur, week, ruimte – ‘tijd’"}, reason="scherper")
        project.code("marieke", tijd, 150, 190, note="tijd voor onderzoek")
        project.code("marieke", samen, 60, 90)
        project.code("marieke", extra, 60, 90)
        project.move_code(samen, under=borging)
        project.merge_codes(extra, samen)
        target = project.memo_target(code="Borging > Samenwerking")
        assert target is not None
        project.add_memo(target, "Gelijkwaardig 🙂", "Eerste indruk")
    with Project.open(location, coder="bram") as project:
        project.code("marieke", "Tijd", 100, 120)
        project.code("marieke", "Samenwerking", 10, 40)
        project.undo()


def contents(location: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as Python reads it, in primary-key order."""
    url = str(location) if "://" in str(location) else f"sqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = {}
            for table in Base.metadata.sorted_tables:
                rows = conn.execute(select(table).order_by(*table.primary_key.columns))
                found[table.name] = [tuple(r) for r in rows]
            return found
    finally:
        engine.dispose()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "study.db"
    build(path, tmp_path)
    return path


@pytest.mark.postgres
def test_sqlite_to_postgres_to_sqlite_gives_identical_tables(
    source: Path, tmp_path: Path, pg_cluster: Cluster
) -> None:
    server = pg_cluster.create_database()
    back = tmp_path / "back.db"

    there = Project.copy_project(source, server)
    again = Project.copy_project(server, back)

    assert there.equal and again.equal
    original = contents(source)
    assert contents(server) == original
    assert contents(back) == original
    assert {c.table for c in there.tables} == set(original)
    assert all(original[name] for name in ("action", "codebook_event", "memo", "case_document"))
    assert [c.target_rows for c in there.tables] == [len(original[c.table]) for c in there.tables]
    assert [c.target_digest for c in there.tables] == [c.target_digest for c in again.tables]


@pytest.mark.postgres
def test_the_copy_on_the_server_goes_on_where_the_source_stopped(
    source: Path, pg_cluster: Cluster
) -> None:
    """Sequences continue after the copied ids, and the undo history works on the copy."""
    server = pg_cluster.create_database()
    Project.copy_project(source, server)
    before = contents(server)

    with Project.open(server, coder="anna") as project:
        project.code("marieke", "Tijd", 30, 45)
        new_code = project.create_code("Nieuw")
        assert new_code > max(row[0] for row in before["code"])
        project.undo()
        project.undo()
        assert project.undo() is not None  # anna's memo, made before the copy
        codings = project.codings(document="marieke")
    assert {(c.start, c.end) for c in codings} == {(row[3], row[4]) for row in before["coding"]}
    with Project.open(server, coder="bram") as project:
        assert project.redo() is not None  # bram's undone coding can still be redone


def test_a_copy_to_sqlite_is_a_complete_project(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    report = Project.copy_project(source, target)

    assert report.equal
    assert contents(target) == contents(source)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "marieke.txt", "study.db"]
    with Project.open(target, coder="anna") as project:
        assert project.summary().name == "Samen onderzoeken"
        assert project.undo() is not None


def test_an_existing_target_is_refused_and_left_alone(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    build(target, tmp_path)
    before = target.read_bytes()

    with pytest.raises(CodebookError, match="already exists") as caught:
        Project.copy_project(source, target)

    assert "\n" not in str(caught.value)
    assert target.read_bytes() == before
    with pytest.raises(CodebookError, match="somewhere else"):
        Project.copy_project(source, source)


@pytest.mark.postgres
def test_a_database_with_a_project_is_refused(source: Path, pg_cluster: Cluster) -> None:
    server = pg_cluster.create_database()
    Project.copy_project(source, server)
    before = contents(server)

    with pytest.raises(CodebookError, match="not empty"):
        Project.copy_project(source, server)

    assert contents(server) == before


@pytest.mark.postgres
def test_a_failed_copy_to_the_server_leaves_an_empty_database(
    source: Path, pg_cluster: Cluster
) -> None:
    """PostgreSQL refuses a NUL character that SQLite stored: the whole copy rolls back."""
    conn = sqlite3.connect(source)
    conn.execute("UPDATE memo SET text = ?", ("kapot\x00tekst",))
    conn.commit()
    conn.close()
    server = pg_cluster.create_database()

    with pytest.raises(CodebookError, match="nothing was written") as caught:
        Project.copy_project(source, server)

    assert "\n" not in str(caught.value)
    engine = create_engine(server)
    try:
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
    finally:
        engine.dispose()


def test_a_failed_copy_to_a_file_leaves_no_file(source: Path, tmp_path: Path) -> None:
    """A damaged source (a coding of a code that does not exist) cannot be copied half."""
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE coding SET code_id = 999 WHERE id = (SELECT max(id) FROM coding)")
    conn.commit()
    conn.close()
    target = tmp_path / "copy.db"

    with pytest.raises(CodebookError, match="nothing was written"):
        Project.copy_project(source, target)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["marieke.txt", "study.db"]


def test_the_command_prints_each_table_with_its_check(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "copy", str(source), str(tmp_path / "copy.db"))

    assert (code, err) == (0, "")
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line.count("│") == 5}
    assert rows["coding"][3] == str(len(contents(source)["coding"]))
    assert {r[-2] for r in rows.values()} == {"yes"}
    assert "every table equal to the source" in out

    code, out, err = run_cli(capsys, "--lang", "nl", "copy", str(source), str(tmp_path / "copy.db"))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "bestaat al" in err and err.count("\n") == 1
