"""Bringing a REFI-QDA project into a codebook project, as one undoable action.

Into an empty project everything comes in: codes with their GUIDs, sources as
documents, each selection's codings by the user who made them and when,
notes as memos, cases, and variables as document attributes. With ``into``,
an existing project gains only what it lacks: a document whose text is
already there (by sha256) is matched, not doubled, and gains only codings it
does not have; codes are matched by GUID, then by path, and only new ones
are added where the file has them.

Everything is recorded in one journal action of the importing coder, so one
undo takes the whole import back; codings and memos still keep the coder who
made them in the other tool. What cannot be taken (a selection outside its
text, a coding of an unknown code, a picture source) is skipped and said in
the report, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from codebook.domain import AttributeType, AttributeValue, CodebookError, ParsedTranscript
from codebook.domain.codebook import CodebookSpec, walk_codes
from codebook.domain.exchange import COUNTED, ExchangeReport, SkippedItem
from codebook.domain.memos import MemoTarget
from codebook.domain.transcripts import TurnSpan
from codebook.services.cases import record_link
from codebook.services.codebook.codes import code_ids_by_guid, load_code_tree
from codebook.services.codebook.exchange import apply_import, project_codebook
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import (
    DuplicateDocument,
    add_document,
    documents_by_digest,
    set_attributes,
    text_sha256,
)
from codebook.services.journal import Recorder
from codebook.services.memos import TITLE_MAX, MemoDraft, add_memos, list_memos
from codebook.services.project_store import coder_id, coder_name
from codebook.services.refi.check import check_import
from codebook.services.refi.gather import ATTRIBUTE_TYPE_PREFIX
from codebook.services.refi.graft import graft
from codebook.services.refi.model import RefiNote, RefiProject, RefiSource, RefiValue
from codebook.services.refi.offsets import Aligned
from codebook.services.refi.prepare import PreparedSource

Progress = Callable[[int, int], None]
_TYPES_BY_REFI = {
    "Text": AttributeType.TEXT,
    "Integer": AttributeType.NUMBER,
    "Float": AttributeType.NUMBER,
    "Date": AttributeType.DATE,
    "DateTime": AttributeType.DATE,
    "Boolean": AttributeType.TEXT,
}


@dataclass
class _Document:
    """A source as it landed: the document, its aligned text and turns."""

    id: int
    name: str
    aligned: Aligned
    turns: tuple[TurnSpan, ...]


@dataclass
class _Import:
    """The state of one import while it runs."""

    session: Session
    rec: Recorder
    importer: int
    refi: RefiProject
    prepared: Mapping[str, PreparedSource]
    into: bool
    language: str
    coders: dict[str, int] = field(default_factory=dict)
    code_ids: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    documents: dict[str, _Document] = field(default_factory=dict)
    selections: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    notes_used: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    skipped: list[SkippedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    countings: list[tuple[str, str]] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def skip(self, element: str, name: str, reason: str) -> None:
        self.skipped.append(SkippedItem(element, name, reason))

    def coder(self, user_guid: str | None) -> int:
        """The coder a user of the file became; the importer when the file names none."""
        return self.coders.get((user_guid or "").lower(), self.importer)


def apply_qdpx(
    session: Session,
    importer: int,
    refi: RefiProject,
    prepared: Mapping[str, PreparedSource],
    *,
    file: str,
    into: bool = False,
    check: bool = False,
    language: str = "nl",
    progress: Progress | None = None,
) -> ExchangeReport:
    """Import ``refi`` (read from ``file``, its sources ``prepared``) into the project; the
    report is also a memo.

    Without ``into`` the project must be empty: merging into work in progress
    is a decision the user makes explicitly. With ``check`` the project is
    compared with the file afterwards and every difference is in the report.
    """
    if not into and (documents_by_digest(session) or code_ids_by_guid(session)):
        raise CodebookError(
            "{file}: the project already holds documents or codes; "
            "import into it with --into, or into a new project",
            file=file,
        )
    rec = Recorder(session, importer, "project.import", f"import '{file}'")
    state = _Import(session, rec, importer, refi, prepared, into, language)
    for item in refi.skipped:
        state.skip(item.element, item.name, item.reason)
    state.warnings.extend(refi.warnings)
    version = _codebook(state, file)
    _users(state)
    _sources(state, progress)
    _codings(state)
    _attributes(state)
    _cases(state)
    _memos(state)
    report = ExchangeReport(
        direction="import",
        file=file,
        counts=dict(state.counts),
        skipped=tuple(state.skipped),
        warnings=tuple(state.warnings),
        countings=tuple(state.countings),
        checked=check,
        differences=tuple(
            check_import(
                session,
                refi,
                {guid: ready.aligned for guid, ready in prepared.items()},
                aliases=state.aliases,
                into=into,
                importer=coder_name(session, importer),
            )
        )
        if check
        else (),
    )
    memo = MemoDraft(MemoTarget("project", None, ""), "\n".join(report.lines()), _title(file))
    add_memos(session, importer, [memo], f"import '{file}'", recorder=rec)
    rec.finish(event_version=version)
    return report


def _title(file: str) -> str:
    title = f"Import of {file}"
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


# --------------------------------------------------------------------------- codebook


def _codebook(state: _Import, file: str) -> int | None:
    """Add the file's codes (all of them, or with ``into`` those the project lacks).

    Returns the codebook version the import made, if it made one.
    """
    session = state.session
    spec, aliases, added = _wanted_codebook(state)
    version = None
    if added:
        revision = apply_import(
            session, state.importer, spec, with_meta=False, source=file, recorder=state.rec
        )
        version = revision.version
    state.code_ids = code_ids_by_guid(session)
    state.aliases = aliases
    for incoming, existing in aliases.items():
        state.code_ids[incoming] = state.code_ids[existing]
    state.count("codes", added)
    return version


def _wanted_codebook(state: _Import) -> tuple[CodebookSpec, dict[str, str], int]:
    """The codebook to import, incoming GUIDs matched by path to the project's, and how many
    codes are new."""
    incoming = state.refi.codebook
    if not state.into:
        return incoming, {}, sum(1 for _ in walk_codes(incoming.codes))
    return graft(project_codebook(state.session, include_retired=True), incoming)


# --------------------------------------------------------------------------- users, sources


def _users(state: _Import) -> None:
    for user in state.refi.users:
        name = user.name.strip() or f"user {user.guid[:8]}"
        state.coders[user.guid.lower()] = coder_id(state.session, name)
        state.count("users")


def _sources(state: _Import, progress: Progress | None) -> None:
    session = state.session
    known = documents_by_digest(session)
    names = {name for _id, name in known.values()}
    sources = state.refi.sources
    for done, source in enumerate(sources, start=1):
        _source(state, source, known, names)
        if progress is not None:
            progress(done, len(sources))


def _source(
    state: _Import, source: RefiSource, known: dict[str, tuple[int, str]], names: set[str]
) -> None:
    ready = state.prepared[source.guid.lower()]
    aligned, turns = ready.aligned, ready.turns
    if not aligned.text.strip():
        state.skip(source.kind, source.name, "its text is empty")
        return
    if source.selections:
        state.countings.append((source.name, aligned.counting.describe()))
    digest = text_sha256(aligned.text)
    found = known.get(digest)
    if found is not None:
        doc_id, name = found
        if not state.into:
            state.skip(source.kind, source.name, f"same text as source '{name}'")
            state.documents[source.guid.lower()] = _Document(doc_id, name, aligned, turns)
            return
    else:
        name = _free_name(source.name or f"source {source.guid[:8]}", names)
        parsed = ParsedTranscript(text=aligned.text, turns=turns, source_format="qdpx")
        try:
            doc_id = add_document(
                state.session,
                state.importer,
                name,
                parsed,
                language=state.language,
                sentences=ready.sentences,
                recorder=state.rec,
            )
        except DuplicateDocument as exc:  # pragma: no cover - ruled out by the digest lookup
            raise CodebookError(
                "{name}: same text as document '{existing}', already imported",
                name=name,
                existing=exc.existing,
            ) from exc
        known[digest] = (doc_id, name)
        names.add(name)
        state.count("sources")
    state.documents[source.guid.lower()] = _Document(doc_id, name, aligned, turns)


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``...: document names are unique in a project."""
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


