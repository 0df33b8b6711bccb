"""`codebook import FILE --replace DOC` as a user meets it: plan, confirmation, refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from codebook.domain.documents import ImportRequest
from codebook.project import Project
from helpers import run_cli, stored_rows
from text_edit_texts import CORRECTED, INTERVIEW


@pytest.fixture
def project(tmp_path: Path) -> str:
    """A project with the interview coded: one coding that changes, one that vanishes."""
    location = str(tmp_path / "p.db")
    (tmp_path / "sanne.txt").write_text(INTERVIEW, encoding="utf-8")
    with Project.create(location, "t", "nl", coder="anna") as door:
        door.import_transcripts([tmp_path / "sanne.txt"], ImportRequest())
        door.create_code("Start")
        for phrase in ("drie docenten", "Later kwam de hogeschool erbij.", "twee uur"):
            start = INTERVIEW.index(phrase)
            door.code("sanne", "Start", start, start + len(phrase))
    return location


@pytest.fixture
def corrected(tmp_path: Path) -> Path:
    path = tmp_path / "sanne-v2.txt"
    path.write_text(CORRECTED, encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--coder", "anna", *args)


def test_dry_run_shows_the_plan_and_changes_nothing(
    project: str, corrected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored_rows(project)
    code, out, err = cli(
        capsys, "import", project, str(corrected), "--replace", "sanne", "--dry-run"
    )
    assert (code, err) == (0, "")
    assert "Replace the text of 'sanne.txt' with" in out
    assert "codings: 1 unchanged, 1 changed, 1 vanish" in out
    assert "was: “drie docenten”" in out and "now: “vier docenten”" in out
    assert "“Later kwam de hogeschool erbij.”" in out.split("Vanish:")[1]
    assert "Dry run: nothing changed." in out
    assert stored_rows(project) == before


def test_without_a_terminal_the_replacement_needs_yes(
    project: str, corrected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored_rows(project)
    code, _, err = cli(capsys, "import", project, str(corrected), "--replace", "sanne")
    assert code == 2
    assert err.count("\n") == 1 and "add --yes" in err
    assert stored_rows(project) == before


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "applied"), [("y\n", True), ("n\n", False)])
def test_at_a_terminal_the_user_is_asked(
    project: str,
    corrected: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    applied: bool,
) -> None:
    before = stored_rows(project)
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, _ = cli(capsys, "import", project, str(corrected), "--replace", "sanne")
    assert "Replace the text and change these codings?" in out
    assert code == (0 if applied else 1)
    assert ("Replaced the text of 'sanne.txt'" in out) is applied
    assert (stored_rows(project) == before) is not applied


def test_yes_applies_and_undo_takes_it_back(
    project: str, corrected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored_rows(project)
    code, out, _ = cli(capsys, "import", project, str(corrected), "--replace", "sanne", "--yes")
    assert code == 0
    assert "1 coding(s) changed, 1 removed, 1 unchanged" in out
    code, out, _ = cli(capsys, "codings", project, "--doc", "sanne")
    assert "vier docenten" in out and "Later kwam" not in out
    code, out, _ = cli(capsys, "undo", project)
    assert "Undone: replace text of 'sanne.txt'" in out
    after_undo = stored_rows(project)
    assert {k: v for k, v in after_undo.items() if k != "action"} == {
        k: v for k, v in before.items() if k != "action"
    }


def test_a_plan_touching_no_coding_is_applied_without_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "p.db")
    (tmp_path / "sanne.txt").write_text(INTERVIEW, encoding="utf-8")
    with Project.create(location, "t", "nl", coder="anna") as door:
        door.import_transcripts([tmp_path / "sanne.txt"], ImportRequest())
    (tmp_path / "v2.txt").write_text(CORRECTED, encoding="utf-8")
    code, out, err = cli(capsys, "import", location, str(tmp_path / "v2.txt"), "--replace", "sanne")
    assert (code, err) == (0, "")
    assert "Replaced the text of 'sanne.txt': 0 coding(s) changed" in out


def test_the_same_text_again_says_so(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "import", project, str(tmp_path / "sanne.txt"), "--replace", "sanne")
    assert code == 0 and "holds the text of 'sanne.txt' already" in out


def test_bad_input_is_one_line_and_changes_nothing(
    project: str, corrected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "ander.txt"
    wrong.write_text("Interviewer: Iets heel anders.\nBas: Nee.\n", encoding="utf-8")
    before = stored_rows(project)
    attempts = [
        (["import", project, str(wrong), "--replace", "sanne", "--yes"], "add --force"),
        (["import", project, str(corrected), "--replace", "niemand"], "unknown document 'niemand'"),
        (["import", project, str(tmp_path / "weg.txt"), "--replace", "sanne"], "file not found"),
        (["import", project, str(corrected), "--dry-run"], "go with --replace DOC"),
        (
            ["import", project, str(corrected), str(wrong), "--replace", "sanne"],
            "exactly one corrected file, not 2",
        ),
        (
            ["import", project, str(corrected), "--replace", "sanne", "--attr", "school=Noord"],
            "keeps the document's attributes",
        ),
    ]
    for args, message in attempts:
        code, out, err = cli(capsys, *args)
        assert code == 2, args
        assert err.count("\n") == 1 and message in err, err
        assert "Traceback" not in out + err
    assert stored_rows(project) == before


def test_force_takes_a_file_that_looks_like_another(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "ander.txt"
    wrong.write_text("Interviewer: Iets heel anders.\nBas: Nee.\n", encoding="utf-8")
    args = ["import", project, str(wrong), "--replace", "sanne", "--force", "--yes"]
    code, out, _ = cli(capsys, *args)
    assert code == 0
    assert "turn structure follows the new file" in out and "Replaced" in out


def test_the_plan_speaks_dutch(
    project: str, corrected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--lang", "nl", "import", project, str(corrected), "--replace", "sanne", "--dry-run"]
    code, out, _ = cli(capsys, *args)
    assert code == 0
    assert "Tekst van 'sanne.txt' vervangen door" in out and "Proefdraai: niets gewijzigd." in out
