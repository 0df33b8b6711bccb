"""The CLI as a user meets it: exit codes, one-line errors, no tracebacks, fast --help."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import INTERVIEW
from helpers import run_cli as run


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", path)[0] == 0
    return path


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    probe = (
        "import sys, time; t=time.perf_counter();"
        "from codebook.cli import app;"
        "heavy=[m for m in ('sqlalchemy','spacy','pandas','docx','textual','lxml')"
        " if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "codebook.cli", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "import" in done.stdout and "undo" in done.stdout
    assert time.perf_counter() - start < 5  # generous: the real figure is in bench/


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, "codebook 0.1.0")


def test_import_code_list_undo(
    project: str, interview: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import", project, str(interview), "--attr", "werkplaats=WOA")
    assert code == 0 and "1 imported" in out
    code, out, _ = run(capsys, "docs", project)
    assert "marieke.txt" in out and "WOA" in out
    from codebook.domain import CodeFields
    from codebook.services.codebook.codes import create_code
    from codebook.services.project_store import coder_id, open_project

    store = open_project(project)
    with store.write() as s:
        create_code(s, coder_id(s, "anna"), CodeFields("Faciliteren"))
    store.close()
    start = INTERVIEW.index("Die geeft")
    code, out, _ = run(
        capsys,
        "--coder",
        "anna",
        "code",
        project,
        "marieke",
        "Faciliteren",
        str(start),
        str(start + 18),
    )
    assert code == 0 and "Die geeft ons tijd" in out
    code, out, _ = run(capsys, "codings", project, "--code", "Faciliteren")
    assert "Die geeft ons tijd" in out and "anna" in out
    code, out, _ = run(capsys, "--coder", "anna", "undo", project)
    assert code == 0 and "Undone: apply 'Faciliteren'" in out
    code, out, _ = run(capsys, "codings", project, "--code", "Faciliteren")
    assert "0 codings" in out
    code, out, _ = run(capsys, "--coder", "anna", "redo", project)
    assert "Redone" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("info", "{tmp}/missing.db"), "missing.db: no such project"),
        (("code", "{project}", "marieke", "Borging", "0", "5"), "unknown code 'Borging'"),
        (("code", "{project}", "nobody", "Borging", "0", "5"), "unknown document 'nobody'"),
        (("import", "{project}", "{tmp}/absent.txt"), "absent.txt: file not found"),
        (("uncode", "{project}", "7"), "unknown coding 7"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(
    project: str,
    interview: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    run(capsys, "import", project, str(interview))
    before = Path(project).read_bytes()
    filled = [a.format(tmp=tmp_path, project=project) for a in args]
    code, out, err = run(capsys, *filled)
    assert code == 2
    assert message in out + err
    assert "Traceback" not in out + err
    assert len((err or out).strip().splitlines()) <= 8  # one message (plus an import table)
    assert Path(project).read_bytes() == before


def test_offsets_out_of_range(
    project: str, interview: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from codebook.domain import CodeFields
    from codebook.services.codebook.codes import create_code
    from codebook.services.project_store import coder_id, open_project

    run(capsys, "import", project, str(interview))
    store = open_project(project)
    with store.write() as s:
        create_code(s, coder_id(s, "anna"), CodeFields("Faciliteren"))
    store.close()
    code, _, err = run(capsys, "code", project, "marieke", "Faciliteren", "10", "99999")
    assert code == 2
    assert err.strip().startswith("error: offsets 10-99999 out of range")
    assert len(err.strip().splitlines()) == 1


def test_locked_database(
    project: str,
    interview: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from codebook.db import engine

    run(capsys, "import", project, str(interview))
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(project, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "attr", project, "1", "x=1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "p.db: the project is locked by another program; try again" in err


def test_a_second_project_name_with_db_is_refused(
    pg_cluster: object, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.create_database()  # type: ignore[attr-defined]
    assert run(capsys, "--db", url, "init", "studie")[0] == 0
    code, out, _ = run(capsys, "--db", url, "info", "studie")
    assert code == 0 and "studie" in out
    code, _, err = run(capsys, "--db", url, "info", "andere")
    assert code == 2 and "holds project 'studie', not 'andere'" in err
