"""Another copy of a project, read whole in one read transaction and held as plain values.

The merge then runs in this project's write transaction without the other
copy open, and everything in it is named the way two copies can agree on:
documents by the sha256 of their text, codes by GUID, coders by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from codebook.db.models import (
    Case,
    CaseDocument,
    Code,
    CodebookEvent,
    Coder,
    Document,
    Memo,
    Resolution,
)
from codebook.domain import AttributeType, AttributeValue, CodebookSpec
from codebook.services.codebook.codes import load_code_tree
from codebook.services.codebook.exchange import project_codebook
from codebook.services.coding import CodingRecord, all_codings
from codebook.services.documents import attribute_types, document_attributes

#: A codebook revision as both copies would have logged it before they were separated.
EventKey = tuple[int, str, str, str]
#: Each code's name and its parent's GUID (None at the top), by lower-case GUID.
Placement = dict[str, tuple[str, str | None]]


@dataclass(frozen=True)
class CopyMemo:
    """A memo of the other copy, its target named by document sha256 or code GUID."""

    kind: str
    target: str | None
    coder: str
    title: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class CopyResolution:
    """A settled disagreement of the other copy, by document sha256, code GUID and coder names."""

    sha256: str
    guid: str
    start: int
    end: int
    reference: str
    kind: str
    detail: str
    note: str
    decided_by: str
    created_at: datetime


@dataclass(frozen=True)
class OtherCopy:
    """Everything of the other copy that a merge brings in."""

    label: str
    documents: dict[str, str]  # sha256 -> name
    digests: dict[int, str]  # the other copy's document id -> sha256
    codebook: CodebookSpec
    paths: dict[str, str]  # lower-case code GUID -> path
    codings: list[CodingRecord]
    memos: list[CopyMemo]
    case_links: list[tuple[str, str, str | None]]  # case, document sha256, speaker
    attributes: dict[str, dict[str, tuple[AttributeType, AttributeValue]]]  # by sha256
    events: list[EventKey]
    resolutions: list[CopyResolution]


def read_copy(session: Session, label: str) -> OtherCopy:
    """The other copy as plain values (``label`` names it in the report)."""
    digests = {i: sha for i, sha in session.execute(select(Document.id, Document.sha256))}
    names = {sha: name for sha, name in session.execute(select(Document.sha256, Document.name))}
    types = attribute_types(session)
    attributes = {
        digests[doc]: {name: (types[name], value) for name, value in values.items()}
        for doc, values in document_attributes(session).items()
    }
    links = session.execute(
        select(Case.name, CaseDocument.document_id, CaseDocument.speaker).join(
            CaseDocument, CaseDocument.case_id == Case.id
        )
    )
    return OtherCopy(
        label=label,
        documents=names,
        digests=digests,
        codebook=project_codebook(session, include_retired=True),
        paths=code_paths(session),
        codings=all_codings(session),
        memos=_memos(session, digests),
        case_links=[(case, digests[doc], speaker) for case, doc, speaker in links],
        attributes=attributes,
        events=event_keys(session),
        resolutions=_resolutions(session, digests),
    )


def _resolutions(session: Session, digests: dict[int, str]) -> list[CopyResolution]:
    decider = aliased(Coder)
    rows = session.execute(
        select(
            Resolution.document_id,
            Code.guid,
            Resolution.start,
            Resolution.end,
            Coder.name,
            Resolution.kind,
            Resolution.detail,
            Resolution.note,
            decider.name,
            Resolution.created_at,
        )
        .join(Code, Code.id == Resolution.code_id)
        .join(Coder, Coder.id == Resolution.reference_id)
        .join(decider, decider.id == Resolution.decided_by)
        .order_by(Resolution.id)
    )
    return [CopyResolution(digests[doc], guid.lower(), *rest) for doc, guid, *rest in rows]


def code_paths(session: Session) -> dict[str, str]:
    """Every code's path (``Parent > Child``) by lower-case GUID."""
    paths = load_code_tree(session, include_retired=True).paths()
    guids = {i: g.lower() for i, g in session.execute(select(Code.id, Code.guid))}
    return {guids[i]: path for i, path in paths.items()}


def event_keys(session: Session) -> list[EventKey]:
    """The codebook revisions, oldest first, as what both copies share of them."""
    rows = session.execute(
        select(CodebookEvent.version, CodebookEvent.kind, CodebookEvent.created_at, Coder.name)
        .join(Coder, Coder.id == CodebookEvent.coder_id)
        .order_by(CodebookEvent.version)
    )
    return [(version, kind, when.isoformat(), coder) for version, kind, when, coder in rows]


def placement_at(session: Session, version: int) -> Placement:
    """Each code's name and parent GUID as the revision ``version`` left them."""
    snapshot: list[dict[str, Any]] = (
        session.scalar(select(CodebookEvent.snapshot).where(CodebookEvent.version == version)) or []
    )
    guids = {row["id"]: str(row["guid"]).lower() for row in snapshot}
    return {
        str(row["guid"]).lower(): (
            str(row["name"]),
            None if row["parent_id"] is None else guids.get(row["parent_id"]),
        )
        for row in snapshot
    }


def _memos(session: Session, digests: dict[int, str]) -> list[CopyMemo]:
    guids = {i: g.lower() for i, g in session.execute(select(Code.id, Code.guid))}
    rows = session.execute(
        select(Memo.target_kind, Memo.target_id, Coder.name, Memo.title, Memo.text, Memo.created_at)
        .join(Coder, Coder.id == Memo.coder_id)
        .order_by(Memo.created_at, Memo.id)
    )
    out = []
    for kind, target_id, coder, title, text, created in rows:
        target: str | None = None
        if kind == "document" and target_id is not None:
            target = digests.get(target_id)
        elif kind == "code" and target_id is not None:
            target = guids.get(target_id)
        out.append(CopyMemo(kind, target, coder, title, text, created))
    return out
