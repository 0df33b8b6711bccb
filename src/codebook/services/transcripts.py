"""Importing transcript files into a project, one file per transaction.

Reading and sentence splitting happen before the transaction opens, so a
slow parse never holds the project's write lock, and a file that fails leaves
no trace: its transaction is never committed. Several files are prepared in
worker processes, a file each; a single long one has its sentences split by
the workers, a stretch each (``importing.sentences``).

Ctrl-C or SIGTERM while a file is being stored takes effect once it is stored
or refused, so the summary of an interrupted import says exactly which files
are in the project.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from codebook.db.engine import Store
from codebook.domain import CodebookError, ParsedTranscript
from codebook.domain.documents import ImportOutcome
from codebook.gc_pause import gc_paused
from codebook.services.cases import clean_case_name, new_document_links
from codebook.services.documents import (
    DuplicateDocument,
    TypedValue,
    add_document,
)
from codebook.services.project_store import coder_id
from codebook.services.workers import (
    in_workers,
    signals_held,
    started_in_workers,
    workers_can_help,
    worth_spreading,
)

#: Files this large together are read by a worker while spaCy is built (about 170,000 words).
READ_AHEAD_BYTES = 1_000_000


@dataclass
class ImportOptions:
    """How to import; ``cases`` link every file to those cases, ``speaker_cases``
    makes each participant speaker a case (``services.cases``)."""

    language: str = "nl"
    #: Guess each file's language from its text, ``language`` when it is unclear.
    detect: bool = False
    attributes: Mapping[str, TypedValue] = field(default_factory=dict)
    sidecar: Mapping[str, Mapping[str, TypedValue]] = field(default_factory=dict)
    speaker_aliases: Mapping[str, str] = field(default_factory=dict)
    pseudonyms: Mapping[str, str] = field(default_factory=dict)
    max_bytes: int = 50 * 1024 * 1024
    cases: tuple[str, ...] = ()
    speaker_cases: bool = False

    def __post_init__(self) -> None:
        # checked here, before any file is read: a bad name would fail every file alike
        self.cases = tuple(clean_case_name(name) for name in self.cases)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the transcript files inside given folders (sorted, recursive)."""
    from codebook.services.importing import SUPPORTED_EXTENSIONS

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                # hidden folders hold copies and trash (.ipynb_checkpoints, .Trash), not transcripts
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(
                    Path(root) / f
                    for f in sorted(files)
                    if Path(f).suffix.lower() in SUPPORTED_EXTENSIONS and not f.startswith(".")
                )
        else:
            out.append(path)
    return out


def _attributes_for(path: Path, options: ImportOptions) -> dict[str, TypedValue]:
    merged: dict[str, TypedValue] = dict(options.sidecar.get(path.name, {}))
    merged.update(options.attributes)
    return merged


@dataclass(frozen=True)
class _Prepared:
    """A file read and split into sentences, ready to store (or the reason it can't be)."""

    path: Path
    parsed: ParsedTranscript | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    error: CodebookError | None = None
    language: str = "nl"
    language_defaulted: bool = False


def _prepare(path: Path, options: ImportOptions) -> _Prepared:
    """The CPU-heavy half of an import: no database, so it can run in another process."""
    return _split(_read(path, options), options)


def _read(path: Path, options: ImportOptions) -> _Prepared:
    """The file read into text and turns, without sentences yet."""
    from codebook.services.importing import read_transcript

    try:
        with gc_paused():
            parsed = read_transcript(
                path,
                speaker_aliases=options.speaker_aliases,
                pseudonyms=options.pseudonyms,
                max_bytes=options.max_bytes,
            )
        return _Prepared(path, parsed)
    except CodebookError as exc:
        return _Prepared(path, error=exc)
    except OSError as exc:
        problem = CodebookError("{file}: {problem}", file=path, problem=exc.strerror or exc)
        return _Prepared(path, error=problem)


def _split(read: _Prepared, options: ImportOptions, *, spread: bool = False) -> _Prepared:
    """A read file with its sentences; with ``spread``, a long text's split by workers."""
    from codebook.services.importing.sentences import sentence_spans

    if read.parsed is None:
        return read
    language, defaulted = options.language, False
    if options.detect:
        from codebook.services.importing.languages import detect_language

        language, detected = detect_language(read.parsed.text, read.parsed.turns, language)
        defaulted = not detected
    with gc_paused():
        sentences = sentence_spans(read.parsed.text, read.parsed.turns, language, spread=spread)
    return _Prepared(read.path, read.parsed, sentences, None, language, defaulted)


