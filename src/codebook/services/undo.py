"""Undo and redo: each coder steps back and forth through their own actions.

The journal (``services.journal``) records row changes and steps them either
way; this is the use case on top of it. It picks the coder's action, and when
that action was a codebook revision it logs the undo or redo as a revision of
its own, so the codebook's history stays append-only and says what happened.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from codebook.db.models import Action
from codebook.services.codebook.log import record_event
from codebook.services.journal import Direction, last_action, step_action


def undo(session: Session, coder_id: int) -> Action | None:
    """Undo this coder's most recent action; None when there is nothing to undo."""
    return _step(session, coder_id, Direction.UNDO)


def redo(session: Session, coder_id: int) -> Action | None:
    """Redo the action this coder undid most recently; None when there is none."""
    return _step(session, coder_id, Direction.REDO)


def _step(session: Session, coder_id: int, direction: Direction) -> Action | None:
    action = last_action(session, coder_id, direction)
    if action is None:
        return None
    step_action(session, action, direction)
    if action.event_version is not None:
        record_event(
            session,
            coder_id,
            direction.value,
            {"version": action.event_version},
            action.description,
        )
    session.flush()
    return action
