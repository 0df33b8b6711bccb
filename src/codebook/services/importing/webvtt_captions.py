"""Reading WebVTT captions (Zoom and Teams recordings).

webvtt-py silently skips cues whose timing it cannot read, which would drop
speech without a word. The timing lines are therefore checked here first, so
a damaged file is refused with the line that is wrong.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from codebook.domain import ImportFailed
from codebook.services.importing.captions import attribute_prefixes, cue_text_parts
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.extracted import CaptionTrack, Cue
from codebook.services.importing.normalize import normalize_text

_TIMESTAMP = r"(?:(\d{1,10}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})"
_TIMING_LINE = re.compile(rf"[ \t]*{_TIMESTAMP}[ \t]*-->[ \t]*{_TIMESTAMP}(?:[ \t].*)?")


def read(path: Path, data: bytes) -> CaptionTrack:
    """Parse a .vtt file into cues; voice tags or ``Name: `` prefixes give the speaker."""
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    decoded = decode_text(data, str(path))
    text = normalize_text(decoded.text)
    _check_structure(text, path)
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise ImportFailed(f"{path}: not a valid WebVTT file ({error})") from None

    cues: list[Cue] = []
    for caption in captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        for voice, part in cue_text_parts(caption.raw_text):
            cues.append(Cue(part, start, end, voice))
    return CaptionTrack(tuple(attribute_prefixes(cues)), decoded.encoding)


def _check_structure(text: str, path: Path) -> None:
    lines = text.split("\n")
    first = lines[0]
    if not (first.startswith("WEBVTT") and first[6:7] in ("", " ", "\t")):
        where = next((n for n, line in enumerate(lines, 1) if line.startswith("WEBVTT")), None)
        found = _quote(first) if first.strip() else "a blank line"
        problem = (
            f"{found} before the WEBVTT header on line {where}"
            if where is not None
            else f"expected the WEBVTT header, found {found}"
        )
        raise ImportFailed(f"{path}: not a valid WebVTT file (line 1: {problem})")
    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        match = _TIMING_LINE.fullmatch(line)
        if match is None or not _valid_timestamps(match):
            raise ImportFailed(
                f"{path}: not a valid WebVTT file (line {number}: bad cue timing {_quote(line)})"
            )
        start, end = _milliseconds(match.groups()[:4]), _milliseconds(match.groups()[4:8])
        if end < start:
            raise ImportFailed(
                f"{path}: not a valid WebVTT file "
                f"(line {number}: cue ends before it starts {_quote(line)})"
            )


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
