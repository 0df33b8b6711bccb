"""Merging another copy of the project into this one, as one undoable action.

Two analysts who coded separate copies bring their work together: the other
copy's codings, memos, cases and attributes come in where this project has
the same document (by the sha256 of its text), code (by GUID, else by path)
and coder (by name; a coder new here is added). What is here already is
never doubled: a coding is the same when document, code, coder, start and
end are, a memo when target, coder, title and text are. So running a merge
twice adds nothing the second time. Where the copies disagree (an attribute
with two values, a coding note written differently, a code renamed in both)
the local version stays and the report says so; a coding whose document is
not here is listed, never dropped silently.

Everything is one journal action of the merging coder: one undo takes the
whole merge back, new coders and the codebook revision included.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Case, Coder, Coding
from codebook.db.models import Resolution as ResolutionRow
from codebook.domain import AttributeType, AttributeValue
from codebook.domain.memos import MemoTarget
from codebook.domain.merging import MERGED, MergeIssue, MergeReport, UnmatchedCoding
from codebook.services.cases import record_link
from codebook.services.clock import now
from codebook.services.codebook.codes import code_ids_by_guid
from codebook.services.codebook.exchange import apply_import, plan_import, project_codebook
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import (
    attribute_types,
    document_attributes,
    documents_by_digest,
    set_attributes,
)
from codebook.services.journal import Recorder
from codebook.services.memos import MemoDraft, add_memos, list_memos
from codebook.services.merging.codebook import aliased, merge_codebooks
from codebook.services.merging.copy import OtherCopy, event_keys, placement_at

_TEXTUAL = {AttributeType.TEXT, AttributeType.CATEGORY}


@dataclass
class _Merge:
    """The state of one merge while it runs."""

    session: Session
    rec: Recorder
    other: OtherCopy
    documents: dict[str, int]  # sha256 -> local document id
    coders: dict[str, int]
    code_ids: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    added: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    unmatched_codings: list[UnmatchedCoding] = field(default_factory=list)
    unmatched: list[MergeIssue] = field(default_factory=list)
    conflicts: list[MergeIssue] = field(default_factory=list)

    def coder(self, name: str) -> int:
        """The local coder of that name, added (as part of the merge) when new here."""
        found = self.coders.get(name)
        if found is None:
            (found,) = self.rec.insert(Coder, [{"name": name, "created_at": now()}])
            self.coders[name] = found
            self.added["coders"] += 1
        return found

    def document_name(self, sha256: str) -> str:
        return self.other.documents.get(sha256, sha256[:12])

    def code_id(self, guid: str) -> int | None:
        return self.code_ids.get(aliased(self.aliases, guid))


def merge_copy(session: Session, merger: int, other: OtherCopy) -> MergeReport:
    """Bring ``other`` into this project as one journal action of ``merger``."""
    rec = Recorder(session, merger, "project.merge", f"merge '{other.label}'")
    local = documents_by_digest(session)
    state = _Merge(
        session,
        rec,
        other,
        {sha: doc_id for sha, (doc_id, _name) in local.items()},
        {name: i for i, name in session.execute(select(Coder.id, Coder.name))},
    )
    steps, version = _codebook(state)
    _codings(state)
    _memos(state)
    _cases(state)
    _attributes(state)
    _resolutions(state)
    rec.finish(event_version=version)
    missing = sorted(
        (name for sha, name in other.documents.items() if sha not in state.documents),
        key=str.casefold,
    )
    return MergeReport(
        other=other.label,
        added={k: state.added[k] for k in MERGED},
        present={k: state.present[k] for k in MERGED},
        missing_documents=tuple(missing),
        unmatched_codings=tuple(state.unmatched_codings),
        unmatched=tuple(state.unmatched),
        conflicts=tuple(state.conflicts),
        codebook=tuple(steps),
        codebook_version=version,
    )


# --------------------------------------------------------------------------- codebook


def _codebook(state: _Merge) -> tuple[list[str], int | None]:
    """The other copy's new codes, renames and moves as one revision; its steps and version."""
    session = state.session
    ours = event_keys(session)
    shared = 0
    for mine, theirs in zip(ours, state.other.events, strict=False):
        if mine != theirs:
            break
        shared = mine[0]
    base = placement_at(session, shared) if shared else None
    local = project_codebook(session, include_retired=True)
    merged = merge_codebooks(local, state.other.codebook, base)
    state.aliases = merged.aliases
    state.conflicts.extend(merged.conflicts)
    state.added.update(codes=merged.added, renamed_codes=merged.renamed, moved_codes=merged.moved)
    state.present["codes"] = sum(1 for _ in state.other.paths) - merged.added
    plan = plan_import(session, merged.spec, with_meta=False)
    steps: list[str] = []
    version = None
    if not plan.is_empty:
        steps = plan.lines()
        revision = apply_import(
            session,
            state.rec.coder_id,
            merged.spec,
            with_meta=False,
            reason=f"merged from {state.other.label}",
            source=state.other.label,
            recorder=state.rec,
        )
        version = revision.version
    state.code_ids = code_ids_by_guid(session)
    return steps, version


