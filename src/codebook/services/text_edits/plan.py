"""Planning a correction of a document's text: everything it would change, before it does.

Two edits are planned the same way: replacing the whole text with a corrected
file (read by the import's own readers, so offsets count the same normalized
code points) and rewriting the text of one turn (the coding screen's edit).
Both end in a character diff from which every coding of every coder, the
turns and the sentences are carried over; the plan lists the codings whose
passage would read differently or vanish, for the analyst to confirm.

A replacement is refused, unless forced, when it looks like another file
rather than a correction: less than half of its characters in common with
the document, another encoding than the document was imported from, or a
comparison that ran out of time (``diffing.TIMEOUT``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coder, Coding, Document, Turn
from codebook.domain import CodebookError, ParsedTranscript, TurnSpan
from codebook.domain.text_edits import CodingChange, CodingMove, SourceFile, TextEditPlan
from codebook.services.documents import text_sha256
from codebook.services.text_edits.diffing import TextDiff, text_diff
from codebook.services.text_edits.remap import OffsetMap, Span, carried_sentences, coding_range
from codebook.services.text_edits.turns import TurnOutcome, follow_file

#: Below this share of characters in common, a "correction" is probably another file.
MIN_KEPT_SHARE = 0.5

# Encodings that read the same text the same way: ASCII is UTF-8, a BOM or a byte
# order does not change the characters, and a UTF-8 file with a few stray cp1252
# bytes (as pasting between editors leaves) was meant to be UTF-8.
_SAME_ENCODING = {
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8",
    "utf-8+cp1252": "utf-8",
}


def plan_replacement(
    session: Session, document: Document, parsed: ParsedTranscript, path: Path, *, force: bool
) -> TextEditPlan:
    """What replacing the document's text by the file's would change.

    ``force`` accepts a file that looks like another one (see the module).
    """
    if not force:
        _check_encoding(document, parsed, path)
    check_unique(session, document, parsed.text, str(path))
    diff = text_diff(document.text, parsed.text)
    if not force:
        _check_similar(document, diff, path)
    offsets = OffsetMap(diff)
    stored = stored_turns(session, document.id)
    outcome = follow_file(document.text, parsed.text, stored, parsed.turns, offsets)
    source = SourceFile(str(path), parsed.source_format, parsed.encoding)
    what = f"replace text of '{document.name}'"
    return _plan(session, document, what, parsed.text, diff, offsets, stored, outcome, source)


def plan_turn_edit(
    session: Session, document: Document, position: int, new_text: str
) -> TextEditPlan:
    """What rewriting the text of the turn at ``position`` (0-based) would change.

    The text is normalized as an import would (NFC, ``\\n`` line ends) and
    trimmed, as turns are; the label is not part of it, and a turn cannot be
    emptied. The turn structure stays as it is.
    """
    from codebook.services.importing.normalize import normalize_text

    stored = stored_turns(session, document.id)
    if not 0 <= position < len(stored):
        raise CodebookError(
            "'{document}' has no turn {turn}", document=document.name, turn=position + 1
        )
    turn = stored[position]
    text = normalize_text(new_text).strip()
    if not text:
        raise CodebookError(
            "'{document}': the edit would empty turn {turn}",
            document=document.name,
            turn=position + 1,
        )
    old = document.text
    new = old[: turn.start] + text + old[turn.end :]
    check_unique(session, document, new, f"'{document.name}'")
    diff = text_diff(old[turn.start : turn.end], text).shifted(turn.start, len(old), len(new))
    shift = len(new) - len(old)
    turns = tuple(
        t
        if i < position
        else t._replace(end=t.start + len(text))
        if i == position
        else t._replace(start=t.start + shift, end=t.end + shift)
        for i, t in enumerate(stored)
    )
    what = f"edit turn {position + 1} of '{document.name}'"
    outcome = TurnOutcome(turns)
    return _plan(session, document, what, new, diff, OffsetMap(diff), stored, outcome, None)


def _check_encoding(document: Document, parsed: ParsedTranscript, path: Path) -> None:
    old, new = document.source_encoding, parsed.encoding
    if old is None or new is None:  # a format without a text encoding (.docx, .odt)
        return
    if _family(old) == _family(new):
        return
    if parsed.text.isascii() and _family(new) == "utf-8" and not _family(old).startswith("utf"):
        return  # ASCII bytes read the same in any single-byte code page
    raise CodebookError(
        "{file}: read as {new}, but '{document}' was imported from {old}; "
        "save it as {old} or add --force",
        file=path,
        new=new,
        document=document.name,
        old=old,
    )


def _family(encoding: str) -> str:
    name = encoding.lower().replace("_", "-")
    for unicode in ("utf-16", "utf-32"):
        if name.startswith(unicode):
            return unicode
    return _SAME_ENCODING.get(name, name)


def _check_similar(document: Document, diff: TextDiff, path: Path) -> None:
    if diff.coarse:
        raise CodebookError(
            "{file}: comparing it with '{document}' took too long to be reliable; "
            "check it is the corrected file, or add --force",
            file=path,
            document=document.name,
        )
    if diff.kept_share < MIN_KEPT_SHARE:
        raise CodebookError(
            "{file}: shares only {share:.0%} of its characters with "
            "'{document}', probably another file; add --force to replace anyway",
            file=path,
            share=diff.kept_share,
            document=document.name,
        )


def check_unique(session: Session, document: Document, text: str, where: str) -> None:
    """The project holds every text once: the corrected text may not be another document's."""
    other = session.scalar(
        select(Document.name).where(
            Document.sha256 == text_sha256(text), Document.id != document.id
        )
    )
    if other is not None:
        raise CodebookError("{where}: same text as document '{other}'", where=where, other=other)


