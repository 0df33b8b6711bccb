"""Value types shared by every layer: no I/O, no framework.

The readers, the services, the project door, the CLI and the TUI exchange
these objects without pulling in SQLAlchemy or Textual; every view a face
shows is one of them. The names every layer uses most are importable from
here; the others from the module that says what they are.
"""

from codebook.domain.codebook import (
    FIELD_LABELS,
    STRUCTURED_FIELDS,
    TEXT_FIELDS,
    CodebookSpec,
    CodeFields,
    CodeSpec,
)
from codebook.domain.errors import CodebookError, CodebookFileError, ImportFailed
from codebook.domain.transcripts import AttributeType, AttributeValue, ParsedTranscript, TurnSpan

__all__ = [
    "FIELD_LABELS",
    "STRUCTURED_FIELDS",
    "TEXT_FIELDS",
    "AttributeType",
    "AttributeValue",
    "CodeFields",
    "CodeSpec",
    "CodebookError",
    "CodebookFileError",
    "CodebookSpec",
    "ImportFailed",
    "ParsedTranscript",
    "TurnSpan",
]