# --------------------------------------------------------------------------- codings


def _codings(state: _Merge) -> None:
    session = state.session
    existing = {
        (doc, code, coder, start, end): (coding_id, note)
        for coding_id, doc, code, coder, start, end, note in session.execute(
            select(
                Coding.id,
                Coding.document_id,
                Coding.code_id,
                Coding.coder_id,
                Coding.start,
                Coding.end,
                Coding.note,
            )
        )
    }
    new: dict[int, list[NewCoding]] = {}
    for coding in state.other.codings:
        sha = state.other.digests[coding.document_id]
        document = state.documents.get(sha)
        code = state.code_id(coding.code_guid)
        if document is None or code is None:
            state.unmatched_codings.append(
                UnmatchedCoding(
                    state.document_name(sha),
                    state.other.paths.get(coding.code_guid.lower(), coding.code_guid),
                    coding.coder,
                    coding.start,
                    coding.end,
                )
            )
            continue
        coder = state.coder(coding.coder)
        found = existing.get((document, code, coder, coding.start, coding.end))
        if found is None:
            new.setdefault(coder, []).append(
                NewCoding(document, code, coding.start, coding.end, coding.note, coding.created_at)
            )
            continue
        state.present["codings"] += 1
        _note(state, found, coding.note, f"{state.document_name(sha)} {coding.start}-{coding.end}")
    for coder, items in new.items():
        ids = apply_codings(session, coder, items, recorder=state.rec, allow_retired=True)
        state.added["codings"] += len(ids)
        state.present["codings"] += len(items) - len(ids)


def _note(state: _Merge, found: tuple[int, str | None], note: str | None, where: str) -> None:
    """A coding here already: its note comes over when it has none here."""
    coding_id, local = found
    if not note or note == local:
        return
    if local:
        state.conflicts.append(
            MergeIssue("coding note", where, "written differently in the other copy; kept here")
        )
        return
    state.rec.update(Coding, [coding_id], {"note": note})
    state.added["coding_notes"] += 1


# --------------------------------------------------------------------------- memos


def _memos(state: _Merge) -> None:
    session = state.session
    existing = {(m.target.kind, m.target.id, m.coder, m.title, m.text) for m in list_memos(session)}
    drafts: list[MemoDraft] = []
    for memo in state.other.memos:
        target = _memo_target(state, memo.kind, memo.target)
        if target is None:
            where = state.document_name(memo.target or "") if memo.kind == "document" else ""
            state.unmatched.append(
                MergeIssue(
                    "memo",
                    memo.title or memo.text[:40],
                    f"on a {memo.kind} {where}".strip() + " not in this project",
                )
            )
            continue
        key = (target.kind, target.id, memo.coder, memo.title, memo.text)
        if key in existing:
            state.present["memos"] += 1
            continue
        existing.add(key)
        drafts.append(
            MemoDraft(
                target,
                memo.text,
                memo.title,
                written=memo.created_at,
                author=state.coder(memo.coder),
            )
        )
    if drafts:
        add_memos(session, state.rec.coder_id, drafts, "merge memos", recorder=state.rec)
        state.added["memos"] += len(drafts)


