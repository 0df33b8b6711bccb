"""``codebook merge PROJECT OTHER``: bring a separately coded copy of the project in.

OTHER is a SQLite file or a database URL. The report accounts for every
coding of the other copy (added, already here, or not merged because its
document is not here) and lists what was kept as it is here; ``--dry-run``
prints the same report and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import ProjectArg, opened, say, top_level_commands, translated
from codebook.cli.labels.merge import LABELS

if TYPE_CHECKING:
    from codebook.domain.merging import MergeReport

merge_app = top_level_commands()

#: Kinds whose "already here" count says something (a coder or a rename is simply new).
_MATCHED = ("codes", "codings", "memos", "case_links", "attributes", "resolutions")


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@merge_app.command("merge")
def merge(
    project: ProjectArg,
    other: Annotated[
        str,
        typer.Argument(metavar="OTHER", help="The other copy: a project file or a database URL."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what the merge would do; change nothing.")
    ] = False,
) -> None:
    """Merge the codings, memos, cases, attributes, resolutions and codebook revisions of
    another copy."""
    with opened(project) as door:
        report = door.merge_copy(other, dry_run=dry_run)
    print_report(report)


def print_report(report: MergeReport) -> None:
    from codebook.domain.merging import MERGED

    other = report.other
    say(t("dry_run_title" if report.dry_run else "title", other=other))
    for kind in MERGED:
        added, present = report.added.get(kind, 0), report.present.get(kind, 0)
        if kind in _MATCHED:
            say(t("count", what=t(kind), added=added, present=present))
        elif added:
            say(t("count_added", what=t(kind), added=added))
    if report.codebook:
        head = "codebook_dry" if report.dry_run else "codebook"
        say(t(head, version=report.codebook_version, other=other))
        for step in report.codebook:
            say(t("step", step=step))
    if report.missing_documents:
        say(t("missing", other=other))
        for name in report.missing_documents:
            say(t("missing_document", name=name))
    if report.unmatched_codings:
        say(t("unmatched_codings", count=len(report.unmatched_codings)))
        for c in report.unmatched_codings:
            say(t("unmatched_coding", **vars(c)))
    for key, issues in (("unmatched", report.unmatched), ("conflicts", report.conflicts)):
        if issues:
            say(t(key))
            for issue in issues:
                say(t("issue", **vars(issue)))
    if report.nothing_added:
        say(t("nothing", other=other))
    elif not report.dry_run:
        say(t("undo"))
