"""When each coding's note was written and last edited.

A coding stores no time for its note, and the note is often written long
after the coding (``m`` in the coding screen), so the coding's own time would
misdate it. The undo journal is the only record of when a note changed, and
this is the one place that reads notes' past from it, so the memo exports
need to know neither how ``services.coding.set_note`` records a change nor
how the journal stores one.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.orm import Session

from codebook.db.models import Coding
from codebook.services.journal import recorded_updates

NoteTimes = tuple[datetime | None, datetime]
"""``(written_at, edited_at)``; ``written_at`` is ``None`` when the note came with the coding."""


def note_times(session: Session, coding_ids: Collection[int]) -> dict[int, NoteTimes]:
    """When the notes on ``coding_ids`` were first written and last changed, by coding id.

    Every change of a note after its coding was made is a ``coding.note``
    action that is still done. A note that came with the coding has no such
    action until it is edited, so its written time is ``None`` (the coding's
    own time); a coding whose note never changed afterwards is left out, and
    a note cleared and written again counts from the new writing.
    """
    times: dict[int, NoteTimes] = {}
    for when, key, before, after in recorded_updates(session, "coding.note", Coding):
        coding_id = key[0]
        if coding_id not in coding_ids:
            continue
        old, new = before.get("note"), after.get("note")
        if not new:
            times.pop(coding_id, None)
        elif not old:
            times[coding_id] = (when, when)
        else:
            times[coding_id] = (times.get(coding_id, (None, when))[0], when)
    return times