# --------------------------------------------------------------------------- codings


def _codings(state: _Import) -> None:
    notes = {note.guid.lower(): note for note in state.refi.notes}
    by_coder: dict[int, list[NewCoding]] = {}
    for source in state.refi.sources:
        document = state.documents.get(source.guid.lower())
        if document is None:
            continue
        for selection, span in zip(source.selections, document.aligned.ranges, strict=True):
            where = f"{document.name} {selection.start}-{selection.end}"
            if span is None:
                state.skip("PlainTextSelection", where, "lies outside the source's text")
                continue
            state.selections[selection.guid.lower()] = (source.guid.lower(), *span)
            for coding in selection.codings:
                code_id = state.code_ids.get(coding.code_guid.lower())
                if code_id is None:
                    state.skip("Coding", where, f"refers to an unknown code {coding.code_guid}")
                    continue
                attached = (*coding.note_guids, *selection.note_guids)
                item = NewCoding(
                    document.id,
                    code_id,
                    span[0],
                    span[1],
                    _note_text(state, notes, attached),
                    coding.created or selection.created,
                )
                by_coder.setdefault(
                    state.coder(coding.user_guid or selection.user_guid), []
                ).append(item)
    for coder, items in by_coder.items():
        new = apply_codings(state.session, coder, items, recorder=state.rec, allow_retired=True)
        state.count("codings", len(new))


