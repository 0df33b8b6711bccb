"""A whole project as a REFI-QDA model, read through the services, with stable GUIDs.

Only codes have GUIDs of their own in a project. Everything else gets one
derived from what it is (``model.derived_guid``), never from database ids or
the time of the export: a document's from the sha256 of its text, a coding's
from its document, code, coder and range, a memo's from its target, author
and creation time. So two exports of an unchanged project give the same
GUIDs, and a project exported, imported elsewhere (or into a fresh project)
and exported again gives the same GUIDs too: that is what lets the round-trip
check and other tools match items one by one.

Offsets are ours already: code points into the stored, normalized text, end
exclusive, which is the REFI-QDA convention.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from codebook import __version__
from codebook.domain import AttributeType, AttributeValue, CodeSpec
from codebook.domain.cases import CaseLink, CaseRow
from codebook.domain.memos import MemoView
from codebook.gc_pause import gc_paused
from codebook.services.cases import list_cases, speaker_turns
from codebook.services.codebook.codes import code_ids_by_guid
from codebook.services.codebook.exchange import project_codebook
from codebook.services.coding import CodingRecord, all_codings
from codebook.services.documents import (
    StoredText,
    attribute_types,
    document_attributes,
    stored_texts,
)
from codebook.services.memos import list_memos
from codebook.services.note_history import note_times
from codebook.services.project_store import coder_names, first_coder, meta
from codebook.services.refi.model import (
    RefiCase,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiValue,
    RefiVariable,
    derived_guid,
)

#: How a variable's description names codebook's own attribute type, so that an
#: import restores a category as a category (REFI-QDA only knows Text for both).
ATTRIBUTE_TYPE_PREFIX = "codebook type: "
#: The REFI-QDA variable type each attribute type is written as.
REFI_TYPES: dict[AttributeType, str] = {
    AttributeType.TEXT: "Text",
    AttributeType.CATEGORY: "Text",
    AttributeType.NUMBER: "Float",
    AttributeType.DATE: "Date",
}
#: The target part of a memo on the project as a whole, in its derived GUID.
PROJECT_TARGET = "project"


@dataclass
class _Notes:
    """The notes gathered so far, and the GUIDs of the notes on each target by the target's
    GUID (``PROJECT_TARGET`` for the project; codes, sources and codings have their own)."""

    notes: list[RefiNote] = field(default_factory=list)
    on: dict[str, list[str]] = field(default_factory=dict)

    def add(self, note: RefiNote, target: str) -> None:
        self.notes.append(note)
        self.on.setdefault(target, []).append(note.guid)


def gather_project(session: Session) -> RefiProject:
    """The project as a REFI-QDA model: users, codebook, sources with every coding, memos,
    cases and attributes. Retired codes are included, so their codings keep a code."""
    with gc_paused():
        users = {name: RefiUser(derived_guid("user", name), name) for name in coder_names(session)}
        codebook = project_codebook(session, include_retired=True)
        documents = stored_texts(session)
        source_guids = {d.id: derived_guid("source", d.sha256) for d in documents}
        codings = all_codings(session)
        coding_guids = {c.id: _coding_guid(c, source_guids[c.document_id]) for c in codings}
        warnings: list[str] = []
        notes = _Notes()
        _coding_notes(session, codings, coding_guids, users, notes)
        _memos(session, users, source_guids, coding_guids, notes, warnings)
        selections = _coding_selections(codings, coding_guids, source_guids, users, notes)
        cases = _cases(list_cases(session), speaker_turns(session), documents, source_guids)
        for _case, turns in cases:
            for source_guid, turn in turns:
                selections.setdefault(source_guid, []).append(turn)
        variables, values = _variables(session, documents, source_guids, warnings)
        sources = tuple(
            _source(d, source_guids[d.id], selections, values, notes) for d in documents
        )
        first = first_coder(session)
        return RefiProject(
            name=meta(session, "name"),
            codebook=codebook,
            users=tuple(users.values()),
            sources=sources,
            notes=tuple(notes.notes),
            cases=tuple(case for case, _ in cases),
            variables=variables,
            code_notes=_code_notes(codebook.codes, notes),
            project_notes=tuple(notes.on.get(PROJECT_TARGET, ())),
            origin=f"codebook {__version__}",
            warnings=tuple(warnings),
            created=_created(meta(session, "created_at")),
            user_guid=None if first is None else users[first].guid,
        )


def _created(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _code_notes(codes: Iterable[CodeSpec], notes: _Notes) -> dict[str, tuple[str, ...]]:
    """The notes on each code, by the code's GUID as the codebook spells it (memos found
    their code by the lower-case GUID that ``code_ids_by_guid`` gives)."""
    out: dict[str, tuple[str, ...]] = {}
    for code in codes:
        if code.guid is not None and code.guid.lower() in notes.on:
            out[code.guid] = tuple(notes.on[code.guid.lower()])
        out.update(_code_notes(code.children, notes))
    return out


def _coding_guid(coding: CodingRecord, source_guid: str) -> str:
    """What makes a coding unique in a project: its document, code, coder and range."""
    return derived_guid(
        "coding", source_guid, coding.code_guid, coding.coder, coding.start, coding.end
    )


# --------------------------------------------------------------------------- notes


def _memos(
    session: Session,
    users: dict[str, RefiUser],
    source_guids: dict[int, str],
    coding_guids: dict[int, str],
    notes: _Notes,
    warnings: list[str],
) -> None:
    """Every memo as a note on what it was written on.

    A memo's GUID comes from its target's GUID, its author and when it was
    written (with a count for memos that share all three), so it survives an
    import elsewhere and a new export, unlike the memo's number.
    """
    code_guids = {code_id: guid for guid, code_id in code_ids_by_guid(session).items()}
    seen: Counter[tuple[str, str, str]] = Counter()
    for memo in list_memos(session):
        target = _memo_target(memo, code_guids, source_guids, coding_guids)
        if target is None:
            warnings.append(
                f"memo {memo.id} is on a {memo.target.kind} that is gone; "
                "exported as a note on the project"
            )
            target = PROJECT_TARGET
        key = (target, memo.coder, memo.created_at.isoformat())
        note = RefiNote(
            guid=derived_guid("memo", *key, seen[key]),
            name=memo.title,
            text=memo.text,
            user_guid=users[memo.coder].guid,
            created=memo.created_at,
            modified=memo.updated_at if memo.edited else None,
        )
        seen[key] += 1
        notes.add(note, target)


def _memo_target(
    memo: MemoView,
    code_guids: dict[int, str],
    source_guids: dict[int, str],
    coding_guids: dict[int, str],
) -> str | None:
    """The GUID of what the memo is on (``project`` for the project); None when it is gone."""
    target = memo.target
    if target.kind == "project":
        return PROJECT_TARGET
    found = {"code": code_guids, "document": source_guids, "coding": coding_guids}.get(target.kind)
    if found is None or target.id is None:
        return None
    return found.get(target.id)


def _coding_notes(
    session: Session,
    codings: list[CodingRecord],
    coding_guids: dict[int, str],
    users: dict[str, RefiUser],
    notes: _Notes,
) -> None:
    """Each coding's memo as a note of the coding's coder, dated by the undo journal when it
    was written after the coding (``services.note_history``)."""
    times = note_times(session, {c.id for c in codings if c.note})
    for coding in codings:
        if not coding.note:
            continue
        target = coding_guids[coding.id]
        written, edited = times.get(coding.id, (None, None))
        created = written or coding.created_at
        note = RefiNote(
            guid=derived_guid("note", target),
            name="",
            text=coding.note,
            user_guid=users[coding.coder].guid,
            created=created,
            modified=edited if edited is not None and edited != created else None,
        )
        notes.add(note, target)


# --------------------------------------------------------------------------- sources


def _coding_selections(
    codings: list[CodingRecord],
    coding_guids: dict[int, str],
    source_guids: dict[int, str],
    users: dict[str, RefiUser],
    notes: _Notes,
) -> dict[str, list[RefiSelection]]:
    """One selection per coding, holding that coding, by source GUID."""
    out: dict[str, list[RefiSelection]] = {}
    for c in codings:
        guid = coding_guids[c.id]
        user = users[c.coder].guid
        coding = RefiCoding(guid, c.code_guid, user, c.created_at, tuple(notes.on.get(guid, ())))
        selection = RefiSelection(
            derived_guid("selection", guid), c.start, c.end, (coding,), user, c.created_at
        )
        out.setdefault(source_guids[c.document_id], []).append(selection)
    return out


def _source(
    document: StoredText,
    guid: str,
    selections: dict[str, list[RefiSelection]],
    values: dict[str, tuple[RefiValue, ...]],
    notes: _Notes,
) -> RefiSource:
    found = sorted(selections.get(guid, ()), key=lambda s: (s.start, s.end, s.guid))
    return RefiSource(
        guid=guid,
        name=document.name,
        text=document.text,
        selections=tuple(found),
        values=values.get(guid, ()),
        note_guids=tuple(notes.on.get(guid, ())),
        created=document.imported_at,
    )


# --------------------------------------------------------------------------- cases, variables


def _cases(
    rows: list[CaseRow],
    turns: dict[CaseLink, list[tuple[int, int]]],
    documents: list[StoredText],
    source_guids: dict[int, str],
) -> list[tuple[RefiCase, list[tuple[str, RefiSelection]]]]:
    """Each case, and the turn selections its speaker links need (by source GUID).

    A link to a whole document is a SourceRef; a link to one speaker is a
    SelectionRef to each of that speaker's turns, which are uncoded selections
    of their own (shared when two cases link the same speaker).
    """
    by_name = {d.name: source_guids[d.id] for d in documents}
    made: set[str] = set()
    out: list[tuple[RefiCase, list[tuple[str, RefiSelection]]]] = []
    for row in rows:
        sources: list[str] = []
        selected: list[str] = []
        new: list[tuple[str, RefiSelection]] = []
        for link in row.links:
            source = by_name[link.document]
            if link.speaker is None:
                sources.append(source)
                continue
            for start, end in turns.get(link, ()):
                guid = derived_guid("turn", source, start, end)
                selected.append(guid)
                if guid not in made:
                    made.add(guid)
                    new.append((source, RefiSelection(guid, start, end)))
        case = RefiCase(
            derived_guid("case", row.name),
            row.name,
            source_guids=tuple(sources),
            selection_guids=tuple(selected),
        )
        out.append((case, new))
    return out


def _variables(
    session: Session,
    documents: list[StoredText],
    source_guids: dict[int, str],
    warnings: list[str],
) -> tuple[tuple[RefiVariable, ...], dict[str, tuple[RefiValue, ...]]]:
    """One variable per attribute, typed, and each source's values (by source GUID)."""
    types = attribute_types(session)
    variables = tuple(
        RefiVariable(
            derived_guid("variable", name),
            name,
            REFI_TYPES[kind],
            f"{ATTRIBUTE_TYPE_PREFIX}{kind.value}",
        )
        for name, kind in types.items()
    )
    guids = {v.name: v.guid for v in variables}
    by_document = document_attributes(session)
    values: dict[str, tuple[RefiValue, ...]] = {}
    for document in documents:
        found: list[RefiValue] = []
        for name, value in sorted(by_document.get(document.id, {}).items()):
            if not _writable(types[name], value):
                warnings.append(
                    f"attribute '{name}' of '{document.name}': {value!r} is not a "
                    f"{types[name].value} REFI-QDA can hold; left out"
                )
                continue
            found.append(RefiValue(guids[name], value))
        if found:
            values[source_guids[document.id]] = tuple(found)
    return variables, values


def _writable(kind: AttributeType, value: AttributeValue) -> bool:
    """A value of its attribute's type that REFI-QDA can hold: a number must be a finite
    decimal (SQLite keeps NaN as no number at all), a date a date."""
    if kind is AttributeType.NUMBER:
        return isinstance(value, float) and math.isfinite(value)
    if kind is AttributeType.DATE:
        return isinstance(value, date)
    return True
