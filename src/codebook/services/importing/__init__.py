"""Reading transcripts and their side files into the shared domain types.

``read_transcript`` is the entry point for transcripts; the sidecar,
pseudonym and sentence helpers serve the import command around it.
"""

from codebook.services.importing.pseudonymise import load_pseudonyms, pseudonymise
from codebook.services.importing.readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    read_transcript,
)
from codebook.services.importing.sentences import sentence_spans
from codebook.services.importing.sidecar import load_sidecar, parse_attr_flag

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "load_pseudonyms",
    "load_sidecar",
    "parse_attr_flag",
    "pseudonymise",
    "read_transcript",
    "sentence_spans",
]
