"""The one text normalization every reader applies before offsets are computed.

Turn and coding offsets are code-point positions into the stored text, so the
text must be fixed once, here, before anything points into it: a reader that
normalized differently would make the same transcript produce other offsets
depending on how it was saved (BOM or not, CRLF or LF, decomposed accents).

What goes, and why:

- **Removed:** control characters (C0 but tab and line end, DEL, C1), a BOM
  inside the text, terminal escape sequences (``\\x1b[31m``,
  ``\\x1b]0;title\\x07``, removed whole: without the ESC, ``[31m`` would be
  left as text) and the bidirectional embedding, override and isolate
  characters (U+202A-U+202E, U+2066-U+2069). They are invisible or act on the
  terminal or on the order in which text is shown, so what the analyst reads
  and codes could differ from what is stored, and a raw escape sequence in the
  TUI would reach the terminal itself. They are removed rather than shown as
  placeholders because quotes and exports repeat the stored text: a
  placeholder would be quoted as if somebody had said it.
- **Replaced by a space:** characters that break a line without being our line
  end (vertical tab, form feed, NEL U+0085, U+2028, U+2029). The words on either
  side stay apart, but where a line, a speaker turn or a caption cue ends is
  decided by line ends alone, and the text keeps its length there. A lone CR
  stays a line end (old Mac files end lines that way); only caption readers,
  where a blank line ends a cue, turn the CRs of a file with LF line ends into
  spaces first (``Normalizer.space_stray_carriage_returns``).
- **Kept:** tabs, ZWJ (U+200D, emoji sequences), ZWNJ (U+200C, Persian) and the
  direction marks (U+200E, U+200F, U+061C). A mark is a zero-width character
  with a direction; it decides only on which side the punctuation and digits
  next to it are shown, which an Arabic or Hebrew quote needs to read as the
  speaker said it, whereas an override can show any run of letters backwards.

``Normalizer`` does the same as ``normalize_text`` and counts what it took
out, so that every reader can say so in the import summary.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from enum import Enum

# ECMA-48 sequences a terminal acts on: a control sequence (colours, cursor
# moves), an operating-system command (window title, hyperlink) ended by BEL or
# ESC \, and a character-set switch. None of them spans a line end, so they are
# found the same before and after line ends are rewritten.
_ESCAPE_SEQUENCE = (
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"
    r"|\][^\x07\x1b\r\n]{0,1024}(?:\x07|\x1b\\)"
    r"|[!-/]+[0-~])"
)
#: A terminal escape sequence, as ``normalize_text`` removes it.
ESCAPE_SEQUENCES = re.compile(_ESCAPE_SEQUENCE)

_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_LINE_BREAK_SET = frozenset(_LINE_BREAKS)
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")
# \r is not here: line ends are rewritten to \n first. A lone ESC is a control
# character when it does not start a sequence.
_STRAY = re.compile(f"{_ESCAPE_SEQUENCE}|[{_CONTROLS}{_BIDI_CONTROLS}{_LINE_BREAKS}]")
# Every stray starts with one of these (ESC is a control): one scan for this
# class tells a clean text, as most are, faster than the alternation above.
_STRAY_START = re.compile(f"[{_CONTROLS}{_BIDI_CONTROLS}{_LINE_BREAKS}]")
_LINE_ENDS = re.compile("\r\n?")
_CARRIAGE_RETURNS = re.compile("\r+(?=\n)|\r")

# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
    "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
)
# fmt: on


class _Kind(Enum):
    CONTROL = "control character"
    ESCAPE = "terminal escape sequence"
    BIDI = "bidirectional control"
    LINE_BREAK = "line break"


def normalize_text(text: str) -> str:
    """Return ``text`` with \\n line ends, NFC composition and nothing invisible that acts.

    Stray characters are handled before NFC composition so that a control
    character between a letter and its combining accent cannot keep them apart.
    """
    return _normalize(text, _replacement)


def stray_spans(text: str) -> list[tuple[int, int, str]]:
    """Where ``normalize_text`` removes (``""``) or replaces (one space) a part of ``text``.

    Line ends and NFC aside: they are what the REFI-QDA offset mapping counts
    on its own. Every replacement is as long as what it replaces.
    """
    if not _STRAY_START.search(text):
        return []
    return [(m.start(), m.end(), _replacement(m)) for m in _STRAY.finditer(text)]


class Normalizer:
    """``normalize_text`` that counts what it removed or replaced, for the import warnings.

    One per file: a caption reader normalizes the file and then each cue's text
    (entities such as ``&#x202e;`` only become characters there), and reports
    both together.
    """

    def __init__(self) -> None:
        self._found: Counter[tuple[_Kind, str]] = Counter()

    def normalize(self, text: str) -> str:
        return _normalize(text, self._count)

    def space_stray_carriage_returns(self, text: str) -> str:
        """Turn a CR that is not part of a line end into a space, in a text with LF line ends.

        For captions, where a blank line ends a cue: a lone CR inside cue text
        would otherwise become a line end, and two of them, or one next to a
        line end, a blank line that cuts the cue in two. CRs before an LF
        (``\\r\\r\\n`` from a CRLF file converted twice) are one line end. A
        text without any LF keeps its CRs: they are its line ends.
        """
        if "\r" not in text or "\n" not in text:
            return text
        return _CARRIAGE_RETURNS.sub(self._space_lone_carriage_return, text)

    def warnings(self) -> tuple[str, ...]:
        """One line per kind of character found, with what was found how often."""
        by_kind: dict[_Kind, list[tuple[str, int]]] = {}
        for (kind, label), count in self._found.items():
            by_kind.setdefault(kind, []).append((label, count))
        return tuple(_describe(kind, by_kind[kind]) for kind in _Kind if kind in by_kind)

    def _count(self, match: re.Match[str]) -> str:
        stray = match.group()
        self._found[_classify(stray)] += 1
        return _replacement(match)

    def _space_lone_carriage_return(self, match: re.Match[str]) -> str:
        if len(match.string) > match.end() and match.string[match.end()] == "\n":
            return ""
        self._found[_Kind.LINE_BREAK, "CR"] += 1
        return " "


def _normalize(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    if _STRAY_START.search(text):
        text = _STRAY.sub(replace, text)
    return unicodedata.normalize("NFC", text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _LINE_BREAK_SET else ""


def _classify(stray: str) -> tuple[_Kind, str]:
    if len(stray) > 1:
        return _Kind.ESCAPE, ""
    if stray in _LINE_BREAK_SET:
        return _Kind.LINE_BREAK, _label(stray)
    if _BIDI.match(stray):
        return _Kind.BIDI, _label(stray)
    return _Kind.CONTROL, _label(stray)


def _label(char: str) -> str:
    code = ord(char)
    if code < len(_C0_NAMES):
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    if code == 0x85:
        return "NEL"
    return f"U+{code:04X} {unicodedata.name(char, '')}".rstrip()


def _describe(kind: _Kind, found: list[tuple[str, int]]) -> str:
    total = sum(count for _, count in found)
    what = f"{total} {kind.value}{'' if total == 1 else 's'}"
    details = ", ".join(f"{count} {label}" for label, count in found if label)
    if kind is _Kind.ESCAPE:
        return f"removed {what} (colours or window titles for a terminal)"
    if kind is _Kind.BIDI:
        return f"removed {what} that can reorder text on screen: {details}"
    if kind is _Kind.LINE_BREAK:
        verb = "is" if total == 1 else "are"
        return f"replaced {what} that {verb} not a line end by a space: {details}"
    return f"removed {what}: {details}"
