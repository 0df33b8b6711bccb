"""The project door: every use case a face offers is one method of ``Project``.

The CLI and the TUI reach a project only through this object; they never open
a database session or call a service themselves. Each method runs in one
transaction the door owns and returns plain values from ``codebook.domain``,
so the same use case behaves the same from the command line, the terminal UI
and a test. The methods are grouped by capability in the modules of this
package (documents, coding, codebook, analysis, exports, exchange, memos, cases,
speakers, text edits)::

    with Project.open("study.db", coder="anna") as project:
        project.code("interview-1", "Borging > Financiering", 120, 245)
        project.undo()
"""

from __future__ import annotations

from codebook.domain.project import ProjectSummary
from codebook.project.agreement import AgreementDoor
from codebook.project.agreement_exports import AgreementExportDoor
from codebook.project.analysis import AnalysisDoor
from codebook.project.cases import CaseDoor
from codebook.project.codebook import CodebookDoor
from codebook.project.coding import CodingDoor
from codebook.project.copying import CopyDoor
from codebook.project.documents import DocumentDoor
from codebook.project.exchange import ExchangeDoor
from codebook.project.exports import ExportDoor
from codebook.project.languages import LanguageDoor
from codebook.project.memos import MemoDoor
from codebook.project.merging import MergeDoor
from codebook.project.resolutions import ResolutionDoor
from codebook.project.review import ReviewDoor
from codebook.project.search import SearchDoor
from codebook.project.sharing import SharingDoor
from codebook.project.speakers import SpeakerDoor
from codebook.project.suggestions import SuggestionDoor
from codebook.project.surveys import SurveyDoor
from codebook.project.text_edits import TextEditDoor
from codebook.services import project_store


class Project(
    DocumentDoor,
    CodingDoor,
    CodebookDoor,
    AnalysisDoor,
    AgreementDoor,
    AgreementExportDoor,
    ResolutionDoor,
    ReviewDoor,
    ExportDoor,
    ExchangeDoor,
    MemoDoor,
    MergeDoor,
    CaseDoor,
    SpeakerDoor,
    LanguageDoor,
    SurveyDoor,
    TextEditDoor,
    CopyDoor,
    SharingDoor,
    SuggestionDoor,
    SearchDoor,
):
    """One open project (a SQLite file or a PostgreSQL database) and what a user can do with it.

    Open it with ``Project.open(location, coder=...)`` or create one with
    ``Project.create(location, name)``; close it with ``close()`` or a ``with``
    block, however the work ends.
    """

    def summary(self) -> ProjectSummary:
        """Name, language, codebook version and the counts of documents, words, codes, codings."""
        with self._read() as session:
            return project_store.summary(session)

    def coders(self) -> list[str]:
        """Everyone who has coded or written in this project, by name."""
        with self._read() as session:
            return project_store.coder_names(session)


__all__ = ["Project"]
