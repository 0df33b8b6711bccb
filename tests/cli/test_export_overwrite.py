"""``codebook export`` never replaces an existing file without ``--force``.

A refusal is one line naming the file and the way out, exit code 2, and
leaves the file byte for byte as it was; ``--force`` replaces it. The CSV
export guards the CSV files in its folder, and ``export pdf`` without
LibreOffice says so in the user's language and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from analysis.study import build_study
from codebook.services.project_store import init_project
from helpers import run_cli as run

OLD = b"last week's report"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "study.db"
    store = init_project(path, "Werkplaatsen")
    try:
        build_study(store)
    finally:
        store.close()
    return str(path)


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("docx", "rapport.docx"),
        ("pdf", "rapport.pdf"),
        ("xlsx", "tabellen.xlsx"),
        ("qdpx", "project.qdpx"),
    ],
)
def test_an_existing_file_is_refused_in_one_line_and_left_alone(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    out = tmp_path / name
    out.write_bytes(OLD)
    code, stdout, err = run(capsys, "export", kind, project, str(out))
    assert code == 2
    assert stdout == ""
    assert err.strip() == f"error: {out} already exists; add --force to replace it"
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "study.db"])


def test_force_replaces_the_report_and_the_refusal_speaks_dutch(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport.docx"
    out.write_bytes(OLD)
    code, _, err = run(capsys, "--lang", "nl", "export", "docx", project, str(out))
    assert code == 2
    assert err.strip() == f"error: {out} bestaat al; voeg --force toe om het te vervangen"
    code, stdout, _ = run(capsys, "--lang", "nl", "export", "docx", project, str(out), "--force")
    assert code == 0 and "3 themes" in stdout
    assert "Inhoud" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_the_csv_export_guards_the_csv_files_in_its_folder(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tabellen"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, _ = run(capsys, "export", "csv", project, str(folder))
    assert code == 0  # a folder without CSV files is no reason to ask
    matrix = folder / "matrix.csv"
    matrix.write_bytes(OLD)
    code, _, err = run(capsys, "export", "csv", project, str(folder))
    assert code == 2
    assert err.startswith(f"error: {folder} already holds CSV files (codebook.csv, ")
    assert "matrix.csv" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert matrix.read_bytes() == OLD
    code, _, _ = run(capsys, "export", "csv", project, str(folder), "--force")
    assert code == 0
    assert matrix.read_bytes() != OLD
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_agreement_report_is_guarded_too(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "overeenstemming.xlsx"
    out.write_bytes(OLD)
    code, _, err = run(capsys, "export", "agreement", project, str(out), "--coders", "anna,bram")
    assert code == 2
    assert err.strip() == f"error: {out} already exists; add --force to replace it"
    assert out.read_bytes() == OLD


def test_pdf_without_libreoffice_says_how_to_get_a_report_anyway(
    project: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "rapport.pdf"
    code, stdout, err = run(capsys, "--lang", "nl", "export", "pdf", project, str(out))
    assert code == 2 and stdout == ""
    assert err.startswith(f"error: {out}: voor een PDF is LibreOffice nodig")
    assert "codebook export docx" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
