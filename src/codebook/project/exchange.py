"""Use case of importing a whole REFI-QDA project (.qdpx) from another tool.

The file is read completely (and refused, with one line naming the problem,
when it is broken or unsafe) before the project is touched; the import is
then one transaction and one undoable action. A new project made for the
import is removed again if the import fails, so a failed import leaves
nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Self

from codebook.domain.exchange import ExchangeReport
from codebook.project.base import ProjectBase
from codebook.services.project_store import meta, remove_project

if TYPE_CHECKING:
    from codebook.services.refi.model import RefiProject

Progress = Callable[[int, int], None]


class ExchangeDoor(ProjectBase):
    def import_qdpx(
        self,
        file: Path,
        *,
        into: bool = False,
        check: bool = False,
        progress: Progress | None = None,
    ) -> ExchangeReport:
        """Import a .qdpx into this project: an empty one, or with ``into`` one being coded
        (adding only what it lacks). With ``check``, what was imported is compared with
        the file and every difference reported. The report is kept as a project memo.
        """
        from codebook.services.refi.reader import read_qdpx

        refi = read_qdpx(file)
        return self._import(refi, file, into=into, check=check, progress=progress)

    @classmethod
    def create_from_qdpx(
        cls,
        location: str | Path,
        file: Path,
        *,
        coder: str | None = None,
        language: str = "nl",
        check: bool = False,
        progress: Progress | None = None,
    ) -> tuple[Self, ExchangeReport]:
        """A new project at ``location`` holding the .qdpx, named after the file's project."""
        from codebook.services.refi.reader import read_qdpx

        refi = read_qdpx(file)
        project = cls.create(location, refi.name or file.stem, language, coder=coder)
        try:
            report = project._import(refi, file, into=False, check=check, progress=progress)
        except BaseException:
            project.close()
            remove_project(location)
            raise
        return project, report

    def _import(
        self,
        refi: RefiProject,
        file: Path,
        *,
        into: bool,
        check: bool,
        progress: Progress | None,
    ) -> ExchangeReport:
        from codebook.services.refi.apply import apply_qdpx
        from codebook.services.refi.prepare import prepare_sources

        with self._read() as session:
            language = meta(session, "language", "nl")
        prepared = prepare_sources(refi, language)
        with self._write() as session:
            return apply_qdpx(
                session,
                self._acting(session),
                refi,
                prepared,
                file=file.name,
                into=into,
                check=check,
                language=language,
                progress=progress,
            )
