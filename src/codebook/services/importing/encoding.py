"""Turning the bytes of a text transcript into text, and saying how it was done.

Transcripts reach researchers from many machines: Word's "plain text" export
(often UTF-16 with a BOM), old Windows tools writing cp1252, editors writing
UTF-8 with or without a BOM. A BOM is decisive, strict UTF-8 is almost never
wrong when it succeeds, and only then is a statistical guess needed. The
guess is biased towards cp1252 because the transcripts this tool is built for
are Dutch and English, and charset-normalizer, left alone, likes to call short
Dutch cp1252 text cp1250 or even UTF-16.

A file is refused as binary when it starts like a common binary format (an
image, an archive, a PDF, an office or media file renamed to .txt), or when,
once decoded, more than a few percent of it are control characters. A few
NULs, bells or terminal colour codes in a real transcript are not a reason to
refuse it: normalization removes them and says so. Random bytes and
executables hold about one control character in nine.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from codebook.domain import ImportFailed
from codebook.services.importing.normalize import ESCAPE_SEQUENCES

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Bytes 0x80-0x9F that cp1252 maps to printable characters (curly quotes,
# dashes, the euro sign, ...). In latin-1 they are C1 controls, which no real
# transcript contains, so their presence says "Windows code page".
_CP1252_PRINTABLE_HIGH = frozenset(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}

# Control characters that do not occur in text: everything in C0 except the
# whitespace ones, plus DEL.
_NON_TEXT_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# More control characters than this share (outside terminal escape sequences) is binary.
_MAX_CONTROL_SHARE = 0.05

# How common binary formats start: a renamed picture, archive or document is
# refused at once, whatever its bytes would decode to.
_BINARY_SIGNATURES = re.compile(
    rb"\x89PNG\r\n\x1a\n"  # PNG
    rb"|\xff\xd8\xff"  # JPEG
    rb"|GIF8[79]a"
    rb"|%PDF-"
    rb"|PK(?:\x03\x04|\x05\x06|\x07\x08)"  # zip: .docx, .odt, .xlsx, .qdpx, ...
    rb"|\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .doc, .xls, .msg
    rb"|\x1f\x8b"  # gzip
    rb"|BZh[1-9]1AY&SY"
    rb"|\xfd7zXZ\x00"
    rb"|7z\xbc\xaf\x27\x1c"
    rb"|Rar!\x1a\x07"
    rb"|\x28\xb5\x2f\xfd"  # zstd
    rb"|\x7fELF"
    rb"|\xcf\xfa\xed\xfe|\xca\xfe\xba\xbe"  # Mach-O
    rb"|SQLite format 3\x00"
    rb"|II\*\x00|MM\x00\*"  # TIFF
    rb"|RIFF.{4}(?:WAVE|AVI |WEBP)"
    rb"|.{4}ftyp"  # MP4, M4A, MOV, HEIC
    rb"|OggS|fLaC|ID3[\x02-\x04]|\x1aE\xdf\xa3",  # audio, Matroska/WebM video
    re.DOTALL,
)

# Multi-byte encodings where a cp1252 reading is never the better explanation.
_MULTIBYTE_PREFIXES: tuple[str, ...] = (
    "utf",
    "big5",
    "gb",
    "hz",
    "euc",
    "shift",
    "cp932",
    "cp949",
    "cp950",
    "iso2022",
    "johab",
    "ksc",
    "cp1361",
)

_WORD = re.compile(r"[^\W\d_]+")


class DecodedText(NamedTuple):
    """The decoded text and the encoding name to show the user (e.g. ``"cp1252"``)."""

    text: str
    encoding: str


def decode_text(data: bytes, source: str) -> DecodedText:
    """Decode transcript bytes; ``source`` is the file name used in error messages.

    The text is returned as decoded (BOM removed, otherwise untouched);
    normalization is a separate step.
    """
    if _BINARY_SIGNATURES.match(data):
        raise ImportFailed("{file}: not a text file (binary content)", file=source)
    decoded = _decode(data, source)
    if not _mostly_text(decoded.text):
        # valid in the encoding but full of control characters: not something a person wrote
        raise ImportFailed("{file}: not a text file (binary content)", file=source)
    return decoded


def _mostly_text(text: str) -> bool:
    """Whether control characters, terminal escape sequences aside, are rare enough for text."""
    if "\x1b" in text:
        text = ESCAPE_SEQUENCES.sub("", text)
    return len(_NON_TEXT_CONTROLS.findall(text)) <= len(text) * _MAX_CONTROL_SHARE


def _decode(data: bytes, source: str) -> DecodedText:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            return DecodedText(_decode_strict(data[len(bom) :], codec, source), name)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return DecodedText(mixed, "utf-8+cp1252")
    return _guess_single_byte(data, source)


def _mostly_utf8(data: bytes) -> str | None:
    """Decode UTF-8 with a few stray cp1252 bytes, as left by pasting between editors.

    Reading such a file as cp1252 would garble every correct UTF-8 character
    ("Ã«" for "ë"), so when valid multi-byte UTF-8 outnumbers the bytes that
    are not, the stray bytes alone are read as cp1252 (latin-1 if undefined).
    """
    parts: list[str] = []
    stray = 0
    position = 0
    while True:
        try:
            parts.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            end = position + error.start
            parts.append(data[position:end].decode("utf-8"))
            bad = data[end : position + error.end]
            stray += len(bad)
            parts.append("".join(_single_byte(byte) for byte in bad))
            position += error.end
    text = "".join(parts)
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - stray
    return text if multibyte > stray else None


def _single_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _decode_strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise ImportFailed(
            "{file}: not valid {codec} text although it starts with a "
            "{codec} byte order mark (bad bytes at offset {offset})",
            file=source,
            codec=codec.upper(),
            offset=error.start,
        ) from None


def _bomless_utf16(data: bytes) -> DecodedText | None:
    """Recognise UTF-16 without a BOM by its NUL bytes all falling on one side.

    Latin-script UTF-16 has a NUL in (nearly) every other byte; binary files
    have NULs scattered over both positions.
    """
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, codec in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls >= half * 0.3 and other <= nuls * 0.02:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text):
                return DecodedText(text, codec)
    return None


def _guess_single_byte(data: bytes, source: str) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    as_cp1252 = _cp1252_text(data)
    if as_cp1252 is not None and _looks_latin_script(as_cp1252):
        best_is_multibyte = best is not None and best.encoding.startswith(_MULTIBYTE_PREFIXES)
        has_cp1252_punctuation = any(byte in _CP1252_PRINTABLE_HIGH for byte in data)
        if (
            best is None
            or str(best) == as_cp1252
            or has_cp1252_punctuation
            or not best_is_multibyte
            or (best.encoding.startswith("utf") and b"\x00" not in data)
        ):
            return DecodedText(as_cp1252, "cp1252")
    if best is None:
        raise ImportFailed("{file}: not a text file (binary content)", file=source)
    return DecodedText(str(best), codecs.lookup(best.encoding).name)


def _cp1252_text(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _mostly_text(text) else None


def _looks_latin_script(text: str) -> bool:
    """Tell Western text from Cyrillic, Greek, ... misread as cp1252.

    Read as cp1252, a Russian or Greek single-byte text turns into words made
    entirely of accented letters ("Ïðèâåò"); Dutch, French or German words mix
    their accented letters with plain ASCII ones ("Geïnterviewde", "één" is
    short enough to pass).
    """
    accented_words = 0
    foreign_looking = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        accented_words += 1
        ascii_letters = sum(1 for char in word if char.isascii())
        if ascii_letters == 0 and len(word) >= 4:
            foreign_looking += 1
    return accented_words == 0 or foreign_looking <= accented_words * 0.3
