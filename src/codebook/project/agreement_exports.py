"""Use case of the agreement report: figures, what was counted and the disagreements with
their resolutions, to Word or Excel.

Everything the report shows is read in one transaction, so its figures are
those ``agreement`` gives for the same request at that moment, and its
resolutions those the disagreement queue shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from codebook.domain.agreement import AgreementRequest
from codebook.domain.errors import CodebookError
from codebook.domain.resolutions import DisagreementQueue
from codebook.project.base import ProjectBase

Progress = Callable[[int, int], None]
AGREEMENT_SUFFIXES = (".docx", ".xlsx")


class AgreementExportDoor(ProjectBase):
    def export_agreement(
        self,
        target: Path,
        request: AgreementRequest,
        *,
        lang: str = "en",
        reference: str | None = None,
        progress: Progress | None = None,
    ) -> DisagreementQueue:
        """Write the agreement report to ``target``: Word for ``.docx``, Excel for ``.xlsx``.

        ``reference`` names the coder whose codings are the resolutions (None:
        the project's, else ``consensus``). Returns the figures and
        disagreements written, so a face can say what the file holds.
        """
        suffix = target.suffix.lower()
        if suffix not in AGREEMENT_SUFFIXES:
            raise CodebookError("{file}: the agreement report is .docx or .xlsx", file=target)
        with self._read() as session:
            if suffix == ".docx":
                from codebook.services.export.agreement_report import export_agreement_docx

                return export_agreement_docx(session, target, request, lang, reference, progress)
            from codebook.services.export.agreement_workbook import export_agreement_xlsx

            return export_agreement_xlsx(session, target, request, lang, reference, progress)
