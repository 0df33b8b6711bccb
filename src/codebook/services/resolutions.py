"""Settling disagreements: the queue of units where coders differ, and their resolutions.

A resolution is one journal action of the acting coder (so ``z`` undoes it
like any other change) that writes the reference coder's codings for the unit
and a ``resolution`` row recording the decision. The disagreement comes from the caller as
a plain value, possibly read a while ago, so every coding it names is checked
against the database before anything is copied: a coding a colleague has
removed since is refused, never resurrected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coder, Coding, Document
from codebook.db.models import Resolution as ResolutionRow
from codebook.domain import CodebookError
from codebook.domain.agreement import AgreementRequest, Disagreement, UnitCoding
from codebook.domain.resolutions import (
    DEFAULT_REFERENCE,
    RESOLUTION_KINDS,
    DisagreementQueue,
    QueueItem,
    Resolution,
    ResolutionKind,
    ResolutionRequest,
    UnitKey,
)
from codebook.services.agreement.compute import agreement
from codebook.services.clock import now
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.journal import Recorder
from codebook.services.project_store import coder_id
from codebook.services.retrieval.coders import reference_coder


def reference_name(session: Session, given: str | None = None) -> str:
    """The reference coder resolutions write for: the one given, the project's, or consensus."""
    return (given or "").strip() or reference_coder(session) or DEFAULT_REFERENCE


def coders_with_codings(session: Session) -> list[str]:
    """The coders who have coded something, by name: the ones an agreement can compare."""
    return list(
        session.scalars(
            select(Coder.name)
            .where(select(Coding.id).where(Coding.coder_id == Coder.id).exists())
            .order_by(Coder.name)
        )
    )


class _Record(NamedTuple):
    id: int
    kind: ResolutionKind
    detail: str
    note: str


def _recorded(session: Session, reference_id: int | None) -> dict[UnitKey, _Record]:
    """The reference coder's recorded resolutions, by the unit each settles."""
    if reference_id is None:
        return {}
    rows = session.scalars(select(ResolutionRow).where(ResolutionRow.reference_id == reference_id))
    out: dict[UnitKey, _Record] = {}
    for row in rows:
        kind = next((known for known in RESOLUTION_KINDS if known == row.kind), None)
        if kind is not None:
            key = UnitKey(row.document_id, row.code_id, row.start, row.end)
            out[key] = _Record(row.id, kind, row.detail, row.note)
    return out


def _reference_codings(
    session: Session, reference_id: int | None, documents: Iterable[int]
) -> dict[int, list[UnitCoding]]:
    if reference_id is None:
        return {}
    rows = session.execute(
        select(Coding.id, Coding.code_id, Coding.document_id, Coding.start, Coding.end)
        .where(Coding.coder_id == reference_id, Coding.document_id.in_(set(documents)))
        .order_by(Coding.start, Coding.id)
    )
    out: dict[int, list[UnitCoding]] = {}
    name = session.scalar(select(Coder.name).where(Coder.id == reference_id)) or ""
    for coding_id, code_id, document_id, start, end in rows:
        out.setdefault(document_id, []).append(UnitCoding(coding_id, code_id, name, start, end))
    return out


def _resolution(
    key: UnitKey,
    record: _Record,
    reference: str,
    codings: Sequence[UnitCoding],
) -> Resolution:
    inside = tuple(c for c in codings if c.start < key.end and key.start < c.end)
    return Resolution(
        id=record.id,
        key=key,
        kind=record.kind,
        detail=record.detail,
        note=record.note,
        reference=reference,
        codings=inside,
    )


def _reference_id(session: Session, name: str) -> int | None:
    return session.scalar(select(Coder.id).where(Coder.name == name))


def disagreement_queue(
    session: Session, request: AgreementRequest, reference: str | None = None
) -> DisagreementQueue:
    """The agreement of ``request`` with each disagreement's texts, definition and resolution."""
    result = agreement(session, request, list_disagreements=True)
    name = reference_name(session, reference)
    ref_id = _reference_id(session, name)
    recorded = _recorded(session, ref_id)
    documents = {d.document_id for d in result.disagreements}
    texts: dict[int, str] = {
        doc_id: text
        for doc_id, text in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(documents))
        )
    }
    by_document = _reference_codings(session, ref_id, documents)
    codes = {d.code_id for d in result.disagreements}
    definitions = {
        code.id: code.brief_definition or code.full_definition
        for code in session.scalars(select(Code).where(Code.id.in_(codes)))
    }
    items = []
    for d in result.disagreements:
        text = texts.get(d.document_id, "")
        key = UnitKey.of(d)
        record = recorded.get(key)
        items.append(
            QueueItem(
                disagreement=d,
                text=text[d.start : d.end],
                coding_texts=tuple(text[c.start : c.end] for c in d.codings),
                definition=definitions.get(d.code_id, ""),
                resolution=None
                if record is None
                else _resolution(key, record, name, by_document.get(d.document_id, [])),
            )
        )
    return DisagreementQueue(result=result, reference=name, items=tuple(items))


