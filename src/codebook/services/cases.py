"""Cases: the units of analysis (a participant, a school) that codings are counted by.

A case is linked to whole documents, or to one speaker in a document: a focus
group with four participants is one transcript but four cases, and the code x
case matrix (``services.analysis``) gives each only its own speaker's codings.
Every change is one action in the undo journal. An import links its new
document inside the action that adds it (``record_link``), so undoing the
import takes the links with it. Unlinking a case's last link deletes the
case in the same action, so cases that count nothing do not pile up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Case, CaseDocument, Document, Turn
from codebook.domain import CodebookError, TurnSpan
from codebook.domain.cases import CaseLink, CaseRow
from codebook.services.journal import Recorder

NAME_MAX = 200  # the width of ``case.name``


def clean_case_name(name: str) -> str:
    """The name as stored; refuses names that would make an unreadable matrix column."""
    cleaned = name.strip()
    if not cleaned:
        raise CodebookError("a case needs a name")
    if "\n" in cleaned or "\r" in cleaned:
        raise CodebookError("a case name is one line")
    if len(cleaned) > NAME_MAX:
        raise CodebookError(
            "a case name is at most {limit} characters, not {length}",
            limit=NAME_MAX,
            length=len(cleaned),
        )
    return cleaned


def participants(speakers: Iterable[str | None]) -> list[str]:
    """Distinct speakers in order of first turn, without the interviewer or moderator."""
    # imported here: the importing package is not needed to open a project (the TUI's start)
    from codebook.services.importing.speakers import is_interviewing_role

    seen: dict[str, None] = {}
    for speaker in speakers:
        if speaker and not is_interviewing_role(speaker):
            seen.setdefault(speaker)
    return list(seen)


def new_document_links(
    turns: Sequence[TurnSpan], cases: Sequence[str], speaker_cases: bool
) -> list[tuple[str, str | None]]:
    """(case, speaker) links an import makes: each named case for the whole
    document, then with ``speaker_cases`` each participant for their own turns."""
    links: list[tuple[str, str | None]] = [(name, None) for name in cases]
    if speaker_cases:
        links.extend((speaker, speaker) for speaker in participants(t.speaker for t in turns))
    return links


def record_link(
    session: Session, rec: Recorder, case_name: str, document_id: int, speaker: str | None
) -> bool:
    """Link inside an action already being recorded, creating the case when it is new.

    Shared by ``link_case`` and the import, so both reuse an existing case the
    same way. Returns False when the link already existed.
    """
    name = clean_case_name(case_name)
    case_id = session.scalar(select(Case.id).where(Case.name == name))
    if case_id is None:
        (case_id,) = rec.insert(Case, [{"name": name}])
    elif _link_id(session, case_id, document_id, speaker) is not None:
        return False
    rec.insert(CaseDocument, [{"case_id": case_id, "document_id": document_id, "speaker": speaker}])
    return True


def link_case(
    session: Session, coder_id: int, case_name: str, document_id: int, speaker: str | None = None
) -> bool:
    """Link a case to a document, or to one of its speakers, as one undoable action.

    Returns False (and records nothing) when the link already existed. A
    speaker is checked against the document's turns: a misspelt one would
    otherwise give a case that silently counts no codings.
    """
    name = clean_case_name(case_name)
    document = _document_name(session, document_id)
    if speaker is not None:
        _check_speaker(session, document_id, document, speaker)
    rec = Recorder(session, coder_id, "case.link", _describe("link", name, document, speaker))
    linked = record_link(session, rec, name, document_id, speaker)
    rec.finish()
    return linked


def unlink_case(
    session: Session, coder_id: int, case_name: str, document_id: int, speaker: str | None = None
) -> bool:
    """Remove one link as an undoable action; returns True when the case went too.

    A case without links counts nothing and would linger as an empty column in
    every matrix, so its last unlink deletes it, in the same action so that
    undo brings the case back with its link.
    """
    name = clean_case_name(case_name)
    document = _document_name(session, document_id)
    case_id = session.scalar(select(Case.id).where(Case.name == name))
    if case_id is None:
        raise CodebookError("unknown case '{case}'", case=name)
    link_id = _link_id(session, case_id, document_id, speaker)
    if link_id is None and speaker is None:
        raise CodebookError(
            "case '{case}' is not linked to '{document}'", case=name, document=document
        )
    if link_id is None:
        raise CodebookError(
            "case '{case}' is not linked to speaker '{speaker}' in '{document}'",
            case=name,
            speaker=speaker,
            document=document,
        )
    rec = Recorder(session, coder_id, "case.unlink", _describe("unlink", name, document, speaker))
    rec.delete(CaseDocument, [[link_id]])
    emptied = session.scalar(select(CaseDocument.id).where(CaseDocument.case_id == case_id)) is None
    if emptied:
        rec.delete(Case, [[case_id]])
    rec.finish()
    return emptied


def link_speakers_as_cases(session: Session, coder_id: int, document_id: int) -> list[str]:
    """Make each participant of a document a case for their own turns, as one action.

    Returns every participant's name, also those linked before, so a second
    run reports the same cases and changes nothing.
    """
    document = _document_name(session, document_id)
    names = participants(_speakers(session, document_id))
    rec = Recorder(
        session, coder_id, "case.speakers", f"link the speakers of '{document}' as cases"
    )
    for name in names:
        record_link(session, rec, name, document_id, name)
    rec.finish()
    return names


def list_cases(session: Session) -> list[CaseRow]:
    """Every case with its links, by name (ignoring case), links by document and speaker."""
    rows = session.execute(
        select(Case.name, Document.name, CaseDocument.speaker)
        .outerjoin(CaseDocument, CaseDocument.case_id == Case.id)
        .outerjoin(Document, Document.id == CaseDocument.document_id)
    )
    links: dict[str, list[CaseLink]] = {}
    for case, document, speaker in rows:
        found = links.setdefault(case, [])
        if document is not None:
            found.append(CaseLink(document, speaker))
    return [
        CaseRow(name, tuple(sorted(found, key=lambda k: (k.document, k.speaker or ""))))
        for name, found in sorted(links.items(), key=lambda item: (item[0].casefold(), item[0]))
    ]


def _link_id(session: Session, case_id: int, document_id: int, speaker: str | None) -> int | None:
    """The link's id; compared by hand because the unique constraint lets NULL speakers repeat."""
    same_speaker = (
        CaseDocument.speaker.is_(None) if speaker is None else CaseDocument.speaker == speaker
    )
    return session.scalar(
        select(CaseDocument.id).where(
            CaseDocument.case_id == case_id, CaseDocument.document_id == document_id, same_speaker
        )
    )