def _store(store: Store, coder: int, prepared: _Prepared, options: ImportOptions) -> ImportOutcome:
    """The database half: one transaction per file, so a failure leaves no trace."""
    path, parsed = prepared.path, prepared.parsed
    if parsed is None:
        return ImportOutcome(path, "failed", prepared.error)
    try:
        with store.write() as session:
            doc_id = add_document(
                session,
                coder,
                path.name,
                parsed,
                language=prepared.language,
                attributes=_attributes_for(path, options),
                sentences=prepared.sentences,
                cases=options.cases,
                speaker_cases=options.speaker_cases,
            )
    except DuplicateDocument as exc:
        problem = CodebookError("same text as '{existing}'", existing=exc.existing)
        return ImportOutcome(path, "duplicate", problem)
    except CodebookError as exc:
        return ImportOutcome(path, "failed", _naming(path, exc))
    return ImportOutcome(
        path,
        "imported",
        document_id=doc_id,
        encoding=parsed.encoding,
        turns=len(parsed.turns),
        words=parsed.words,
        cases=_case_names(parsed, options),
        speakers=len({turn.speaker.casefold() for turn in parsed.turns if turn.speaker}),
        warnings=parsed.warnings,
        language=prepared.language,
        language_defaulted=prepared.language_defaulted,
    )


def _case_names(parsed: ParsedTranscript, options: ImportOptions) -> tuple[str, ...]:
    """The cases ``add_document`` linked the file to, for the import's summary."""
    links = new_document_links(parsed.turns, options.cases, options.speaker_cases)
    return tuple(dict.fromkeys(name for name, _ in links))


def _naming(path: Path, error: CodebookError) -> CodebookError:
    """The message with the file in front, as every import error has it.

    Storing can refuse a file for reasons that know nothing of files (an
    attribute value of the wrong type); in a batch, the user must see which.
    """
    if str(error).startswith((str(path), path.name)):
        return error
    return CodebookError("{file}: {problem}", file=path, problem=error)


def _prepared_in_parallel(
    paths: Sequence[Path], options: ImportOptions
) -> Generator[_Prepared, None, None]:
    """Prepare files in worker processes (``services.workers``), yielding them in order."""
    from codebook.services.importing.sentences import warm_up

    warm_up(options.language)
    yield from in_workers(partial(_prepare, options=options), paths)


def _prepared_here(
    paths: Sequence[Path], options: ImportOptions, *, parallel: bool
) -> Generator[_Prepared, None, None]:
    """Prepare a few files here, a long text's sentences split by workers (``parallel``).

    Long files are read by a worker while this process builds spaCy: one
    after the other, the two would leave a core idle.
    """
    from codebook.services.importing.sentences import warm_up

    if parallel and workers_can_help() and _total_bytes(paths) >= READ_AHEAD_BYTES:
        with started_in_workers(partial(_read, options=options), paths, nice=0) as reading:
            warm_up(options.language)
            read = list(reading)
    else:
        read = [_read(path, options) for path in paths]
    for item in read:
        yield _split(item, options, spread=parallel)


def _total_bytes(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with suppress(OSError):  # reading it will say what is wrong
            total += path.stat().st_size
    return total


def import_files(
    store: Store,
    coder: str,
    paths: Sequence[Path],
    options: ImportOptions,
    progress: Callable[[ImportOutcome], None] | None = None,
    *,
    parallel: bool = True,
    stop_on_interrupt: bool = False,
) -> list[ImportOutcome]:
    """Import files one transaction each; several files are prepared in parallel processes,
    and so are the sentences of one long file.

    With ``stop_on_interrupt``, Ctrl-C ends the import instead of raising
    KeyboardInterrupt: the outcomes so far are returned, and every file not
    stored after them as "interrupted". The workers are gone either way.
    """
    many = parallel and worth_spreading(len(paths))
    prepared = (
        _prepared_in_parallel(paths, options)
        if many
        else _prepared_here(paths, options, parallel=parallel)
    )
    outcomes: list[ImportOutcome] = []
    try:
        with closing(prepared):
            with store.write() as session:
                coder_key = coder_id(session, coder)
            for item in prepared:
                with signals_held():
                    outcome = _store(store, coder_key, item, options)
                    outcomes.append(outcome)
                if progress is not None:
                    progress(outcome)
    except KeyboardInterrupt:
        if not stop_on_interrupt:
            raise
        outcomes.extend(ImportOutcome(path, "interrupted") for path in paths[len(outcomes) :])
    return outcomes
