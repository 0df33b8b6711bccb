"""``codebook memo ...`` in-process: add from text, file and stdin, list, edit, delete, undo."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from codebook.cli.memo import LABELS
from codebook.domain import CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.project_store import coder_id, open_project
from helpers import add_doc, counts
from helpers import run_cli as run

PATH = "Kennisdeling > Landelijk"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", path)[0] == 0
    store = open_project(path)
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            add_doc(s, anna, "marieke.txt")
            theme = create_code(s, anna, CodeFields("Kennisdeling")).id
            create_code(s, anna, CodeFields("Landelijk"), theme)
    finally:
        store.close()
    return path


def test_labels_have_the_same_keys_in_both_languages() -> None:
    assert set(LABELS) == {"en", "nl"}
    assert set(LABELS["en"]) == set(LABELS["nl"])


def test_add_list_edit_delete_and_undo(
    project: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    anna = ("--coder", "anna", "memo")
    code, out, err = run(
        capsys,
        *anna,
        "add",
        project,
        "--code",
        PATH,
        "--title",
        "Landelijk?",
        "Vooral conferenties.",
    )
    assert (code, err) == (0, "")
    assert out.strip() == f"Memo 1 added on code '{PATH}'"
    memo_file = tmp_path / "memo.md"
    memo_file.write_text("Marieke is positief.\nTwee regels.\n", encoding="utf-8")
    add_file = ("add", project, "--document", "marieke", "--file", str(memo_file))
    code, out, _ = run(capsys, *anna, *add_file)
    assert (code, out.strip()) == (0, "Memo 2 added on document 'marieke.txt'")
    monkeypatch.setattr("sys.stdin", io.StringIO("Uit stdin.\n"))
    bram_nl = ("--coder", "bram", "--lang", "nl", "memo")
    code, out, _ = run(capsys, *bram_nl, "add", project, "--project", "-")
    assert (code, out.strip()) == (0, "Memo 3 toegevoegd bij het project")

    code, out, _ = run(capsys, "memo", "list", project)
    assert code == 0
    assert "3 memos" in out
    assert out.index("Uit stdin.") < out.index("Marieke is positief.") < out.index("Vooral")
    code, out, _ = run(capsys, "memo", "list", project, "--code", PATH)
    assert "1 memo on code" in out and "Vooral conferenties." in out and "stdin" not in out
    code, out, _ = run(capsys, "--lang", "nl", "memo", "list", project, "--coded-by", "bram")
    assert "1 memo" in out and "codeur" in out and "het project" in out and "Marieke" not in out
    code, out, _ = run(capsys, "memo", "list", project, "--project")
    assert "1 memo on the project" in out

    code, out, _ = run(capsys, *anna, "edit", project, "1", "Vooral landelijke conferenties.")
    assert (code, out.strip()) == (0, "Memo 1 changed")
    code, out, _ = run(capsys, *anna, "edit", project, "1", "--title", "Landelijk?")
    assert (code, out.strip()) == (0, "Memo 1: nothing changed")
    code, out, _ = run(capsys, "memo", "list", project, "--code", PATH)
    assert "Vooral landelijke conferenties." in out

    code, out, _ = run(capsys, *anna, "delete", project, "2")
    assert (code, out.strip()) == (0, "Deleted memo 2 on document 'marieke.txt'")
    code, out, _ = run(capsys, "--coder", "anna", "undo", project)
    assert (code, out.strip()) == (0, "Undone: delete memo 2")
    code, out, _ = run(capsys, "memo", "list", project, "--document", "marieke.txt")
    assert "Marieke is positief." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "{p}", "--code", "Onbekend", "x"), "unknown code 'Onbekend'"),
        (("add", "{p}", "--document", "nergens", "x"), "unknown document 'nergens'"),
        (("add", "{p}", "x"), "say what the memo is on: --code, --document or --project"),
        (("add", "{p}", "--project", "--code", PATH, "x"), "give only one of"),
        (("add", "{p}", "--project", "  "), "a memo needs text"),
        (("add", "{p}", "--project"), "give the memo's text"),
        (("add", "{p}", "--project", "x", "--file", "{p}"), "give the text or --file, not both"),
        (("add", "{p}", "--project", "--file", "missing.txt"), "missing.txt"),
        (("edit", "{p}", "7", "x"), "unknown memo 7"),
        (("delete", "{p}", "7"), "unknown memo 7"),
        (("list", "{p}", "--coded-by", "niemand"), "unknown coder 'niemand'"),
    ],
)
def test_errors_are_one_line_with_exit_2_and_change_nothing(
    project: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    store = open_project(project)
    before = counts(store)
    store.close()
    code, _, err = run(capsys, "--coder", "anna", "memo", *(a.format(p=project) for a in args))
    assert code == 2
    assert err.startswith("error: ") and message in err
    assert len(err.strip().splitlines()) == 1
    store = open_project(project)
    assert counts(store) == before
    store.close()


def test_another_coders_memo_cannot_be_changed(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--coder", "anna", "memo", "add", project, "--project", "Van anna.")[0] == 0
    code, _, err = run(capsys, "--coder", "bram", "memo", "edit", project, "1", "Van bram.")
    assert code == 2 and "memo 1 was written by anna; only its author can change it" in err
    code, _, err = run(capsys, "--coder", "bram", "memo", "delete", project, "1")
    assert code == 2 and "only its author" in err
