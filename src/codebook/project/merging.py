"""Use case of merging another copy of this project (``codebook merge PROJECT OTHER``).

The other copy (a SQLite file or a database URL) is opened through the door
like any project, read whole in one read transaction and closed again; the
merge is then one write transaction and one undoable action. A dry run makes
exactly the same changes and rolls them back, so what it reports is what a
real merge would do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from codebook.db.engine import describe, is_url
from codebook.domain import CodebookError
from codebook.domain.merging import MergeReport
from codebook.project.base import ProjectBase


class _DryRun(Exception):
    """Carries a dry run's report out of the write transaction, which it rolls back."""

    def __init__(self, report: MergeReport) -> None:
        super().__init__("dry run")
        self.report = report


class MergeDoor(ProjectBase):
    def merge_copy(self, other: str | Path, *, dry_run: bool = False) -> MergeReport:
        """Bring the codings, memos, cases, attributes and codebook revisions of another copy
        of this project in; with ``dry_run`` only say what that would do."""
        from codebook.services.merging import merge_copy, read_copy

        if self._same_place(other):
            raise CodebookError("{project}: that is this project itself", project=describe(other))
        label = describe(other) if is_url(other) else Path(other).name
        with ProjectBase.open(other) as copy, copy._read() as session:
            read = read_copy(session, label)
        try:
            with self._write() as session:
                report = merge_copy(session, self._acting(session), read)
                if dry_run:
                    raise _DryRun(report)
        except _DryRun as run:
            return replace(run.report, dry_run=True)
        return report

    def _same_place(self, other: str | Path) -> bool:
        if is_url(other) or is_url(self.location):
            return str(other) == self.location
        return Path(other).resolve() == Path(self.location).resolve()