def _note_text(state: _Import, notes: dict[str, RefiNote], guids: Sequence[str]) -> str | None:
    """The text of the notes on a coding, joined (a coding has one memo here)."""
    texts = []
    for guid in guids:
        note = notes.get(guid.lower())
        if note is not None and note.text.strip():
            texts.append(note.text.strip())
            state.notes_used.add(guid.lower())
    return "\n\n".join(dict.fromkeys(texts)) or None


# --------------------------------------------------------------------------- attributes, cases


def _attributes(state: _Import) -> None:
    variables = {v.guid.lower(): v for v in state.refi.variables}
    state.count("variables", len(variables))
    for source in state.refi.sources:
        document = state.documents.get(source.guid.lower())
        if document is None or not source.values:
            continue
        values: dict[str, tuple[AttributeType, AttributeValue]] = {}
        for value in source.values:
            variable = variables.get(value.variable_guid.lower())
            if variable is None:
                state.skip("VariableValue", document.name, "refers to an unknown variable")
                continue
            values[variable.name] = _typed(variable.kind, variable.description, value)
        if values:
            set_attributes(state.session, state.importer, document.id, values, recorder=state.rec)
    if any(case.values for case in state.refi.cases):
        state.warnings.append(
            "values of variables on cases were not imported: codebook keeps attributes on documents"
        )


def _typed(kind: str, description: str, value: RefiValue) -> tuple[AttributeType, AttributeValue]:
    """A variable's value as a codebook attribute, in codebook's own type when it was ours."""
    declared = description.strip()
    attribute = _TYPES_BY_REFI.get(kind, AttributeType.TEXT)
    if declared.startswith(ATTRIBUTE_TYPE_PREFIX):
        attribute = AttributeType(declared.removeprefix(ATTRIBUTE_TYPE_PREFIX).strip())
    raw = value.value
    if (
        attribute is AttributeType.NUMBER
        and isinstance(raw, int | float)
        and not isinstance(raw, bool)
    ):
        return attribute, float(raw)
    if attribute is AttributeType.DATE and isinstance(raw, date):
        return attribute, raw.date() if isinstance(raw, datetime) else raw
    if isinstance(raw, bool):
        return AttributeType.TEXT, "true" if raw else "false"
    text = raw.isoformat() if isinstance(raw, date) else str(raw)
    return (attribute if attribute is AttributeType.CATEGORY else AttributeType.TEXT), text


