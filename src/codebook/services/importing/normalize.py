"""The one text normalization every reader applies before offsets are computed.

Turn and coding offsets are code-point positions into the stored text, so the
text must be fixed once, here, before anything points into it: a reader that
normalized differently would make the same transcript produce other offsets
depending on how it was saved (BOM or not, CRLF or LF, decomposed accents).
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except \t (U+0009) and \n (U+000A), DEL, the C1 block and the BOM
# (U+FEFF, which inside text is a deprecated zero-width no-break space). \r is
# matched too, but line ends are rewritten to \n before this runs.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
_LINE_ENDS = re.compile("\r\n?")


def normalize_text(text: str) -> str:
    """Return ``text`` with \\n line ends, NFC composition and no stray control characters.

    Control characters are removed before NFC composition so that a control
    character between a letter and its combining accent cannot keep them apart.
    Everything else (emoji, astral characters, U+200D in emoji sequences, tabs)
    is kept as it is.
    """
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    text = _CONTROL_CHARACTERS.sub("", text)
    return unicodedata.normalize("NFC", text)
