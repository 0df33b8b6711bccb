"""Use case of exporting: the Word theme report (or the same as PDF), the Excel workbook, the
CSV tables, or the whole project as REFI-QDA (.qdpx) for another tool.

The writers are imported when an export runs: python-docx and openpyxl take
time to load, and a session that never exports should not pay for them.
Every writer writes atomically, so a failed export leaves no half-written file.
Replacing an earlier export is the face's decision, asked of the user first:
``existing_export`` names what an export would replace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from codebook.domain.errors import CodebookError
from codebook.domain.exports import (
    EXPORT_KINDS,
    ExportSummary,
    QdpxOptions,
    ReportOptions,
    ReportResult,
    TableOptions,
)
from codebook.project.base import ProjectBase

Progress = Callable[[int, int], None]
SUFFIXES = {
    "docx": "-themes.docx",
    "xlsx": "-tables.xlsx",
    "csv": "-tables",
    "qdpx": ".qdpx",
    "pdf": "-themes.pdf",
}


def file_stem(project_name: str) -> str:
    """The project's name made safe as a file name (``Werkplaatsen PO`` -> ``Werkplaatsen-PO``)."""
    stem = re.sub(r"[^\w.-]+", "-", project_name).strip("-.")
    return stem or "codebook"


class ExportDoor(ProjectBase):
    def default_export_target(self, kind: str) -> Path:
        """``<project folder>/<project name>-themes.docx`` (``-tables.xlsx``, ``-tables/``)."""
        _check_kind(kind)
        return self.folder / f"{file_stem(self.name)}{SUFFIXES[kind]}"

    def can_write_pdf(self) -> bool:
        """Whether LibreOffice, which turns the report into a PDF, is installed.

        Asked by the faces before a PDF export, to say so in the user's language
        (the export itself refuses too, in English, naming the file).
        """
        from codebook.services.export.pdf import find_soffice

        return find_soffice() is not None

    def existing_export(self, kind: str, target: Path) -> tuple[Path, ...]:
        """What writing ``kind`` to ``target`` would replace: the file, or a folder's CSV files.

        The CSV files' names are fixed, so a folder of earlier CSV tables would
        be overwritten one by one; any ``.csv`` in it counts.
        """
        _check_kind(kind)
        if kind == "csv":
            return tuple(sorted(target.glob("*.csv"))) if target.is_dir() else ()
        return (target,) if target.exists() else ()

    def export(
        self,
        kind: str,
        target: Path,
        options: ReportOptions | TableOptions | QdpxOptions,
        progress: Progress | None = None,
    ) -> ExportSummary:
        """Write one export of ``kind`` (docx, pdf, xlsx, csv or qdpx) to ``target``.

        The Word report and the PDF take ``ReportOptions``, the tables ``TableOptions``,
        the project file ``QdpxOptions``; ``progress(done, total)`` is called as
        the export proceeds.
        """
        _check_kind(kind)
        if kind == "pdf":
            return self._export_pdf(target, options, progress)
        with self._read() as session:
            if kind == "qdpx":
                from codebook.services.refi.exporting import export_qdpx

                if not isinstance(options, QdpxOptions):
                    raise TypeError("the project file takes QdpxOptions")
                exchange = export_qdpx(session, target, check=options.check, progress=progress)
                return ExportSummary(kind, target, report=exchange)
            if kind == "docx":
                from codebook.services.export.docx_report import export_docx

                if not isinstance(options, ReportOptions):
                    raise TypeError("the Word report takes ReportOptions")
                report = export_docx(session, target, options, progress)
                return ExportSummary(kind, report.path, themes=report.themes, quotes=report.quotes)
            if not isinstance(options, TableOptions):
                raise TypeError("the tables take TableOptions")
            if kind == "xlsx":
                from codebook.services.export.xlsx import export_xlsx

                tables = export_xlsx(session, target, options, progress)
                sheets = tuple((t.title, len(t.rows)) for t in tables)
                return ExportSummary(kind, target, sheets=sheets)
            from codebook.services.export.csv_files import export_csv

            files = export_csv(session, target, options, progress)
            return ExportSummary(kind, target, files=tuple(files))

    def _export_pdf(
        self,
        target: Path,
        options: ReportOptions | TableOptions | QdpxOptions,
        progress: Progress | None,
    ) -> ExportSummary:
        """The Word report read in one transaction, then converted outside it: LibreOffice
        takes seconds, and no transaction should wait on another program."""
        from codebook.services.export.docx_report import export_docx
        from codebook.services.export.pdf import export_pdf

        if not isinstance(options, ReportOptions):
            raise TypeError("the PDF report takes ReportOptions")
        report_options = options

        def write_report(path: Path, steps: Progress | None) -> ReportResult:
            with self._read() as session:
                return export_docx(session, path, report_options, steps)

        report = export_pdf(write_report, target, progress)
        return ExportSummary("pdf", report.path, themes=report.themes, quotes=report.quotes)


def _check_kind(kind: str) -> None:
    if kind not in EXPORT_KINDS:
        raise CodebookError(
            "unknown export '{kind}' (use {choices})", kind=kind, choices=", ".join(EXPORT_KINDS)
        )
