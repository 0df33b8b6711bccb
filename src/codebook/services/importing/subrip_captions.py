"""Reading SubRip (.srt) captions, as exported by transcription services."""

from __future__ import annotations

import re
from pathlib import Path

from codebook.domain import ImportFailed
from codebook.services.importing.captions import attribute_prefixes, cue_text_parts
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.extracted import CaptionTrack, Cue
from codebook.services.importing.normalize import normalize_text

_TIMING_ATTEMPT = re.compile(r"\d+:\d+|-+>")
_TIMESTAMP = r"(\d{1,3}):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?"
_TIMING_LINE = re.compile(rf"[ \t]*{_TIMESTAMP}[ \t]*-->[ \t]*{_TIMESTAMP}(?:[ \t].*)?")


def read(path: Path, data: bytes) -> CaptionTrack:
    """Parse a .srt file into cues; ``Name: `` prefixes or voice tags give the speaker."""
    import srt

    decoded = decode_text(data, str(path))
    text = normalize_text(decoded.text)
    _check_timings(text, path)
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as error:
        problem = _describe_unparsed(text, error.expected_start, error.actual_start)
        raise ImportFailed(f"{path}: not a valid SubRip file ({problem})") from None
    except srt.TimestampParseError as error:
        raise ImportFailed(f"{path}: not a valid SubRip file ({error})") from None

    cues: list[Cue] = []
    for subtitle in subtitles:
        start = subtitle.start.total_seconds()
        end = subtitle.end.total_seconds()
        if end < start:
            raise ImportFailed(
                f"{path}: not a valid SubRip file (cue {subtitle.index} ends before it starts)"
            )
        for voice, part in cue_text_parts(subtitle.content):
            cues.append(Cue(part, start, end, voice))
    return CaptionTrack(tuple(attribute_prefixes(cues)), decoded.encoding)


def _check_timings(text: str, path: Path) -> None:
    """Refuse timing lines srt would misread (it takes "00:00:0x,000" as 0 seconds)."""
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" not in line:
            continue
        match = _TIMING_LINE.fullmatch(line)
        if match is None or any(int(match.group(i)) > 59 for i in (2, 3, 6, 7)):
            raise ImportFailed(
                f"{path}: not a valid SubRip file (line {number}: bad cue timing {_quote(line)})"
            )
        if _milliseconds(match.groups()[4:]) < _milliseconds(match.groups()[:4]):
            raise ImportFailed(
                f"{path}: not a valid SubRip file "
                f"(line {number}: cue ends before it starts {_quote(line)})"
            )


def _milliseconds(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, fraction = parts
    total = (int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)) * 1000
    return total + int((fraction or "").ljust(3, "0"))


def _describe_unparsed(text: str, start: int, end: int) -> str:
    """Point at the line srt could not read: a broken timing line if there is one."""
    first_line = text.count("\n", 0, start) + 1
    lines = text[start:end].split("\n")
    numbered = [(first_line + index, line.strip()) for index, line in enumerate(lines)]
    content = [(number, line) for number, line in numbered if line]
    if not content:
        return f"line {first_line}: unexpected text"
    for number, line in content:
        if _TIMING_ATTEMPT.search(line):
            return f"line {number}: bad cue timing {_quote(line)}"
    number, line = content[0]
    return f"line {number}: unexpected text {_quote(line)}"


def _quote(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")
