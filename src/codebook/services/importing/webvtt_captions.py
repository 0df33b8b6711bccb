"""Reading WebVTT captions (Zoom and Teams recordings).

webvtt-py silently skips cues whose timing it cannot read, which would drop
speech without a word. The timing lines are therefore checked here first, so
a damaged file is refused with the line that is wrong.

Exports do not always start with the ``WEBVTT`` line: some put blank lines
after the BOM, or a title and a meeting id before it. Such lines hold no
speech, so they are left out with a warning instead of refusing the file; a
cue timing before the header, or more than a few lines, would mean that
something else is wrong, and is still refused. Likewise, text that webvtt-py
would drop because a blank line cut it off from its cue is reported.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from codebook.domain import CodebookError, ImportFailed
from codebook.services.importing.captions import attribute_prefixes, cue_text_parts
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.extracted import CaptionTrack, Cue
from codebook.services.importing.normalize import Normalizer

_TIMESTAMP = r"(?:(\d{1,10}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})"
_TIMING_LINE = re.compile(rf"[ \t]*{_TIMESTAMP}[ \t]*-->[ \t]*{_TIMESTAMP}(?:[ \t].*)?")
_HEADER = re.compile(r"[ \t]*WEBVTT(?:[ \t].*)?")
_NOT_CUES = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")

#: Lines with text allowed before the WEBVTT header (a title, a meeting id, a date).
MAX_LINES_BEFORE_HEADER = 5


def read(path: Path, data: bytes) -> CaptionTrack:
    """Parse a .vtt file into cues; voice tags or ``Name:``/``[Name]`` prefixes give the speaker."""
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    decoded = decode_text(data, str(path))
    normalizer = Normalizer()
    lines = normalizer.normalize(normalizer.space_stray_carriage_returns(decoded.text)).split("\n")
    header = _header_line(lines, path)
    _check_timings(lines, path)
    body = [lines[header].lstrip(" \t"), *lines[header + 1 :]]
    try:
        captions = webvtt.from_buffer(io.StringIO("\n".join(body))).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise _invalid(path, str(error)) from None

    cues: list[Cue] = []
    for caption in captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        for voice, part in cue_text_parts(caption.raw_text, normalizer.normalize):
            cues.append(Cue(part, start, end, voice))
    warnings = [*_skipped_before_header(lines[:header]), *_text_outside_cues(body, header)]
    warnings.extend(normalizer.warnings())
    return CaptionTrack(tuple(attribute_prefixes(cues)), decoded.encoding, tuple(warnings))


def _header_line(lines: list[str], path: Path) -> int:
    """The index of the WEBVTT line, when only a few lines without cues come before it."""
    header = next((n for n, line in enumerate(lines) if _HEADER.fullmatch(line)), None)
    first = lines[0]
    if header is None:
        found = _quote(first) if first.strip() else CodebookError("a blank line")
        raise _invalid(
            path, CodebookError("line 1: expected the WEBVTT header, found {found}", found=found)
        )
    before = [(n, line) for n, line in enumerate(lines[:header], 1) if line.strip()]
    timing = next(((n, line) for n, line in before if "-->" in line), None)
    if timing is not None:
        raise _invalid(
            path,
            CodebookError(
                "line {line}: cue timing {text} before the WEBVTT header on line {header}",
                line=timing[0],
                text=_quote(timing[1]),
                header=header + 1,
            ),
        )
    if len(before) > MAX_LINES_BEFORE_HEADER:
        number, line = before[0]
        raise _invalid(
            path,
            CodebookError(
                "line {line}: {text} and {more} more lines "
                "before the WEBVTT header on line {header}",
                line=number,
                text=_quote(line),
                more=len(before) - 1,
                header=header + 1,
            ),
        )
    return header


def _check_timings(lines: list[str], path: Path) -> None:
    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        match = _TIMING_LINE.fullmatch(line)
        if match is None or not _valid_timestamps(match):
            raise _invalid(
                path,
                CodebookError("line {line}: bad cue timing {text}", line=number, text=_quote(line)),
            )
        start, end = _milliseconds(match.groups()[:4]), _milliseconds(match.groups()[4:8])
        if end < start:
            raise _invalid(
                path,
                CodebookError(
                    "line {line}: cue ends before it starts {text}", line=number, text=_quote(line)
                ),
            )


def _invalid(path: Path, problem: CodebookError | str) -> ImportFailed:
    return ImportFailed("{file}: not a valid WebVTT file ({problem})", file=path, problem=problem)


def _skipped_before_header(lines: list[str]) -> list[str]:
    texts = [_quote(line) for line in lines if line.strip()]
    if texts:
        what = "1 line" if len(texts) == 1 else f"{len(texts)} lines"
        return [f"ignored {what} before the WEBVTT header: {', '.join(texts)}"]
    if lines:
        what = "1 blank line" if len(lines) == 1 else f"{len(lines)} blank lines"
        return [f"ignored {what} before the WEBVTT header"]
    return []


def _text_outside_cues(body: list[str], header: int) -> list[str]:
    """Blocks webvtt-py drops without a word: text that is not a cue, note, style or region.

    ``header`` is the index of the body's first line in the file, for line numbers.
    """
    stray = [
        (number, block[0])
        for number, block in list(_blocks(body, header + 1))[1:]
        if not any("-->" in line for line in block[:2]) and not _NOT_CUES.fullmatch(block[0])
    ]
    if not stray:
        return []
    number, first = stray[0]
    blocks = "1 block" if len(stray) == 1 else f"{len(stray)} blocks"
    return [
        f"ignored {blocks} of text outside any cue (a blank line ends a cue), "
        f"the first on line {number}: {_quote(first)}"
    ]


def _blocks(lines: list[str], first_number: int) -> Iterator[tuple[int, list[str]]]:
    """The blocks of lines as webvtt-py splits them, each with the number of its first line.

    A block ends at an empty line, or before a timing line that cannot be
    the current block's own (its first line, or its second after a cue id).
    """
    block: list[str] = []
    start = first_number
    in_header = True
    for number, line in enumerate(lines, first_number):
        new_block = block and "-->" in line and (in_header or len(block) > 1 or "-->" in block[0])
        if block and (not line or new_block):
            yield start, block
            block = []
            in_header = False
        if line:
            if not block:
                start = number
            block.append(line)
    if block:
        yield start, block


def _valid_timestamps(match: re.Match[str]) -> bool:
    groups = match.groups()
    return all(int(groups[i]) <= 59 and int(groups[i + 1]) <= 59 for i in (1, 5))


def _milliseconds(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, fraction = parts
    total = (int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)) * 1000
    return total + int((fraction or "").ljust(3, "0"))


def _quote(line: str) -> str:
    line = line.strip()
    return repr(line if len(line) <= 60 else line[:57] + "...")
