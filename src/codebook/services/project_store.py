"""The project store: creating and opening one, its meta values, the people who code in it."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from codebook.db.engine import Store, is_url
from codebook.db.models import Code, Coder, Coding, Document, ProjectMeta
from codebook.db.schema import open_store
from codebook.domain import CodebookError
from codebook.domain.project import ProjectSummary
from codebook.services.clock import now
from codebook.services.codebook.log import VERSION_KEY, current_version


def init_project(location: str | Path, name: str | None = None, language: str = "nl") -> Store:
    """Create a new, empty project; refuses to touch an existing one."""
    store = open_store(location, create=True)
    title = name or (Path(str(location)).stem if "://" not in str(location) else "codebook")
    with store.write() as session:
        session.add_all(
            [
                ProjectMeta(key="name", value=title),
                ProjectMeta(key="guid", value=str(uuid.uuid4())),
                ProjectMeta(key="language", value=language),
                ProjectMeta(key="created_at", value=now().isoformat(timespec="seconds")),
                ProjectMeta(key=VERSION_KEY, value="0"),
            ]
        )
    return store


def remove_project(location: str | Path) -> None:
    """Delete a project file (with its WAL and shared-memory files) made moments ago.

    Only for a project this run created and could not fill (an import that
    failed): it leaves nothing behind. A server database is left alone, empty.
    """
    if is_url(location):
        return
    path = Path(location)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def open_project(location: str | Path) -> Store:
    return open_store(location)


def meta(session: Session, key: str, default: str = "") -> str:
    row = session.get(ProjectMeta, key)
    return default if row is None else row.value


def coder_id(session: Session, name: str) -> int:
    """The id of a coder, registering the name on first use."""
    name = name.strip()
    if not name:
        raise CodebookError("a coder needs a name")
    found = session.scalar(select(Coder.id).where(Coder.name == name))
    if found is not None:
        return found
    try:
        with session.begin_nested():
            coder = Coder(name=name, created_at=now())
            session.add(coder)
            session.flush()
    except IntegrityError:
        found = session.scalar(select(Coder.id).where(Coder.name == name))
        if found is None:
            raise
        return found
    return coder.id


def coder_name(session: Session, coder: int) -> str:
    """A coder's name by id."""
    found = session.get(Coder, coder)
    if found is None:
        raise CodebookError("unknown coder {coder}", coder=coder)
    return found.name


def coder_names(session: Session) -> list[str]:
    return list(session.scalars(select(Coder.name).order_by(Coder.name)))


def coders_by_id(session: Session) -> dict[int, str]:
    """Every coder's name by id, for naming the coders of records that hold only ids."""
    return {i: name for i, name in session.execute(select(Coder.id, Coder.name))}


def summary(session: Session) -> ProjectSummary:
    return ProjectSummary(
        name=meta(session, "name"),
        language=meta(session, "language", "nl"),
        codebook_version=current_version(session),
        documents=session.scalar(select(func.count()).select_from(Document)) or 0,
        words=session.scalar(select(func.coalesce(func.sum(Document.word_count), 0))) or 0,
        codes=session.scalar(select(func.count()).select_from(Code).where(Code.retired.is_(False)))
        or 0,
        codings=session.scalar(select(func.count()).select_from(Coding)) or 0,
        coders=coder_names(session),
    )


def first_coder(session: Session) -> str | None:
    """The coder registered first: who started the work, as far as the project records it."""
    return session.scalar(select(Coder.name).order_by(Coder.created_at, Coder.id).limit(1))
