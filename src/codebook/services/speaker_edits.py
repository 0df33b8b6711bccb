"""Correcting a document's speakers after import: count, rename, merge, find the turns again.

The text of a document never changes, so codings (offsets into it) are never
touched: a correction rewrites only the turn rows, the document's sentence
spans (when turns are found again) and the case links that name a speaker.
Each correction is one action in the undo journal, so ``codebook undo``
restores turns, sentences and links exactly.

Names are matched as the analyst types them: ignoring case and surrounding
whitespace, an exact spelling winning when two speakers differ only in case
("Marieke" and "MARIEKE" are what a merge is for).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Case, CaseDocument, Document, Turn
from codebook.domain import CodebookError, TurnSpan
from codebook.domain.speakers import (
    DocumentSpeakers,
    Renamed,
    Resplit,
    SpeakerCount,
    SpeakerEdit,
    StrandedLink,
)
from codebook.services.documents import turn_rows
from codebook.services.journal import Recorder

NAME_MAX = 200  # the width of ``turn.speaker`` and ``case_document.speaker``

#: Caption files get their turns from the cues' voices and timings, not from
#: labels in the text; finding labels in their text would lose the timings.
CAPTION_FORMATS = frozenset({"vtt", "srt"})


class _TurnRow(NamedTuple):
    id: int
    start: int
    end: int
    speaker: str | None
    timecode: float | None
    timecode_end: float | None


class _Link(NamedTuple):
    id: int
    speaker: str
    case_id: int
    case: str


def speaker_counts(session: Session, document: Document) -> DocumentSpeakers:
    """Each speaker's turns and words in the document, in order of first turn."""
    return _count(document, _turn_rows(session, document.id))


def rename_speakers(
    session: Session, coder_id: int, document: Document, renames: Sequence[tuple[str, str]]
) -> SpeakerEdit:
    """Give speakers new names, in the order given, as one undoable action.

    A new name that another speaker already has is refused: two people under
    one name is a merge, which has to decide about their cases. Renaming to
    the same name is skipped; when nothing is left, nothing is recorded.
    """
    if not renames:
        raise CodebookError("say which speaker to rename: OLD=NEW")
    names = list(_names(_turn_rows(session, document.id)))
    planned: list[tuple[str, str]] = []
    for typed_old, typed_new in renames:
        old = find_speaker(names, typed_old, document.name)
        new = clean_speaker_name(typed_new)
        if new == old:
            continue
        clash = [name for name in names if name != old and _key(name) == _key(new)]
        if clash:
            raise CodebookError(
                "'{document}' already has a speaker '{speaker}': "
                "use --merge to give the turns of '{old}' to them",
                document=document.name,
                speaker=clash[0],
                old=old,
            )
        names = [new if name == old else name for name in names]
        planned.append((old, new))
    listing = ", ".join(f"'{old}' to '{new}'" for old, new in planned)
    rec = Recorder(
        session, coder_id, "speaker.rename", f"rename speaker {listing} in '{document.name}'"
    )
    renamed = [
        done for old, new in planned for done in _give_turns(session, rec, document, [old], new)
    ]
    rec.finish()
    return SpeakerEdit(tuple(renamed), speaker_counts(session, document))


def merge_speakers(
    session: Session, coder_id: int, document: Document, speakers: Sequence[str], into: str
) -> SpeakerEdit:
    """Give the turns of ``speakers`` to ``into`` (a speaker of the document or a new name).

    The turns keep their places: two turns of the merged speaker that now
    follow each other stay two turns, because the label line between them is
    part of the text and a turn never covers a label. A case linked to a
    merged speaker follows to ``into``; speakers that are different cases are
    refused, since one speaker counted for two cases would count twice.
    """
    if not speakers:
        raise CodebookError("say which speakers to merge")
    names = _names(_turn_rows(session, document.id))
    sources = list(dict.fromkeys(find_speaker(names, typed, document.name) for typed in speakers))
    target = _merge_target(names, sources, into, document.name)
    moving = [source for source in sources if source != target]
    listing = ", ".join(f"'{source}'" for source in moving)
    rec = Recorder(
        session,
        coder_id,
        "speaker.merge",
        f"merge speaker {listing} into '{target}' in '{document.name}'",
    )
    renamed = _give_turns(session, rec, document, moving, target) if moving else []
    rec.finish()
    return SpeakerEdit(tuple(renamed), speaker_counts(session, document))