def _memo_target(state: _Merge, kind: str, target: str | None) -> MemoTarget | None:
    if kind == "project":
        return MemoTarget("project", None, "")
    if kind == "document" and target is not None and target in state.documents:
        return MemoTarget("document", state.documents[target], "")
    if kind == "code" and target is not None:
        code = state.code_id(target)
        return None if code is None else MemoTarget("code", code, "")
    return None


# --------------------------------------------------------------------------- cases, attributes


def _cases(state: _Merge) -> None:
    session = state.session
    known = set(session.scalars(select(Case.name)))
    for case, sha, speaker in state.other.case_links:
        document = state.documents.get(sha)
        if document is None:
            state.unmatched.append(
                MergeIssue("case link", case, f"to '{state.document_name(sha)}', not here")
            )
            continue
        if record_link(session, state.rec, case, document, speaker):
            state.added["case_links"] += 1
        else:
            state.present["case_links"] += 1
        if case not in known:
            known.add(case)
            state.added["cases"] += 1


def _attributes(state: _Merge) -> None:
    session = state.session
    types = attribute_types(session)
    values = document_attributes(session)
    for sha, attributes in state.other.attributes.items():
        document = state.documents.get(sha)
        name = state.document_name(sha)
        if document is None:
            state.unmatched.append(MergeIssue("attributes", name, "of a document not here"))
            continue
        here = values.get(document, {})
        wanted: dict[str, tuple[AttributeType, AttributeValue]] = {}
        for attribute, (kind, value) in attributes.items():
            local_kind = types.get(attribute)
            if local_kind is not None and local_kind != kind and {local_kind, kind} - _TEXTUAL:
                state.conflicts.append(
                    MergeIssue(
                        "attribute",
                        f"{name}: {attribute}",
                        f"{kind.value} in the other copy, {local_kind.value} here; kept here",
                    )
                )
            elif attribute not in here:
                wanted[attribute] = (kind, value)
            elif here[attribute] == value:
                state.present["attributes"] += 1
            else:
                state.conflicts.append(
                    MergeIssue(
                        "attribute",
                        f"{name}: {attribute}",
                        f"'{value}' in the other copy, '{here[attribute]}' here; kept here",
                    )
                )
        if wanted:
            set_attributes(session, state.rec.coder_id, document, wanted, recorder=state.rec)
            state.added["attributes"] += len(wanted)


# --------------------------------------------------------------------------- resolutions


def _resolutions(state: _Merge) -> None:
    """The other copy's settled disagreements: the reference coder's codings came with the
    codings; this brings the decisions, so the queue shows those units as settled here too."""
    session = state.session
    for found in state.other.resolutions:
        document = state.documents.get(found.sha256)
        code = state.code_id(found.guid)
        if document is None or code is None:
            what = state.other.paths.get(found.guid, found.guid)
            where = f"in '{state.document_name(found.sha256)}'"
            why = "a document not here" if document is None else "a code not here"
            state.unmatched.append(MergeIssue("resolution", what, f"{where}: {why}"))
            continue
        reference = state.coder(found.reference)
        exists = session.scalar(
            select(ResolutionRow.id).where(
                ResolutionRow.document_id == document,
                ResolutionRow.code_id == code,
                ResolutionRow.start == found.start,
                ResolutionRow.end == found.end,
                ResolutionRow.reference_id == reference,
            )
        )
        if exists is not None:
            state.present["resolutions"] += 1
            continue
        state.rec.insert(
            ResolutionRow,
            [
                {
                    "document_id": document,
                    "code_id": code,
                    "start": found.start,
                    "end": found.end,
                    "reference_id": reference,
                    "kind": found.kind,
                    "detail": found.detail,
                    "note": found.note,
                    "decided_by": state.coder(found.decided_by),
                    "created_at": found.created_at,
                }
            ],
        )
        state.added["resolutions"] += 1
