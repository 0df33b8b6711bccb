"""The door's frame: one open project, the transactions its use cases run in, and who acts.

Every use case of the project door runs in exactly one transaction that the
door opens and always closes again: a read sees one consistent state, a write
is committed whole or not at all, whatever the face does with the result. The
door hands out plain values from ``codebook.domain`` only, never ORM objects
or sessions, so a face may keep them across threads and transactions.

The coder who acts is named when the project is opened (the CLI's ``--coder``)
or later (the TUI asks on first start); a name is registered as a coder in the
first transaction that writes on their behalf, so a failed command leaves no
trace, not even a new coder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from codebook.db.engine import Store, is_url
from codebook.db.models import Document
from codebook.domain import CodebookError
from codebook.services.codebook.codes import resolve_code
from codebook.services.documents import resolve_document
from codebook.services.project_store import coder_id, init_project, meta, open_project


class ProjectBase:
    """An open project; the use cases are the methods of ``codebook.project.Project``."""

    def __init__(self, store: Store, coder: str | None = None) -> None:
        self._store = store
        self._coder = coder.strip() if coder and coder.strip() else None
        self._coder_id: int | None = None
        with store.read() as session:
            self.name = meta(session, "name")
            self.guid = meta(session, "guid")

    @classmethod
    def open(
        cls, location: str | Path, *, coder: str | None = None, expect_name: str | None = None
    ) -> Self:
        """Open a project file or database URL, migrating an older schema first.

        With ``expect_name`` (a server database named by ``--db``) the project
        stored there must have that name, so a command never acts on the wrong one.
        """
        store = open_project(location)
        try:
            project = cls(store, coder)
            if expect_name is not None and project.name != expect_name:
                raise CodebookError(
                    "that database holds project '{project}', not '{expected}'",
                    project=project.name,
                    expected=expect_name,
                )
        except BaseException:
            store.close()
            raise
        return project

    @classmethod
    def create(
        cls,
        location: str | Path,
        name: str | None = None,
        language: str = "nl",
        *,
        coder: str | None = None,
    ) -> Self:
        """Create a new, empty project; an existing project is never touched."""
        store = init_project(location, name, language)
        try:
            return cls(store, coder)
        except BaseException:
            store.close()
            raise

    @staticmethod
    def exists(location: str | Path) -> bool:
        """Whether a project could be at ``location``: a file there, or a database URL."""
        return is_url(location) or Path(location).exists()

    @property
    def location(self) -> str:
        return self._store.location

    @property
    def folder(self) -> Path:
        """The folder of the project file; for a server database, the current directory."""
        database = self._store.engine.url.database if self._store.is_sqlite else None
        if database and database != ":memory:":
            return Path(database).expanduser().resolve().parent
        return Path.cwd()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- who acts ------------------------------------------------------------------

    @property
    def coder(self) -> str | None:
        return self._coder

    @property
    def coder_id(self) -> int | None:
        """The acting coder's id once registered (``set_coder``), else None."""
        return self._coder_id

    def set_coder(self, name: str) -> None:
        """Act as ``name`` from now on, registering the name now (the TUI's coder prompt)."""
        with self._write() as session:
            registered = coder_id(session, name)
        self._coder, self._coder_id = name.strip(), registered

    # --- transactions --------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._store.read() as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._store.write() as session:
            yield session

    def _acting(self, session: Session) -> int:
        """The acting coder's id, registered in this transaction on first use."""
        if self._coder_id is not None:
            return self._coder_id
        if self._coder is None:
            raise CodebookError("no coder chosen: give --coder NAME")
        return coder_id(session, self._coder)

    @staticmethod
    def _document(session: Session, ref: str | int) -> Document:
        """A document by id, or by name (with or without extension) or number as typed."""
        if isinstance(ref, int):
            # The text is read when used: most callers want the id, and a long
            # transcript's text costs milliseconds on every key press.
            found = session.get(Document, ref, options=[defer(Document.text)])
            if found is None:
                raise CodebookError("unknown document {document}", document=ref)
            return found
        return resolve_document(session, ref)

    @staticmethod
    def _document_id(session: Session, ref: str | int) -> int:
        """A document's id, as ``_document`` finds it; for an id, without reading its row
        (a long transcript's row is megabytes, and this is asked on every key press)."""
        if isinstance(ref, int):
            found = session.scalar(select(Document.id).where(Document.id == ref))
            if found is None:
                raise CodebookError("unknown document {document}", document=ref)
            return found
        return resolve_document(session, ref).id

    @staticmethod
    def _code_id(session: Session, ref: str | int) -> int:
        """A code's id, from an id or from a path, unique name, guid or number as typed."""
        return ref if isinstance(ref, int) else resolve_code(session, ref).id
