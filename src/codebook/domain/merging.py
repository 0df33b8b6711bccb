"""What merging another copy of a project did: added, already there, not matched, in conflict.

Two analysts who coded separate copies must be able to trust a merge, so the
report accounts for every coding of the other copy (added, already present,
or listed as unmatched with its document and code) and names every place
where the two copies disagree and the local version was kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What a merge counts, in the order a report lists it.
MERGED = (
    "coders",
    "codes",
    "renamed_codes",
    "moved_codes",
    "codings",
    "coding_notes",
    "memos",
    "cases",
    "case_links",
    "attributes",
    "resolutions",
)


@dataclass(frozen=True)
class UnmatchedCoding:
    """A coding of the other copy that could not be merged: its document is not here."""

    document: str
    code: str
    coder: str
    start: int
    end: int


@dataclass(frozen=True)
class MergeIssue:
    """Something of the other copy left out or left alone: ``item`` says what kind of thing
    (a code, a memo, an attribute...), ``where`` names it, ``detail`` says why."""

    item: str
    where: str
    detail: str


@dataclass(frozen=True)
class MergeReport:
    """A merge of ``other`` into this project (or, with ``dry_run``, what it would do).

    ``added`` and ``present`` count by the kinds in ``MERGED``; ``codebook``
    lists the steps of the codebook revision the merge made (codes created,
    renamed, moved), ``codebook_version`` its version.
    """

    other: str
    dry_run: bool = False
    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    missing_documents: tuple[str, ...] = ()
    unmatched_codings: tuple[UnmatchedCoding, ...] = ()
    unmatched: tuple[MergeIssue, ...] = ()
    conflicts: tuple[MergeIssue, ...] = ()
    codebook: tuple[str, ...] = ()
    codebook_version: int | None = None

    @property
    def nothing_added(self) -> bool:
        return not any(self.added.values())
