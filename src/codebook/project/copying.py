"""Use case of copying a whole project to another database (SQLite <-> PostgreSQL).

A copy concerns two locations and no open project, so it is a static method:
the face names both and gets back the check of every table.
"""

from __future__ import annotations

from pathlib import Path

from codebook.domain.project_copy import CopyReport
from codebook.project.base import ProjectBase


class CopyDoor(ProjectBase):
    @staticmethod
    def copy_project(source: str | Path, target: str | Path) -> CopyReport:
        """Copy every table of ``source`` into the new ``target`` and compare them row for row.

        ``target`` must be a new file or an empty database; a copy that fails or
        differs leaves no target behind.
        """
        from codebook.services.project_copy import copy_project

        return copy_project(source, target)
