"""``codebook merge`` on the command line, and a SQLite copy merged into a PostgreSQL project."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.cli.labels.merge import LABELS
from codebook.project import Project
from helpers import INTERVIEW
from helpers import run_cli as run
from test_merge_copies import SECOND, add_documents, codings, copies, dump

__all__ = ["copies"]


def test_dry_run_prints_the_report_and_leaves_every_table_as_it_was(
    copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = copies
    before = dump(mine)
    code, out, err = run(capsys, "--coder", "anna", "merge", str(mine), str(theirs), "--dry-run")
    assert (code, err) == (0, "")
    assert dump(mine) == before
    assert LABELS["en"]["dry_run_title"].format(other="bert.db") in out
    assert "  codings: 3 added, 1 already here" in out
    assert "  create: 'Vormgeving > Tijd'" in out


def test_merge_then_again_then_undo(
    copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = copies
    code, out, _err = run(
        capsys, "--coder", "anna", "--lang", "nl", "merge", str(mine), str(theirs)
    )
    assert code == 0
    assert "  coderingen: 3 toegevoegd, 1 al aanwezig" in out
    assert LABELS["nl"]["undo"] in out
    merged = dump(mine)
    code, out, _err = run(capsys, "--coder", "anna", "merge", str(mine), str(theirs))
    assert code == 0 and LABELS["en"]["nothing"].format(other="bert.db") in out
    assert dump(mine) == merged
    code, out, _err = run(capsys, "--coder", "anna", "undo", str(mine))
    assert code == 0 and "merge 'bert.db'" in out
    assert len(codings(mine)) == 2


def test_a_missing_other_copy_is_one_line_of_error(
    copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mine, _theirs = copies
    code, out, err = run(capsys, "--coder", "anna", "merge", str(mine), str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    assert err.startswith("error:") and "x.db" in err and len(err.strip().splitlines()) == 1


@pytest.mark.postgres
def test_a_sqlite_copy_merges_into_a_postgresql_project(pg_cluster: object, tmp_path: Path) -> None:
    """No shared history: codes match by path, documents by their text."""
    url = pg_cluster.create_database()  # type: ignore[attr-defined]
    sqlite = tmp_path / "veld.db"
    with Project.create(url, "studie", coder="anna") as door:
        add_documents(door, ("marieke.txt", INTERVIEW))
        door.create_code("Vormgeving")
        door.code("marieke.txt", "Vormgeving", 0, 11)
    with Project.create(sqlite, "studie", coder="bert") as door:
        add_documents(door, ("marieke.txt", INTERVIEW), ("tweede.txt", SECOND))
        door.create_code("Vormgeving")
        door.create_code("Tijd", "Vormgeving")
        door.code("marieke.txt", "Vormgeving > Tijd", 150, 170)
        door.code("tweede.txt", "Vormgeving", 0, 11)
    with Project.open(url, coder="anna") as door:
        report = door.merge_copy(sqlite)
        again = door.merge_copy(sqlite)
        tree = [item.path for item in door.code_items()]
    assert tree == ["Vormgeving", "Vormgeving > Tijd"]
    assert report.added["codings"] == 1 and report.added["codes"] == 1
    assert report.missing_documents == ("tweede.txt",)
    assert [(c.document, c.code) for c in report.unmatched_codings] == [
        ("tweede.txt", "Vormgeving")
    ]
    assert again.nothing_added
    assert codings(url) == {
        ("marieke.txt", "Vormgeving", "anna", 0, 11, None),
        ("marieke.txt", "Vormgeving > Tijd", "bert", 150, 170, None),
    }