def resplit_turns(
    session: Session, coder_id: int, document: Document, labels: Sequence[str]
) -> Resplit:
    """Find the document's turns again with ``labels`` accepted as speaker labels.

    The turns and sentence spans are replaced as one undoable action; the
    text and so every coding stay as they are. Names given since the import
    (renames, merges, import aliases) are read off the turns being replaced:
    a turn that starts where an old one did keeps its name, and a new turn
    takes the name its label's other turns had.
    """
    # imported here: opening a project must not load the detector or spaCy
    from codebook.services.importing.sentences import sentence_spans
    from codebook.services.importing.speakers import detect_turns, resolve_alias

    shapes = [" ".join(label.split()) for label in labels]
    if not shapes or not all(shapes):
        raise CodebookError('a --label needs the label as it is written, e.g. "Project Manager"')
    if document.source_format in CAPTION_FORMATS:
        raise CodebookError(
            "'{document}' was read from .{format} captions: "
            "its turns come from the cues, not from labels in the text",
            document=document.name,
            format=document.source_format,
        )
    old = _turn_rows(session, document.id)
    before = _count(document, old)
    found = detect_turns(document.text, labels=shapes).turns
    named_at = {row.start: row.speaker for row in old if row.speaker is not None}
    kept = _kept_names(named_at, found)
    turns = [
        turn
        if turn.speaker is None
        else turn._replace(speaker=named_at.get(turn.start) or resolve_alias(turn.speaker, kept))
        for turn in found
    ]
    if [tuple(row[1:]) for row in old] == [tuple(turn) for turn in turns]:
        return Resplit(False, before, before, (), (), ())
    rec = Recorder(
        session,
        coder_id,
        "speaker.resplit",
        f"find the turns of '{document.name}' again with label "
        + ", ".join(f"'{shape}'" for shape in shapes),
    )
    rec.delete(Turn, [[row.id] for row in old])
    rec.insert(Turn, turn_rows(document.id, turns))
    sentences = sentence_spans(document.text, turns, document.language)
    rec.update(Document, [document.id], {"sentences": [list(span) for span in sentences]})
    rec.finish()
    after = speaker_counts(session, document)
    speaking = set(after.names)
    stranded = tuple(
        StrandedLink(link.case, link.speaker)
        for link in _links(session, document.id)
        if link.speaker not in speaking
    )
    new_speakers = tuple(name for name in after.names if name not in before.names)
    gone_speakers = tuple(name for name in before.names if name not in speaking)
    return Resplit(True, before, after, new_speakers, gone_speakers, stranded)


