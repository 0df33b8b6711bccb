"""Applying a planned text edit as one undoable action.

The plan carries everything the edit writes, so applying it first checks that
the plan still describes the document: the same text (by sha256) and the same
codings where the plan saw them. Anything else (a colleague coded the document
meanwhile) is refused, because the analyst confirmed that plan and no other.
Then the rows change through one ``Recorder``: undo puts back the text, the
turns, the sentences, every coding and memo exactly as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Coding, Document, Memo, Turn
from codebook.domain import CodebookError
from codebook.domain.text_edits import CodingMove, TextEditPlan, TextEditResult
from codebook.services.documents import turn_rows
from codebook.services.journal import Recorder
from codebook.services.text_edits.plan import check_unique, stored_turns


def apply_text_edit(session: Session, coder_id: int, plan: TextEditPlan) -> TextEditResult:
    """Make the planned edit; a plan for a text that did not change writes nothing."""
    document = session.get(Document, plan.document_id)
    if document is None:
        raise CodebookError("unknown document '{document}'", document=plan.document)
    _check_current(session, document, plan)
    vanished = [m for m in plan.moves if m.new_start is None]
    result = TextEditResult(
        document_id=document.id,
        document=document.name,
        description=plan.description,
        changed=len(plan.changed),
        vanished=len(vanished),
        unchanged=plan.unchanged,
        turns=len(plan.turns),
        sentences=len(plan.sentences),
    )
    if not plan.changes_text:
        return result
    check_unique(session, document, plan.new_text, f"'{document.name}'")
    rec = Recorder(session, coder_id, "document.text", plan.description)
    _hand_over(session, rec, [m for m in vanished if m.merged_into is not None])
    gone = {m.id for m in vanished}
    memos = session.execute(
        select(Memo.id, Memo.target_id).where(
            Memo.target_kind == "coding",
            Memo.target_id.in_(select(Coding.id).where(Coding.document_id == document.id)),
        )
    )
    rec.delete(Memo, [[memo_id] for memo_id, target in memos if target in gone])
    rec.delete(Coding, [[coding_id] for coding_id in sorted(gone)])
    for move in _in_safe_order([m for m in plan.moves if _moves(m)]):
        rec.update(Coding, [move.id], {"start": move.new_start, "end": move.new_end})
    _write_turns(session, rec, plan)
    values: dict[str, object] = {
        "text": plan.new_text,
        "sha256": plan.new_sha256,
        "word_count": len(plan.new_text.split()),
        "sentences": [list(span) for span in plan.sentences],
    }
    if plan.source is not None:
        values["source_format"] = plan.source.source_format
        values["source_encoding"] = plan.source.encoding
    rec.update(Document, [document.id], values)
    rec.finish()
    return result


def _check_current(session: Session, document: Document, plan: TextEditPlan) -> None:
    """The document's text, turns and codings as the plan saw them, or a refusal."""
    if document.sha256 != plan.old_sha256:
        raise CodebookError(
            "the text of '{document}' changed since the edit was planned; plan it again",
            document=document.name,
        )
    if tuple(stored_turns(session, document.id)) != plan.old_turns:
        raise CodebookError(
            "the turns of '{document}' changed since the edit was planned; plan it again",
            document=document.name,
        )
    codings = session.execute(
        select(Coding.id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end).where(
            Coding.document_id == document.id
        )
    )
    planned = {(m.id, m.code_id, m.coder_id, m.old_start, m.old_end) for m in plan.moves}
    if {tuple(row) for row in codings} != planned:
        raise CodebookError(
            "the codings of '{document}' changed since the edit was planned; plan it again",
            document=document.name,
        )


def _moves(move: CodingMove) -> bool:
    return move.new_start is not None and (
        move.new_start != move.old_start or move.new_end != move.old_end
    )


def _hand_over(session: Session, rec: Recorder, merged: Sequence[CodingMove]) -> None:
    """A coding that merges into another hands it its memos and its note."""
    for move in merged:
        holder = move.merged_into
        memos = session.scalars(
            select(Memo.id).where(Memo.target_kind == "coding", Memo.target_id == move.id)
        )
        for memo_id in memos.all():
            rec.update(Memo, [memo_id], {"target_id": holder})
        note = session.scalar(select(Coding.note).where(Coding.id == move.id))
        if note:
            kept = session.scalar(select(Coding.note).where(Coding.id == holder))
            rec.update(Coding, [holder], {"note": f"{kept}\n\n{note}" if kept else note})


def _in_safe_order(moves: Sequence[CodingMove]) -> list[CodingMove]:
    """The moves ordered so that no coding lands where another one still is.

    A coder's codings with one code are unique by range, so a coding moving
    onto the range another one is about to leave must wait for it. Offsets map
    monotonically, so these waits form chains, never cycles: each chain is
    made from its far end.
    """
    leaving: dict[tuple[int, int, int | None, int | None], CodingMove] = {
        (m.code_id, m.coder_id, m.old_start, m.old_end): m for m in moves
    }
    ordered: list[CodingMove] = []
    placed: set[int] = set()
    for move in moves:
        chain: list[CodingMove] = []
        waiting: CodingMove | None = move
        while waiting is not None and waiting.id not in placed:
            placed.add(waiting.id)
            chain.append(waiting)
            waiting = leaving.get(
                (waiting.code_id, waiting.coder_id, waiting.new_start, waiting.new_end)
            )
        ordered.extend(reversed(chain))
    return ordered


def _write_turns(session: Session, rec: Recorder, plan: TextEditPlan) -> None:
    """Turns keep their rows when the structure stays; otherwise they follow the new file."""
    rows = session.execute(
        select(Turn.id).where(Turn.document_id == plan.document_id).order_by(Turn.position)
    )
    ids = [turn_id for (turn_id,) in rows]
    if not plan.turns_restructured:
        for turn_id, turn in zip(ids, plan.turns, strict=True):
            rec.update(
                Turn, [turn_id], {"start": turn.start, "end": turn.end, "speaker": turn.speaker}
            )
        return
    rec.delete(Turn, [[turn_id] for turn_id in ids])
    rec.insert(Turn, turn_rows(plan.document_id, plan.turns))
