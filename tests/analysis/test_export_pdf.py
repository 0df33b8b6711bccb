"""The report opens cleanly in LibreOffice: converted to PDF headless, with its text intact.

LibreOffice is a system package the test suite needs; without it this test
fails (it does not skip), saying how to get it, so a green run always means
the report was really rendered.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.study import THEMES, build_study
from codebook.domain.exports import ReportOptions
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
