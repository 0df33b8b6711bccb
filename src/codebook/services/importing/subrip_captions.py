"""Reading SubRip (.srt) captions, as exported by transcription services.

Some exports put a title or blank lines before the first cue. They hold no
speech, so a few such lines are left out with a warning; more than a few
would mean the file is something else, and srt's own complaint stands.
"""

from __future__ import annotations

import re
from pathlib import Path

from codebook.domain import CodebookError, ImportFailed
from codebook.services.importing.captions import attribute_prefixes, cue_text_parts
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.extracted import CaptionTrack, Cue
from codebook.services.importing.normalize import Normalizer

_TIMING_ATTEMPT = re.compile(r"\d+:\d+|-+>")
_TIMESTAMP = r"(\d{1,3}):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?"
_TIMING_LINE = re.compile(rf"[ \t]*{_TIMESTAMP}[ \t]*-->[ \t]*{_TIMESTAMP}(?:[ \t].*)?")

#: Lines with text allowed before the first cue (a title, a date).
MAX_LINES_BEFORE_FIRST_CUE = 5


def read(path: Path, data: bytes) -> CaptionTrack:
    """Parse a .srt file into cues; ``Name:``/``[Name]`` prefixes or voice tags give the speaker."""
    import srt

    decoded = decode_text(data, str(path))
    normalizer = Normalizer()
    text = normalizer.normalize(normalizer.space_stray_carriage_returns(decoded.text))
    _check_timings(text, path)
    text, warnings = _blank_lines_before_first_cue(text)
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as error:
        problem = _describe_unparsed(text, error.expected_start, error.actual_start)
        raise _invalid(path, problem) from None
    except srt.TimestampParseError as error:
        raise _invalid(path, str(error)) from None

    cues: list[Cue] = []
    for subtitle in subtitles:
        start = subtitle.start.total_seconds()
        end = subtitle.end.total_seconds()
        if end < start:
            raise _invalid(
                path, CodebookError("cue {cue} ends before it starts", cue=subtitle.index)
            )
        for voice, part in cue_text_parts(subtitle.content, normalizer.normalize):
            cues.append(Cue(part, start, end, voice))
    warnings.extend(normalizer.warnings())
    return CaptionTrack(tuple(attribute_prefixes(cues)), decoded.encoding, tuple(warnings))


def _blank_lines_before_first_cue(text: str) -> tuple[str, list[str]]:
    """Empty the few lines before the first cue, so that line numbers in errors stay right."""
    lines = text.split("\n")
    timing = next((n for n, line in enumerate(lines) if "-->" in line), None)
    if timing is None:
        return text, []
    first_cue = timing - 1 if timing and lines[timing - 1].strip().isdigit() else timing
    before = [line.strip() for line in lines[:first_cue] if line.strip()]
    if len(before) > MAX_LINES_BEFORE_FIRST_CUE:
        return text, []
    blanked = "\n".join([""] * first_cue + lines[first_cue:])
    if not before:
        return blanked, []
    shown = ", ".join(_quote(line) for line in before)
    lines_word = "line" if len(before) == 1 else "lines"
    return blanked, [f"ignored {len(before)} {lines_word} before the first cue: {shown}"]


def _check_timings(text: str, path: Path) -> None:
    """Refuse timing lines srt would misread (it takes "00:00:0x,000" as 0 seconds)."""
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" not in line:
            continue
        match = _TIMING_LINE.fullmatch(line)
        if match is None or any(int(match.group(i)) > 59 for i in (2, 3, 6, 7)):
            raise _invalid(path, _bad_timing(number, line))
        if _milliseconds(match.groups()[4:]) < _milliseconds(match.groups()[:4]):
            raise _invalid(
                path,
                CodebookError(
                    "line {line}: cue ends before it starts {text}", line=number, text=_quote(line)
                ),
            )


def _invalid(path: Path, problem: CodebookError | str) -> ImportFailed:
    return ImportFailed("{file}: not a valid SubRip file ({problem})", file=path, problem=problem)


def _bad_timing(number: int, line: str) -> CodebookError:
    return CodebookError("line {line}: bad cue timing {text}", line=number, text=_quote(line))


def _milliseconds(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, fraction = parts
    total = (int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)) * 1000
    return total + int((fraction or "").ljust(3, "0"))


def _describe_unparsed(text: str, start: int, end: int) -> CodebookError:
    """Point at the line srt could not read: a broken timing line if there is one."""
    first_line = text.count("\n", 0, start) + 1
    lines = text[start:end].split("\n")
    numbered = [(first_line + index, line.strip()) for index, line in enumerate(lines)]
    content = [(number, line) for number, line in numbered if line]
    if not content:
        return CodebookError("line {line}: unexpected text", line=first_line)
    for number, line in content:
        if _TIMING_ATTEMPT.search(line):
            return _bad_timing(number, line)
    number, line = content[0]
    return CodebookError("line {line}: unexpected text {text}", line=number, text=_quote(line))


def _quote(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")
