"""Every command closes the project however it ends: no file handle outlives a command.

A long-lived process runs many commands in a row (a test run, a script that
calls ``codebook.cli.main``); a command that forgot to close the project
would leave the SQLite file, its write-ahead log and shared-memory file open,
and a Windows user could then not move or delete the project. The checks read
this process's open files from ``/proc/self/fd`` after each command, with the
garbage collector off, so only an explicit close can release a handle.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from codebook.domain import CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.memos import add_memo, resolve_target
from codebook.services.project_store import coder_id, open_project
from helpers import add_doc, counts, run_cli

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd (Linux)"
)

SUFFIXES = ("", "-wal", "-shm", "-journal")


def open_handles(project: str) -> list[str]:
    """The files of ``project`` (the database, its WAL, shared memory, journal) open here."""
    watched = {os.path.realpath(project) + suffix for suffix in SUFFIXES}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # the fd listing itself, closed in the meantime
            continue
        if target in watched:
            found.append(target)
    return found


def table_counts(project: str) -> dict[str, int]:
    store = open_project(project)
    try:
        return counts(store)
    finally:
        store.close()


@pytest.fixture
def no_collector() -> Iterator[None]:
    """The cyclic garbage collector off: a forgotten engine must not be freed behind our back."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A project with a document, two codes, a coding and a memo by anna; bram is known."""
    path = str(tmp_path / "p.db")
    assert run_cli(capsys, "init", path)[0] == 0
    store = open_project(path)
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            coder_id(s, "bram")
            add_doc(s, anna, "marieke.txt")
            create_code(s, anna, CodeFields("Faciliteren"))
            create_code(s, anna, CodeFields("Tijd"))
            target = resolve_target(s, project=True)
            assert target is not None
            add_memo(s, anna, target, "Een memo", "")
    finally:
        store.close()
    code, _, err = run_cli(capsys, "--coder", "anna", "code", path, "1", "Faciliteren", "0", "10")
    assert (code, err) == (0, "")
    assert open_handles(path) == []
    return path


def failing_commands(project: str, tmp_path: Path) -> list[tuple[str, ...]]:
    """Commands that each fail with a one-line error (or do nothing) and change nothing."""
    missing = tmp_path / "missing"
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    anna, bram = ("--coder", "anna"), ("--coder", "bram")
    return [
        (*anna, "code", project, "1", "Onbekend", "0", "5"),
        (*anna, "code", project, "nobody", "Faciliteren", "0", "5"),
        (*anna, "code", project, "1", "Faciliteren", "50", "5"),
        (*anna, "uncode", project, "99"),
        (*anna, "adjust", project, "1", "0", "99999"),
        (*bram, "adjust", project, "1", "2", "8"),
        (*anna, "attr", project, "1", "x:badtype=1"),
        (*anna, "attr", project, "nobody", "x=1"),
        (*anna, "import", project, str(tmp_path / "marieke.txt"), "--attr", "bad"),
        ("codings", project, "--doc", "nobody"),
        ("codebook", "show", project, "Onbekend"),
        ("codebook", "diff", project, "0", "99"),
        (*anna, "codebook", "rename", project, "Faciliteren", "Tijd"),
        (*anna, "codebook", "recolour", project, "Tijd", "blue"),
        (*anna, "codebook", "merge", project, "Tijd", "Tijd"),
        (*anna, "codebook", "import", project, str(broken)),
        ("codebook", "export", project, str(missing / "codebook.yaml")),
        ("quotes", project, "Onbekend"),
        ("matrix", project, "--cases", "regio"),
        ("cooccurrence", project, "--code", "Onbekend"),
        ("export", "docx", project, str(missing / "report.docx")),
        ("export", "xlsx", project, str(missing / "tables.xlsx")),
        (*bram, "memo", "edit", project, "1", "Van bram"),
        (*anna, "memo", "delete", project, "99"),
        (*anna, "case", "unlink", project, "Niemand", "1"),
        (*bram, "undo", project),
        (*bram, "redo", project),
        ("--db", f"sqlite:///{project}", "info", "another"),
    ]


def test_failing_commands_leave_no_handle_and_no_change(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_collector: None
) -> None:
    before = table_counts(project)
    commands = failing_commands(project, tmp_path)
    for run in range(200):
        args = commands[run % len(commands)]
        code, _, err = run_cli(capsys, *args)
        if "undo" in args or "redo" in args:
            assert (code, err) == (0, ""), args  # nothing to undo: a message, no error
        else:
            assert code == 2, args
            assert err.strip().startswith("error: "), (args, err)
            assert len(err.strip().splitlines()) == 1, (args, err)
        assert open_handles(project) == [], args
    assert table_counts(project) == before


def test_successful_commands_leave_no_handle(
    project: str,
    tmp_path: Path,
    interview: Path,
    capsys: pytest.CaptureFixture[str],
    no_collector: None,
) -> None:
    anna = ("--coder", "anna")
    commands = [
        (*anna, "import", project, str(interview)),
        ("docs", project),
        ("codes", project),
        (*anna, "code", project, "1", "Tijd", "12", "30"),
        (*anna, "adjust", project, "2", "12", "40"),
        ("codings", project, "--code", "Tijd"),
        (*anna, "attr", project, "1", "rol=leraar"),
        (*anna, "undo", project),
        (*anna, "redo", project),
        ("info", project),
        ("codebook", "show", project, "Tijd"),
        (*anna, "codebook", "rename", project, "Tijd", "Tijd en ruimte"),
        ("codebook", "history", project),
        ("codebook", "export", project, str(tmp_path / "codebook.yaml")),
        ("quotes", project, "Faciliteren"),
        ("frequencies", project),
        ("export", "csv", project, str(tmp_path / "tables")),
        (*anna, "memo", "add", project, "Nog een memo", "--project"),
        ("memo", "list", project),
        (*anna, "case", "link", project, "Marieke", "1"),
        ("case", "list", project),
        ("--db", f"sqlite:///{project}", "info", "p"),
    ]
    for args in commands:
        code, _, err = run_cli(capsys, *args)
        assert (code, err.strip()) == (0, ""), (args, err)  # a progress bar leaves a newline
        assert open_handles(project) == [], args
