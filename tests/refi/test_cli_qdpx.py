"""``codebook export qdpx`` and ``codebook import-qdpx`` as a user runs them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from codebook.services.project_store import coder_id, init_project
from helpers import INTERVIEW, add_doc, run_cli
from refi_files import code, codebook, guid, project, qdpx, selection, source_file, text_source


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "studie.db"
    store = init_project(path, "Studie")
    with store.write() as s:
        add_doc(s, coder_id(s, "anna"), "marieke.txt", INTERVIEW)
    store.close()
    return path


def as_anna(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--coder", "anna", *args)


def a_file(tmp_path: Path, *, unknown_code: bool = False) -> Path:
    coded = [selection("s1", 13, 54, "Tijd")]
    if unknown_code:
        coded.append(selection("s2", 64, 93, "Bestaat niet"))
    body = codebook(code("Tijd")) + "<Sources>" + text_source("marieke.txt", *coded) + "</Sources>"
    files = {"project.qde": project(body, name="Uit NVivo"), source_file("marieke.txt"): INTERVIEW}
    return qdpx(tmp_path / "uit-nvivo.qdpx", files)


def test_export_with_check_writes_a_valid_file_and_says_it_agrees(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.db"
    assert as_anna(capsys, "import-qdpx", str(path), str(a_file(tmp_path)))[0] == 0
    code_, out, err = run_cli(
        capsys,
        "--coder",
        "anna",
        "export",
        "qdpx",
        str(path),
        str(tmp_path / "uit.qdpx"),
        "--check",
    )
    assert code_ == 0, err
    assert "Exported uit.qdpx: 1 sources, 1 codes, 1 codings" in out
    assert "check: the project and the file agree" in out
    with zipfile.ZipFile(tmp_path / "uit.qdpx") as archive:
        assert "project.qde" in archive.namelist()


def test_import_into_a_new_project_prints_the_report_in_dutch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nieuw.db"
    code_, out, err = run_cli(
        capsys, "--lang", "nl", "--coder", "anna", "import-qdpx", str(path), str(a_file(tmp_path))
    )
    assert code_ == 0, err
    assert "Geïmporteerd uit-nvivo.qdpx: 1 bronnen, 1 codes, 1 coderingen" in out
    assert "selecties in 'marieke.txt' geteld in code points" in out
    code_, out, _err = run_cli(capsys, "info", str(path))
    assert "Uit NVivo" in out


def test_a_check_that_finds_a_loss_says_where_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.db"
    file = a_file(tmp_path, unknown_code=True)
    code_, out, _err = as_anna(capsys, "import-qdpx", str(path), str(file), "--check")
    assert code_ == 2
    assert (
        f"skipped Coding 'marieke.txt 64-93': refers to an unknown code {guid('Bestaat niet')}"
        in out
    )
    assert "check: 1 differences between the project and the file" in out
    assert "coding: 'marieke.txt' 64-93: " in out


def test_a_project_being_coded_needs_into(
    capsys: pytest.CaptureFixture[str], study: Path, tmp_path: Path
) -> None:
    file = a_file(tmp_path)
    code_, _out, err = as_anna(capsys, "import-qdpx", str(study), str(file))
    assert code_ == 2
    assert "--into" in err and len(err.strip().splitlines()) == 1
    code_, out, err = as_anna(capsys, "import-qdpx", str(study), str(file), "--into", "--check")
    assert code_ == 0, err
    assert "Imported uit-nvivo.qdpx: 0 sources, 1 codes, 1 codings" in out  # same text: matched


def test_a_broken_file_is_one_line_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "kapot.qdpx"
    bad.write_bytes(b"not a zip at all")
    code_, _out, err = as_anna(capsys, "import-qdpx", str(tmp_path / "n.db"), str(bad))
    assert code_ == 2
    assert err.startswith("error: ") and str(bad) in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "n.db").exists()
