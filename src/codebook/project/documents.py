"""Use cases on documents: importing transcripts, listing them, opening one, its attributes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from codebook.domain import CodebookError
from codebook.domain.documents import (
    DocumentData,
    DocumentRef,
    DocumentRow,
    ImportOutcome,
    ImportRequest,
)
from codebook.domain.languages import checked_language
from codebook.gc_pause import gc_paused
from codebook.project.base import ProjectBase
from codebook.services.documents import TypedValue, list_documents, set_attributes
from codebook.services.project_store import meta
from codebook.services.workspace import load_document

Progress = Callable[[int, int], None]


class DocumentDoor(ProjectBase):
    def import_transcripts(
        self, files: Sequence[Path], request: ImportRequest, progress: Progress | None = None
    ) -> list[ImportOutcome]:
        """Import transcript files and the transcripts in folders, each file all-or-nothing.

        The request's attribute, alias, sidecar and pseudonym inputs are all read
        and checked before the first file is, so a typo fails at once instead of
        failing every file alike. ``progress(done, total)`` follows the files.
        Ctrl-C stops the import between files: every file stored so far stays,
        whole, and the files not stored come back with the status "interrupted".
        """
        from codebook.services.importing.pseudonymise import load_pseudonyms
        from codebook.services.importing.sidecar import load_sidecar, parse_speaker_flag
        from codebook.services.transcripts import ImportOptions, expand_paths, import_files

        if request.language is None:
            with self._read() as session:
                language = meta(session, "language", "nl")
        else:
            language = checked_language(request.language)
        options = ImportOptions(
            language=language,
            detect=request.language is None,
            attributes=_attributes(request.attributes),
            sidecar=load_sidecar(request.sidecar) if request.sidecar else {},
            speaker_aliases=dict(parse_speaker_flag(flag) for flag in request.speakers),
            pseudonyms=load_pseudonyms(request.pseudonyms) if request.pseudonyms else {},
            max_bytes=int(request.max_mb * 1024 * 1024),
            cases=request.cases,
            speaker_cases=request.speaker_cases,
        )
        paths = [p for p in expand_paths(files) if p != request.sidecar]
        total = len(paths)
        if progress is not None:
            progress(0, total)
        done = 0

        def stored(_outcome: ImportOutcome) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        if self.coder is None:
            raise CodebookError("no coder chosen: give --coder NAME")
        outcomes = import_files(
            self._store, self.coder, paths, options, progress=stored, stop_on_interrupt=True
        )
        self._index_new_documents()
        return outcomes

    def _index_new_documents(self) -> None:
        """Index what an import stored, so the first search is instant."""
        from codebook.services.text_index.store import refresh_index, staleness

        with self._read() as session:
            if staleness(session).fresh:
                return
        with self._write() as session:
            refresh_index(session)

    def documents(self, where: Mapping[str, Sequence[str]] | None = None) -> list[DocumentRow]:
        """Every document with its attributes, size and coding progress, by name; with
        ``where``, those passing that attribute filter (as a query's ``Filters.where``)."""
        from codebook.services.retrieval.lookups import matching_documents

        with self._read() as session:
            rows = list_documents(session)
            kept = matching_documents(session, where or {})
        return rows if kept is None else [r for r in rows if r.id in kept]

    def document(self, ref: str | int) -> DocumentRef:
        """A document by name (with or without extension) or number."""
        with self._read() as session:
            found = self._document(session, ref)
            return DocumentRef(found.id, found.name)

    def open_document(self, document: str | int) -> DocumentData:
        """One document with all it needs to be coded: text, turns, sentences, codings.

        The garbage collector is paused while thousands of coding views are built:
        it would otherwise scan them over and over for nothing.
        """
        with gc_paused(), self._read() as session:
            return load_document(session, self._document_id(session, document))

    def set_attributes(
        self, document: str | int, values: Sequence[str]
    ) -> tuple[DocumentRef, tuple[str, ...]]:
        """Set attributes (``key=value`` or ``key:type=value``) of a document, undoably.

        Returns the document and the attribute names set.
        """
        parsed = _attributes(values)
        with self._write() as session:
            found = self._document(session, document)
            set_attributes(session, self._acting(session), found.id, parsed)
            return DocumentRef(found.id, found.name), tuple(parsed)


def _attributes(flags: Sequence[str]) -> dict[str, TypedValue]:
    """``key=value`` / ``key:type=value`` flags as typed attribute values, by name."""
    from codebook.services.importing.sidecar import parse_attr_flag

    out: dict[str, TypedValue] = {}
    for flag in flags:
        key, kind, value = parse_attr_flag(flag)
        out[key] = (kind, value)
    return out
