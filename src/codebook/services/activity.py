"""What others did to a shared project, as one cheap marker to poll.

Every change a user makes is one journal action, and undoing or redoing one
changes its state, so the newest action id and the number of actions not in
force, counted over the other coders' actions only, change exactly when
someone else changed the project. A screen polling it never re-reads after
its own writes.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import Action


def others_activity(session: Session, coder_id: int | None) -> tuple[int, int]:
    """(newest action id, actions undone or discarded) of everyone but ``coder_id``."""
    query = select(
        func.coalesce(func.max(Action.id), 0), func.count().filter(Action.state != "done")
    )
    if coder_id is not None:
        query = query.where(Action.coder_id != coder_id)
    newest, stepped = session.execute(query).one()
    return int(newest), int(stepped)
