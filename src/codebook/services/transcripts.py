"""Importing transcript files into a project, one file per transaction.

Reading and sentence splitting happen before the transaction opens, so a
slow parse never holds the project's write lock, and a file that fails leaves
no trace: its transaction is never committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from codebook.db.engine import Store
from codebook.domain import CodebookError, ParsedTranscript
from codebook.services.documents import TypedValue, add_document, find_duplicate
from codebook.services.project import coder_id


@dataclass
class ImportOutcome:
    path: Path
    status: str  # "imported", "duplicate" or "failed"
    detail: str = ""
    document_id: int | None = None
    encoding: str | None = None
    turns: int = 0
    words: int = 0


@dataclass
class ImportOptions:
    language: str = "nl"
    attributes: Mapping[str, TypedValue] = field(default_factory=dict)
    sidecar: Mapping[str, Mapping[str, TypedValue]] = field(default_factory=dict)
    speaker_aliases: Mapping[str, str] = field(default_factory=dict)
    pseudonyms: Mapping[str, str] = field(default_factory=dict)
    max_bytes: int = 50 * 1024 * 1024


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the transcript files inside given folders (sorted, recursive)."""
    from codebook.services.importing import SUPPORTED_EXTENSIONS

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
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


def import_one(store: Store, coder: str, path: Path, options: ImportOptions) -> ImportOutcome:
    """Read, split and store one file; never raises for a bad file, reports it instead."""
    from codebook.services.importing import read_transcript
    from codebook.services.importing.sentences import sentence_spans

    try:
        parsed: ParsedTranscript = read_transcript(
            path,
            speaker_aliases=options.speaker_aliases,
            pseudonyms=options.pseudonyms,
            max_bytes=options.max_bytes,
        )
        with store.read() as session:
            duplicate = find_duplicate(session, parsed.text)
        if duplicate is not None:
            return ImportOutcome(path, "duplicate", f"same text as '{duplicate}'")
        sentences = sentence_spans(parsed.text, parsed.turns, options.language)
        with store.write() as session:
            doc_id = add_document(
                session,
                coder_id(session, coder),
                path.name,
                parsed,
                language=options.language,
                attributes=_attributes_for(path, options),
                sentences=sentences,
            )
    except CodebookError as exc:
        return ImportOutcome(path, "failed", str(exc))
    except OSError as exc:
        return ImportOutcome(path, "failed", f"{path}: {exc.strerror or exc}")
    from codebook.services.documents import word_count

    return ImportOutcome(
        path,
        "imported",
        document_id=doc_id,
        encoding=parsed.encoding,
        turns=len(parsed.turns),
        words=word_count(parsed.text),
    )


def import_files(
    store: Store,
    coder: str,
    paths: Sequence[Path],
    options: ImportOptions,
    progress: Callable[[ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    outcomes = []
    for path in paths:
        outcome = import_one(store, coder, path, options)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