def _cases(state: _Import) -> None:
    for case in state.refi.cases:
        name = case.name.strip() or f"case {case.guid[:8]}"
        linked = False
        for guid in case.source_guids:
            document = state.documents.get(guid.lower())
            if document is None:
                state.skip("SourceRef", name, "refers to a source that was not imported")
                continue
            linked |= record_link(state.session, state.rec, name, document.id, None)
        for document, speaker in _speaker_links(state, name, case.selection_guids):
            linked |= record_link(state.session, state.rec, name, document.id, speaker)
        if linked:
            state.count("cases")


def _speaker_links(
    state: _Import, case: str, selections: Sequence[str]
) -> list[tuple[_Document, str | None]]:
    """What a case's selections cover, per document: one speaker's turns, else the document."""
    speakers: dict[str, set[str | None]] = {}
    for guid in selections:
        found = state.selections.get(guid.lower())
        if found is None:
            state.skip("SelectionRef", case, "refers to a selection that was not imported")
            continue
        source, start, end = found
        document = state.documents[source]
        spoken = {t.speaker for t in document.turns if t.start < end and start < t.end}
        speakers.setdefault(source, set()).update(spoken or {None})
    out: list[tuple[_Document, str | None]] = []
    for source, found_speakers in speakers.items():
        document = state.documents[source]
        if len(found_speakers) == 1 and None not in found_speakers:
            out.append((document, found_speakers.pop()))
            continue
        state.warnings.append(
            f"case '{case}': its selections in '{document.name}' are not one speaker's turns; "
            "linked to the whole document"
        )
        out.append((document, None))
    return out


# --------------------------------------------------------------------------- memos


def _memos(state: _Import) -> None:
    """Notes on the project, a code or a source become memos there; a note on nothing codebook
    keeps becomes a memo on the project, with a warning."""
    session = state.session
    paths = load_code_tree(session, include_retired=True).paths()
    targets: dict[str, MemoTarget] = {}
    for guid in state.refi.project_notes:
        targets.setdefault(guid.lower(), MemoTarget("project", None, ""))
    for code_guid, guids in state.refi.code_notes.items():
        code_id = state.code_ids.get(code_guid.lower())
        if code_id is None:
            continue
        for guid in guids:
            targets.setdefault(guid.lower(), MemoTarget("code", code_id, paths.get(code_id, "")))
    for source in state.refi.sources:
        document = state.documents.get(source.guid.lower())
        if document is None:
            continue
        for guid in source.note_guids:
            targets.setdefault(guid.lower(), MemoTarget("document", document.id, document.name))
    existing = {(m.target.kind, m.target.id, m.text) for m in list_memos(session)}
    drafts = []
    for note in state.refi.notes:
        guid = note.guid.lower()
        if guid in state.notes_used or not note.text.strip():
            continue
        target = targets.get(guid)
        if target is None:
            state.warnings.append(
                f"note '{note.name or note.guid}' is on nothing codebook keeps; "
                "imported as a memo on the project"
            )
            target = MemoTarget("project", None, "")
        text = note.text.strip()
        if (target.kind, target.id, text) in existing:
            continue
        title = " ".join(note.name.split())[:TITLE_MAX]
        author = state.coder(note.user_guid)
        drafts.append(MemoDraft(target, text, title, written=note.created, author=author))
    if drafts:
        add_memos(session, state.importer, drafts, "import memos", recorder=state.rec)
    state.count("notes", len(drafts) + len(state.notes_used))
