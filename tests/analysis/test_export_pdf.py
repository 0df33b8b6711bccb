"""The report opens cleanly in LibreOffice: converted to PDF headless, with its text intact;
the PDF export updates the contents so they show the pages the themes start on.

LibreOffice is a system package the test suite needs; without it this test
fails (it does not skip), saying how to get it, so a green run always means
the report was really rendered.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.study import THEMES, build_study
from codebook.domain import CodebookError
from codebook.domain.exports import ReportOptions
from codebook.project import Project
from codebook.services.export.docx_report import export_docx
from codebook.services.project_store import init_project

INSTALL_HINT = (
    "run `make test`, which installs libreoffice-writer-nogui and poppler-utils "
    "(scripts/ensure-system-deps.sh)"
)


def test_report_converts_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(f"soffice (LibreOffice) is not installed: {INSTALL_HINT}")
    store = init_project(tmp_path / "project.db", "Werkplaatsen")
    try:
        build_study(store)
        report = tmp_path / "rapport.docx"
        with store.read() as session:
            export_docx(session, report, ReportOptions(lang="nl"))
    finally:
        store.close()
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "rapport.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists(), f"no PDF written; soffice said: {done.stdout} {done.stderr}"
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail(f"pdftotext (poppler-utils) is not installed: {INSTALL_HINT}")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    for heading in (*THEMES, "Bijlage A. Codeboek", "Themarapportage"):
        assert heading in text
    assert "We delen kennis landelijk via de conferentie." in text


@pytest.fixture
def study_project(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    store = init_project(path, "Werkplaatsen")
    try:
        build_study(store)
    finally:
        store.close()
    return path


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages by a form feed)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail(f"pdftotext (poppler-utils) is not installed: {INSTALL_HINT}")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    return text.split("\f")


def test_the_pdf_export_numbers_the_contents_with_the_pages_the_themes_start_on(
    study_project: Path, tmp_path: Path
) -> None:
    if shutil.which("soffice") is None:
        pytest.fail(f"soffice (LibreOffice) is not installed: {INSTALL_HINT}")
    out = tmp_path / "verslag" / "thema's rapport.pdf"
    out.parent.mkdir()
    steps: list[tuple[int, int]] = []
    with Project.open(str(study_project), coder="anna") as project:
        assert project.can_write_pdf()
        summary = project.export(
            "pdf", out, ReportOptions(lang="nl"), lambda done, total: steps.append((done, total))
        )
    assert summary.path == out and summary.themes == len(THEMES)
    assert steps[-1][0] == steps[-1][1] and len(steps) == steps[-1][1]
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    pages = page_texts(out)
    contents = next(page for page in pages if page.lstrip().startswith("Inhoud"))
    for theme in (*THEMES, "Bijlage A. Codeboek"):
        found = re.search(rf"^{re.escape(theme)}\s*\.+\s*(\d+)\s*$", contents, re.MULTILINE)
        assert found, f"{theme} has no page number in the contents:\n{contents}"
        page = int(found.group(1))
        assert pages[page - 1].lstrip().startswith(theme)
    assert "Definitie" not in contents and "Citaten" not in contents
    assert "Landelijke kennisdeling" in contents


def test_without_libreoffice_the_pdf_export_says_so_and_writes_nothing(
    study_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "rapport.pdf"
    with Project.open(str(study_project), coder="anna") as project:
        assert not project.can_write_pdf()
        with pytest.raises(CodebookError) as raised:
            project.export("pdf", out, ReportOptions(lang="nl"))
    message = str(raised.value)
    assert message.startswith(f"{out}: ") and "LibreOffice" in message and "\n" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "project.db"]
