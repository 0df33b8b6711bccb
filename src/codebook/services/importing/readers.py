"""The one entry point that turns a transcript file into a ParsedTranscript.

Format readers only extract text; this module applies the steps every format
shares in a fixed order (size and existence checks, normalization,
pseudonymisation, turn detection or caption assembly), so the offsets of a
transcript do not depend on which format it happened to be saved in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from codebook.domain import ImportFailed, ParsedTranscript
from codebook.services.importing import (
    open_document,
    plain_text,
    rich_text,
    subrip_captions,
    webvtt_captions,
    word_docx,
)
from codebook.services.importing.captions import assemble
from codebook.services.importing.extracted import CaptionTrack, Extracted
from codebook.services.importing.normalize import Normalizer
from codebook.services.importing.pseudonymise import Pseudonymiser, pseudonymise_turns
from codebook.services.importing.speakers import detect_turns

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: A transcript read as one block cannot be coded by turn or counted per speaker:
#: the summary must say so rather than report a plain success.
NO_SPEAKERS = "no speaker labels found: the text is one turn without a speaker"

FormatReader = Callable[[Path, bytes], Extracted]

READERS: dict[str, FormatReader] = {
    ".docx": word_docx.read,
    ".md": plain_text.read,
    ".odt": open_document.read,
    ".rtf": rich_text.read,
    ".srt": subrip_captions.read,
    ".txt": plain_text.read,
    ".vtt": webvtt_captions.read,
}

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(READERS))


def read_transcript(
    path: Path,
    *,
    speaker_aliases: Mapping[str, str] | None = None,
    pseudonyms: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedTranscript:
    """Read a transcript file; every problem is an ImportFailed whose message starts with the path.

    ``speaker_aliases`` renames speaker labels (``{"I": "Interviewer"}``);
    ``pseudonyms`` replaces real names (whole words, any case) in the text and
    in speaker names before anything is stored.
    """
    extension = path.suffix.lower()
    reader = READERS.get(extension)
    if reader is None:
        shown = extension or "(none)"
        raise ImportFailed(
            "{file}: unsupported format '{extension}' (supported: {choices})",
            file=path,
            extension=shown,
            choices=", ".join(SUPPORTED_EXTENSIONS),
        )
    data = _read_bytes(path, max_bytes)
    if not data and extension not in (".docx", ".odt"):
        raise ImportFailed("{file}: empty transcript", file=path)

    extracted = reader(path, data)
    pseudonymiser = Pseudonymiser(pseudonyms or {})
    source_format = extension.lstrip(".")

    warnings = list(extracted.warnings)
    if isinstance(extracted, CaptionTrack):
        text, turns = assemble(
            extracted.cues,
            speaker_aliases=speaker_aliases,
            transform=pseudonymiser if pseudonymiser else None,
        )
    else:
        normalizer = Normalizer()
        text = normalizer.normalize(extracted.text)
        warnings.extend(normalizer.warnings())
        detected = detect_turns(text, speaker_aliases=speaker_aliases)
        warnings.extend(detected.warnings)
        text, turns = pseudonymise_turns(text, detected.turns, pseudonymiser)

    if not text.strip():
        raise ImportFailed("{file}: empty transcript", file=path)
    if not any(turn.speaker for turn in turns):
        warnings.append(NO_SPEAKERS)
    return ParsedTranscript(
        text, turns, source_format, extracted.encoding, warnings=tuple(warnings)
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFailed("{file}: file not found", file=path) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if path.is_dir():
        raise ImportFailed("{file}: is a directory, not a file", file=path)
    if size > max_bytes:
        raise ImportFailed(
            "{file}: too large ({size}, limit {limit})",
            file=path,
            size=_size(size),
            limit=_size(max_bytes),
        )
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise _unreadable(path, error) from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise ImportFailed(
            "{file}: too large (over the limit of {limit})", file=path, limit=_size(max_bytes)
        )
    return data


def _unreadable(path: Path, error: OSError) -> ImportFailed:
    return ImportFailed(
        "{file}: cannot be read ({problem})", file=path, problem=error.strerror or error
    )


def _size(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
