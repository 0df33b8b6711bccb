"""The codebook's version counter and its append-only revision log.

Each revision stores a snapshot of the whole codebook after it (a few hundred
codes at most), so history, diffs between any two versions and the state at
any version are reads, not replays.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, CodebookEvent, ProjectMeta
from codebook.domain.codebook import TEXT_FIELDS
from codebook.services.clock import now

VERSION_KEY = "codebook_version"
SNAPSHOT_FIELDS = (
    "id",
    "guid",
    "parent_id",
    "position",
    "name",
    "color",
    *TEXT_FIELDS,
    "keywords",
    "retired",
    "merged_into_id",
)


def current_version(session: Session) -> int:
    value = session.get(ProjectMeta, VERSION_KEY)
    return 0 if value is None else int(value.value)


def snapshot(session: Session) -> list[dict[str, Any]]:
    """The codebook as stored now, read as plain columns.

    Revisions change rows with Core statements (through the journal), which
    the ORM identity map does not see; selecting entities could return stale
    objects, selecting columns always returns what is in the database.
    """
    columns = [Code.__table__.c[f] for f in SNAPSHOT_FIELDS]
    rows = session.execute(select(*columns).order_by(Code.id))
    return [dict(r._mapping) for r in rows]


def record_event(
    session: Session, coder_id: int, kind: str, payload: dict[str, Any], reason: str = ""
) -> int:
    """Bump the codebook version and log the revision that led to it; returns the version."""
    session.flush()
    meta = session.get(ProjectMeta, VERSION_KEY, with_for_update=True)
    version = (0 if meta is None else int(meta.value)) + 1
    if meta is None:
        session.add(ProjectMeta(key=VERSION_KEY, value=str(version)))
    else:
        meta.value = str(version)
    session.add(
        CodebookEvent(
            version=version,
            kind=kind,
            coder_id=coder_id,
            created_at=now(),
            reason=reason,
            payload=payload,
            snapshot=snapshot(session),
        )
    )
    session.flush()
    return version