def stored_turns(session: Session, document_id: int) -> list[TurnSpan]:
    rows = session.execute(
        select(Turn.start, Turn.end, Turn.speaker, Turn.timecode, Turn.timecode_end)
        .where(Turn.document_id == document_id)
        .order_by(Turn.position)
    )
    return [TurnSpan(*row) for row in rows]


def _plan(
    session: Session,
    document: Document,
    description: str,
    new_text: str,
    diff: TextDiff,
    offsets: OffsetMap,
    stored: list[TurnSpan],
    outcome: TurnOutcome,
    source: SourceFile | None,
) -> TextEditPlan:
    moves, changed, vanished = _remap_codings(session, document, new_text, offsets)
    old_turns = [(t.start, t.end) for t in stored]
    old_sentences = [(start, end) for start, end in document.sentences or ()]
    sentences, to_split = carried_sentences(offsets, old_turns, old_sentences, outcome.turns)
    if to_split:
        from codebook.services.importing.sentences import sentence_spans

        sentences.extend(sentence_spans(new_text, to_split, document.language))
        sentences.sort()
    return TextEditPlan(
        document_id=document.id,
        document=document.name,
        description=description,
        old_sha256=document.sha256,
        new_sha256=text_sha256(new_text),
        new_text=new_text,
        source=source,
        old_turns=tuple(stored),
        turns=outcome.turns,
        sentences=tuple(sentences),
        moves=tuple(moves),
        changed=tuple(changed),
        vanished=tuple(vanished),
        unchanged=len(moves) - len(changed) - len(vanished),
        kept_share=diff.kept_share,
        inserted=diff.inserted,
        deleted=diff.deleted,
        turns_restructured=outcome.restructured,
        turns_added=outcome.added,
        turns_removed=outcome.removed,
        speakers_relabelled=outcome.relabelled,
        turns_resplit=len(to_split),
        coarse=diff.coarse,
    )


def _remap_codings(
    session: Session, document: Document, new_text: str, offsets: OffsetMap
) -> tuple[list[CodingMove], list[CodingChange], list[CodingChange]]:
    """Every coding's move, and those that read differently or vanish, for the plan.

    Two codings of one coder with one code that land on the same passage
    become one (the project holds each such coding once): one whose passage
    reads as before keeps its number (the older, if several do; else the
    older of all) and takes the others' memos, so a coding the edit did not
    touch is never reported as gone.
    """
    rows = session.execute(
        select(
            Coding.id,
            Coding.code_id,
            Coding.coder_id,
            Coding.start,
            Coding.end,
            Code.name,
            Coder.name,
        )
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coding.document_id == document.id)
        .order_by(Coding.id)
    )
    old_text = document.text
    landed = [
        (row, coding_range(offsets, old_text, new_text, row[3], row[4])) for row in rows.all()
    ]
    holders: dict[tuple[int, int, Span], int] = {}
    for (coding_id, code_id, coder_id, start, end, _, _), new in landed:
        if new is not None and new_text[new[0] : new[1]] == old_text[start:end]:
            holders.setdefault((code_id, coder_id, new), coding_id)
    moves: list[CodingMove] = []
    changed: list[CodingChange] = []
    vanished: list[CodingChange] = []
    for (coding_id, code_id, coder_id, start, end, code, coder), new in landed:
        before = CodingChange(coding_id, code, coder, start, end, old_text[start:end])
        if new is None:
            moves.append(CodingMove(coding_id, code_id, coder_id, start, end, None, None))
            vanished.append(before)
            continue
        holder = holders.setdefault((code_id, coder_id, new), coding_id)
        if holder != coding_id:
            moves.append(CodingMove(coding_id, code_id, coder_id, start, end, None, None, holder))
            vanished.append(replace(before, merged_into=holder))
            continue
        moves.append(CodingMove(coding_id, code_id, coder_id, start, end, *new))
        text = new_text[new[0] : new[1]]
        if text != before.old_text:
            changed.append(replace(before, new_start=new[0], new_end=new[1], new_text=text))
    return moves, changed, vanished
