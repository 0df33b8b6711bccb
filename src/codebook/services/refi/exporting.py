"""Exporting a project as a .qdpx, optionally read back and checked against the project.

Other tools are where a careless export shows its flaws, weeks later and to
a colleague; so ``check`` reads the file just written with the same reader
an import uses and compares it with the project item by item.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from codebook.domain.exchange import ExchangeReport, SkippedItem
from codebook.services.refi.check import counts_of, in_our_units
from codebook.services.refi.compare import compare
from codebook.services.refi.gather import gather_project
from codebook.services.refi.reader import read_qdpx
from codebook.services.refi.writer import write_qdpx


def export_qdpx(
    session: Session,
    target: Path,
    *,
    check: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ExchangeReport:
    """Write the project to ``target``; with ``check`` say every item that reads back different."""
    project = gather_project(session)
    write_qdpx(project, target, progress)
    differences = compare(project, in_our_units(read_qdpx(target))) if check else []
    return ExchangeReport(
        direction="export",
        file=target.name,
        counts=counts_of(project),
        skipped=tuple(SkippedItem(s.element, s.name, s.reason) for s in project.skipped),
        warnings=project.warnings,
        checked=check,
        differences=tuple(differences),
    )
