"""Reading plain-text and Markdown transcripts: the text is stored as written."""

from __future__ import annotations

from pathlib import Path

from codebook.services.importing.encoding import decode_text
from codebook.services.importing.extracted import DocumentText


def read(path: Path, data: bytes) -> DocumentText:
    """The decoded text and the encoding it was found in."""
    decoded = decode_text(data, str(path))
    return DocumentText(decoded.text, decoded.encoding)
