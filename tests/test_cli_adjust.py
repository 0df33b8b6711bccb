"""``codebook adjust``: move a coding's edges, undoably, only one's own and only within the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from codebook.db.models import Coding
from codebook.domain import CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.project_store import coder_id, open_project
from helpers import INTERVIEW, add_doc, counts, run_cli

START = INTERVIEW.index("Die geeft")


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A document, the code 'Faciliteren' and anna's coding 1 on "Die geeft ons tijd"."""
    path = str(tmp_path / "p.db")
    assert run_cli(capsys, "init", path)[0] == 0
    store = open_project(path)
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            add_doc(s, anna, "marieke.txt")
            create_code(s, anna, CodeFields("Faciliteren"))
    finally:
        store.close()
    code, out, _ = run(capsys, "anna", "code", path, "1", "Faciliteren", START, START + 18)
    assert code == 0 and "Coding 1:" in out
    return path


def run(capsys: pytest.CaptureFixture[str], coder: str, *args: str | int) -> tuple[int, str, str]:
    return run_cli(capsys, "--coder", coder, *(str(a) for a in args))


def edges(project: str) -> tuple[int, int]:
    """Where coding 1 starts and ends, as stored."""
    store = open_project(project)
    try:
        with store.read() as s:
            start, end = s.execute(select(Coding.start, Coding.end).where(Coding.id == 1)).one()
    finally:
        store.close()
    return start, end


def snapshot(project: str) -> dict[str, int]:
    store = open_project(project)
    try:
        return counts(store)
    finally:
        store.close()


def test_adjust_moves_the_edges_and_undo_puts_them_back(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    end = INTERVIEW.index("per week") + len("per week")
    code, out, err = run(capsys, "anna", "adjust", project, 1, START, end)
    assert (code, err) == (0, "")
    assert out.strip() == "Coding 1: Faciliteren now on “Die geeft ons tijd, twee uur per week”"
    assert edges(project) == (START, end)

    code, out, _ = run(capsys, "anna", "undo", project)
    assert code == 0
    assert out.strip() == f"Undone: adjust coding 1 to {START}-{end}"
    assert edges(project) == (START, START + 18)

    code, out, _ = run(capsys, "anna", "redo", project)
    assert code == 0 and edges(project) == (START, end)


def test_adjust_in_dutch(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "anna", "--lang", "nl", "adjust", project, 1, START, START + 9)
    assert code == 0
    assert out.strip() == "Codering 1: Faciliteren nu bij “Die geeft”"


@pytest.mark.parametrize(
    ("coder", "args", "message"),
    [
        ("bram", (1, START, START + 9), "coding 1 is another coder's; only they can adjust it"),
        ("anna", (1, START, 99_999), f"offsets {START}-99999 out of range: need 0 <= start"),
        ("anna", (1, 40, 20), "offsets 40-20 out of range"),
        ("anna", (7, 0, 5), "unknown coding 7"),
    ],
)
def test_adjust_refusals_are_one_line_and_change_nothing(
    project: str,
    capsys: pytest.CaptureFixture[str],
    coder: str,
    args: tuple[int, int, int],
    message: str,
) -> None:
    before = snapshot(project)
    code, out, err = run(capsys, coder, "adjust", project, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {message}")
    assert len(err.strip().splitlines()) == 1
    assert snapshot(project) == before  # not even bram is registered as a coder
    assert edges(project) == (START, START + 18)