def find_speaker(names: Sequence[str], typed: str, document: str) -> str:
    """The speaker ``typed`` names: its exact spelling, else the one equal ignoring case."""
    wanted = " ".join(typed.split())
    if wanted in names:
        return wanted
    found = [name for name in names if _key(name) == _key(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise CodebookError(
            "'{wanted}' matches several speakers of '{document}' ({speakers}): type one exactly",
            wanted=wanted,
            document=document,
            speakers=", ".join(found),
        )
    if not names:
        raise CodebookError(
            "'{document}' has no speaker '{speaker}' (it has no speaker turns)",
            document=document,
            speaker=wanted,
        )
    raise CodebookError(
        "'{document}' has no speaker '{speaker}' (its speakers: {speakers})",
        document=document,
        speaker=wanted,
        speakers=", ".join(names),
    )


def clean_speaker_name(name: str) -> str:
    """A new speaker name as stored: single-spaced, one line, not empty."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise CodebookError("a speaker needs a name: the new name is empty")
    if len(cleaned) > NAME_MAX:
        raise CodebookError(
            "a speaker name is at most {limit} characters, not {length}",
            limit=NAME_MAX,
            length=len(cleaned),
        )
    return cleaned


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _merge_target(names: Sequence[str], sources: Sequence[str], into: str, document: str) -> str:
    """``into`` as an existing speaker outside the merge (any case), else as typed."""
    wanted = clean_speaker_name(into)
    others = [name for name in names if name not in sources and _key(name) == _key(wanted)]
    if wanted in others or len(others) == 1:
        return wanted if wanted in others else others[0]
    if others:
        raise CodebookError(
            "'{wanted}' matches several speakers of '{document}' ({speakers}): type one exactly",
            wanted=wanted,
            document=document,
            speakers=", ".join(others),
        )
    return wanted


def _give_turns(
    session: Session, rec: Recorder, document: Document, sources: Sequence[str], target: str
) -> list[Renamed]:
    """Move the turns and case links of ``sources`` to ``target``, recorded in ``rec``."""
    cases = _move_links(session, rec, document, sources, target)
    renamed = []
    for source in sources:
        ids = list(
            session.scalars(
                select(Turn.id).where(Turn.document_id == document.id, Turn.speaker == source)
            )
        )
        rec.update_many(Turn, ids, {"speaker": target})
        renamed.append(Renamed(source, target, len(ids), tuple(cases.get(source, ()))))
    return renamed


def _move_links(
    session: Session, rec: Recorder, document: Document, sources: Sequence[str], target: str
) -> dict[str, list[str]]:
    """Relink the cases of ``sources`` to ``target``; per source, the cases that followed.

    One case linked to several of the speakers keeps one link. Two different
    cases are refused: one speaker's turns would then count for both.
    """
    involved = {*sources, target}
    links = [link for link in _links(session, document.id) if link.speaker in involved]
    cases = {link.case_id: link.case for link in links}
    if len(cases) > 1:
        moving = ", ".join(f"'{source}'" for source in sources)
        first, *more = sorted(links, key=lambda link: link.speaker)
        listing = CodebookError(
            "'{speaker}' is case '{case}'", speaker=first.speaker, case=first.case
        )
        for link in more:
            listing = CodebookError(
                "{listing} and '{speaker}' is case '{case}'",
                listing=listing,
                speaker=link.speaker,
                case=link.case,
            )
        raise CodebookError(
            "cannot give the turns of {moving} to '{target}' "
            "in '{document}': {listing}, and one speaker counted for two cases would "
            "count twice; unlink one first (codebook case unlink)",
            moving=moving,
            target=target,
            document=document.name,
            listing=listing,
        )
    if not links:
        return {}
    keep = next((link for link in links if link.speaker == target), links[0])
    rec.delete(CaseDocument, [[link.id] for link in links if link is not keep])
    rec.update(CaseDocument, [keep.id], {"speaker": target})
    followed: dict[str, list[str]] = {}
    for link in links:
        if link.speaker != target:
            followed.setdefault(link.speaker, []).append(link.case)
    return followed


def _kept_names(named_at: Mapping[int, str], found: Iterable[TurnSpan]) -> dict[str, str]:
    """Speaker found -> the name most of its turns had before, counted where old turns start.

    This names the turns that are new (a "Marieke:" line glued into another
    turn until now) after their label's other turns. A label keeps its own
    spelling too, so that resolving by case does not pull in the name of a
    differently kept speaker.
    """
    votes: dict[str, Counter[str]] = {}
    for turn in found:
        name = named_at.get(turn.start)
        if turn.speaker is not None and name is not None:
            votes.setdefault(turn.speaker, Counter())[name] += 1
    return {label: counted.most_common(1)[0][0] for label, counted in votes.items()}


def _turn_rows(session: Session, document_id: int) -> list[_TurnRow]:
    rows = session.execute(
        select(Turn.id, Turn.start, Turn.end, Turn.speaker, Turn.timecode, Turn.timecode_end)
        .where(Turn.document_id == document_id)
        .order_by(Turn.position)
    )
    return [_TurnRow(*row) for row in rows]


def _links(session: Session, document_id: int) -> list[_Link]:
    """The document's case links to one speaker, in the order they were made."""
    rows = session.execute(
        select(CaseDocument.id, CaseDocument.speaker, Case.id, Case.name)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(CaseDocument.document_id == document_id, CaseDocument.speaker.is_not(None))
        .order_by(CaseDocument.id)
    )
    return [_Link(link, speaker, case, name) for link, speaker, case, name in rows if speaker]


def _names(turns: Iterable[_TurnRow]) -> tuple[str, ...]:
    """Distinct speakers in order of first turn."""
    return tuple(dict.fromkeys(turn.speaker for turn in turns if turn.speaker is not None))


def _count(document: Document, turns: Iterable[_TurnRow]) -> DocumentSpeakers:
    text = document.text
    turn_counts: Counter[str | None] = Counter()
    word_counts: Counter[str | None] = Counter()
    for turn in turns:
        turn_counts[turn.speaker] += 1
        word_counts[turn.speaker] += len(text[turn.start : turn.end].split())
    order: list[str | None] = [name for name in turn_counts if name is not None]
    if None in turn_counts:
        order.append(None)
    return DocumentSpeakers(
        document.name,
        tuple(SpeakerCount(name, turn_counts[name], word_counts[name]) for name in order),
    )
