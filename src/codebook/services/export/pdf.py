"""The theme report as PDF: the Word report, converted by LibreOffice with its contents updated.

``soffice --convert-to pdf`` prints a .docx table of contents as the file
caches it, without page numbers: LibreOffice updates an index only when asked.
So the conversion runs a small Basic macro instead (``macro:///``), which
loads the report hidden, updates every index twice (the second pass sees the
page numbers the contents' own length moved) and stores the PDF. No UNO server
is needed, and nothing of the user's LibreOffice is touched: the macro lives in
a fresh profile in a temporary folder (``-env:UserInstallation``), so a
LibreOffice the user has open neither blocks the conversion nor gains a macro.
The file names reach the macro through the environment, so no quoting of a
path can break the macro call.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from codebook.domain import CodebookError
from codebook.domain.exports import ReportResult
from codebook.services.atomic import atomic_path
from codebook.services.export import Progress

TIMEOUT = 120.0  # seconds for each LibreOffice run
SOURCE_VARIABLE = "CODEBOOK_PDF_SOURCE"
TARGET_VARIABLE = "CODEBOOK_PDF_TARGET"
MACRO = "macro:///Standard.Codebook.ToPdf"
# Where installers put LibreOffice when it is not on PATH (macOS, Windows).
_INSTALLED = {
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
}

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_SCRIPT_XLC = (
    _HEAD + '<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN"'
    ' "libraries.dtd">\n'
    '<library:libraries xmlns:library="http://openoffice.org/2000/library"'
    ' xmlns:xlink="http://www.w3.org/1999/xlink">\n'
    ' <library:library library:name="Standard" library:link="false"/>\n'
    "</library:libraries>\n"
)
_DIALOG_XLC = _SCRIPT_XLC
_SCRIPT_XLB = (
    _HEAD + '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN"'
    ' "library.dtd">\n'
    '<library:library xmlns:library="http://openoffice.org/2000/library"'
    ' library:name="Standard" library:readonly="false" library:passwordprotected="false">\n'
    ' <library:element library:name="Codebook"/>\n'
    "</library:library>\n"
)
_DIALOG_XLB = (
    _HEAD + '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN"'
    ' "library.dtd">\n'
    '<library:library xmlns:library="http://openoffice.org/2000/library"'
    ' library:name="Standard" library:readonly="false" library:passwordprotected="false"/>\n'
)
# A Basic error would open a dialog nobody sees and hang until the timeout:
# every error ends the macro instead, and the missing PDF says it failed.
_MODULE = f"""{_HEAD}<!DOCTYPE script:module PUBLIC \
"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Codebook" \
script:language="StarBasic">
Sub ToPdf
  Dim doc As Object
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("{SOURCE_VARIABLE}")), _
    "_blank", 0, load())
  indexes = doc.getDocumentIndexes()
  For pass = 1 To 2
    For i = 0 To indexes.getCount() - 1
      indexes.getByIndex(i).update()
    Next i
  Next pass
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "writer_pdf_Export"
  doc.storeToURL(ConvertToURL(Environ("{TARGET_VARIABLE}")), store())
Failed:
  If Not IsNull(doc) Then doc.close(True)
End Sub
</script:module>
"""


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice`` on PATH (or ``libreoffice``), else where installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _INSTALLED.get(sys.platform, ()):
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def libreoffice_missing(target: Path) -> CodebookError:
    return CodebookError(
        "{file}: a PDF needs LibreOffice (soffice), which was not found; "
        "install LibreOffice, or export the Word report (docx) instead",
        file=target,
    )


WordReport = Callable[[Path, Progress], ReportResult]
"""Writes the Word report to a path: the caller's read of the project, so the
project is read in one transaction that ends before LibreOffice starts."""


def export_pdf(
    write_report: WordReport, out: str | Path, progress: Progress = None
) -> ReportResult:
    """Write the theme report as PDF to ``out`` (atomically); returns what it holds.

    Progress: the Word report's steps, then one for the conversion. Without
    LibreOffice nothing is written and the error says so before any work.
    """
    target = Path(out)
    soffice = find_soffice()
    if soffice is None:
        raise libreoffice_missing(target)
    with tempfile.TemporaryDirectory(prefix="codebook-pdf-") as work:
        folder = Path(work)
        report = folder / "report.docx"
        steps = [0]

        def report_progress(done: int, total: int) -> None:
            steps[0] = total + 1
            if progress:
                progress(done, total + 1)

        written = write_report(report, report_progress)
        pdf = convert_to_pdf(soffice, report, folder, target)
        with atomic_path(target) as tmp:
            shutil.copyfile(pdf, tmp)
    if progress:
        progress(steps[0], steps[0])
    return ReportResult(target, written.themes, written.quotes)


def convert_to_pdf(soffice: Path, docx: Path, folder: Path, target: Path) -> Path:
    """``docx`` as ``folder/report.pdf``, its indexes updated; errors name ``target``."""
    profile = folder / "libreoffice-profile"
    pdf = folder / "report.pdf"
    base = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    _run([*base, "--terminate_after_init"], os.environ, target)
    _install_macro(profile / "user" / "basic", target)
    env = {**os.environ, SOURCE_VARIABLE: str(docx), TARGET_VARIABLE: str(pdf)}
    _run([*base, "--nologo", "--nodefault", MACRO], env, target)
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        raise CodebookError("{file}: LibreOffice could not convert the report to PDF", file=target)
    return pdf


def _install_macro(basic: Path, target: Path) -> None:
    """The Standard library of the fresh profile, holding only the conversion macro."""
    files = {
        basic / "script.xlc": _SCRIPT_XLC,
        basic / "dialog.xlc": _DIALOG_XLC,
        basic / "Standard" / "script.xlb": _SCRIPT_XLB,
        basic / "Standard" / "dialog.xlb": _DIALOG_XLB,
        basic / "Standard" / "Codebook.xba": _MODULE,
    }
    try:
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CodebookError(
            "{file}: cannot prepare LibreOffice ({problem})",
            file=target,
            problem=exc.strerror or exc,
        ) from exc


def _run(command: list[str], env: Mapping[str, str], target: Path) -> None:
    """Run LibreOffice; on the timeout, stop it and every process it started."""
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=posix,
        )
    except OSError as exc:
        raise CodebookError(
            "{file}: cannot start LibreOffice ({problem})", file=target, problem=exc.strerror or exc
        ) from exc
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()
        raise CodebookError(
            "{file}: LibreOffice did not finish the PDF within {seconds} seconds",
            file=target,
            seconds=f"{TIMEOUT:.0f}",
        ) from None
