"""Reading RTF transcripts (WordPad, TextEdit, older transcription software)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from codebook.domain import ImportFailed
from codebook.services.importing.extracted import DocumentText

_ANSI_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")


def read(path: Path, data: bytes) -> DocumentText:
    """The plain text of an RTF document; its code page comes from ``\\ansicpg``."""
    from striprtf.striprtf import rtf_to_text as untyped_rtf_to_text

    rtf_to_text: Callable[..., object] = untyped_rtf_to_text

    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise ImportFailed("{file}: not an RTF file (it does not start with {{\\rtf)", file=path)
    # RTF is 7-bit ASCII with escapes; stray 8-bit bytes are in the document's
    # code page, and latin-1 maps every byte so decoding cannot fail.
    source = data.decode("latin-1")
    code_page = _ANSI_CODE_PAGE.search(data[:4096])
    encoding = f"cp{code_page.group(1).decode()}" if code_page else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
    except Exception as error:  # striprtf raises whatever its regexes and codecs raise
        raise ImportFailed(
            "{file}: not a valid RTF file ({problem})", file=path, problem=type(error).__name__
        ) from None
    if not isinstance(text, str):
        raise ImportFailed("{file}: not a valid RTF file", file=path)
    return DocumentText(text)