def _document_name(session: Session, document_id: int) -> str:
    name = session.scalar(select(Document.name).where(Document.id == document_id))
    if name is None:
        raise CodebookError("unknown document {document}", document=document_id)
    return name


def _speakers(session: Session, document_id: int) -> list[str]:
    """The document's speakers in order of first turn."""
    found = session.scalars(
        select(Turn.speaker)
        .where(Turn.document_id == document_id, Turn.speaker.is_not(None))
        .order_by(Turn.position)
    )
    return list(dict.fromkeys(s for s in found if s is not None))


def _check_speaker(session: Session, document_id: int, document: str, speaker: str) -> None:
    speakers = _speakers(session, document_id)
    if speaker in speakers:
        return
    if not speakers:
        raise CodebookError(
            "'{document}' has no speaker '{speaker}' (it has no speaker turns)",
            document=document,
            speaker=speaker,
        )
    raise CodebookError(
        "'{document}' has no speaker '{speaker}' (its speakers: {speakers})",
        document=document,
        speaker=speaker,
        speakers=", ".join(speakers),
    )


def _target(document: str, speaker: str | None) -> str:
    return f"'{document}'" if speaker is None else f"speaker '{speaker}' in '{document}'"


def _describe(verb: str, case_name: str, document: str, speaker: str | None) -> str:
    """The journal's description, which ``codebook undo`` prints."""
    preposition = "to" if verb == "link" else "from"
    return f"{verb} case '{case_name}' {preposition} {_target(document, speaker)}"


def speaker_turns(session: Session) -> dict[CaseLink, list[tuple[int, int]]]:
    """The turns (start, end) that each speaker link of a case covers, in text order.

    A case linked to one speaker counts that speaker's turns; a file format
    without speakers (REFI-QDA) can only name those turns one by one.
    """
    rows = session.execute(
        select(Document.name, Turn.speaker, Turn.start, Turn.end)
        .select_from(CaseDocument)
        .join(
            Turn,
            (Turn.document_id == CaseDocument.document_id) & (Turn.speaker == CaseDocument.speaker),
        )
        .join(Document, Document.id == CaseDocument.document_id)
        .distinct()
        .order_by(Document.name, Turn.speaker, Turn.start)
    )
    out: dict[CaseLink, list[tuple[int, int]]] = {}
    for document, speaker, start, end in rows:
        out.setdefault(CaseLink(document, speaker), []).append((start, end))
    return out