def resolutions(session: Session, reference: str | None = None) -> list[Resolution]:
    """Every recorded resolution for the reference coder, by document and position."""
    name = reference_name(session, reference)
    ref_id = _reference_id(session, name)
    recorded = _recorded(session, ref_id)
    by_document = _reference_codings(session, ref_id, {k.document_id for k in recorded})
    return [
        _resolution(key, recorded[key], name, by_document.get(key.document_id, []))
        for key in sorted(recorded)
    ]


def _kept_codings(session: Session, d: Disagreement, coders: set[str]) -> list[Coding]:
    """The involved codings of ``coders``, each checked to be still as the queue saw it."""
    wanted = [c for c in d.codings if c.coder in coders]
    found = {
        c.id: c
        for c in session.scalars(select(Coding).where(Coding.id.in_([w.coding_id for w in wanted])))
    }
    for w in wanted:
        row = found.get(w.coding_id)
        if row is None or (row.start, row.end, row.code_id) != (w.start, w.end, w.code_id):
            raise CodebookError(
                "coding {coding} by {coder} has changed since the queue was read; reload it",
                coding=w.coding_id,
                coder=w.coder,
            )
    return [found[w.coding_id] for w in wanted]


def resolve(session: Session, acting: int, request: ResolutionRequest) -> Resolution:
    """Settle one disagreement as one undoable action of the acting coder."""
    d = request.disagreement
    name = reference_name(session, request.reference)
    if name in d.coded_by or name in d.not_coded_by:
        raise CodebookError(
            "'{coder}' is one of the compared coders; it cannot also settle them", coder=name
        )
    if session.get(Document, d.document_id) is None:
        raise CodebookError("unknown document {document}", document=d.document_id)
    key = UnitKey.of(d)
    ref_id = coder_id(session, name)
    if key in _recorded(session, ref_id):
        raise CodebookError(
            "this unit of '{document}' ({start}-{end}, '{code}') is already resolved",
            document=d.document,
            start=d.start,
            end=d.end,
            code=d.path,
        )
    note = request.note.strip()
    detail = ""
    items: list[NewCoding] = []
    if request.kind == "keep":
        keep = (request.coder or "").strip()
        if keep not in d.coded_by and keep not in d.not_coded_by:
            raise CodebookError(
                "'{coder}' is not one of the coders of this disagreement", coder=keep
            )
        detail = keep
        kept = _kept_codings(session, d, {keep})
        items = [NewCoding(d.document_id, c.code_id, c.start, c.end, note or None) for c in kept]
    elif request.kind == "both":
        kept = _kept_codings(session, d, set(d.coded_by))
        items = [NewCoding(d.document_id, c.code_id, c.start, c.end, note or None) for c in kept]
    elif request.kind == "recode":
        if request.recode_to is None or request.recode_to == "":
            raise CodebookError("recode needs the code to use instead")
        code = (
            session.get(Code, request.recode_to)
            if isinstance(request.recode_to, int)
            else resolve_code(session, request.recode_to)
        )
        if code is None:
            raise CodebookError("unknown code {ref}", ref=request.recode_to)
        detail = load_code_tree(session, include_retired=True).path(code.id)
        items = [NewCoding(d.document_id, code.id, d.start, d.end, note or None)]
    elif request.kind != "neither":
        raise CodebookError("unknown resolution '{kind}'", kind=request.kind)
    what = f"resolve '{d.path}' at {d.start}-{d.end} in '{d.document}': {request.kind}"
    rec = Recorder(session, acting, "resolution", what)
    apply_codings(session, ref_id, items, recorder=rec)
    (resolution_id,) = rec.insert(
        ResolutionRow,
        [
            {
                "document_id": d.document_id,
                "code_id": d.code_id,
                "start": d.start,
                "end": d.end,
                "reference_id": ref_id,
                "kind": request.kind,
                "detail": detail,
                "note": note,
                "decided_by": acting,
                "created_at": now(),
            }
        ],
    )
    rec.finish()
    record = _Record(resolution_id, request.kind, detail, note)
    codings = _reference_codings(session, ref_id, [d.document_id]).get(d.document_id, [])
    return _resolution(key, record, name, codings)
