"""Suggested codings: the codebook's keywords and a learned classifier propose, an analyst decides.

``queue`` stores and lists suggestions and turns an analyst's accept or
reject into one undoable action; ``keywords`` matches the codebook's
keywords on lemmas; ``examples`` reads the coded sentences a model learns
from; ``learning`` trains, evaluates and applies spaCy's multi-label text
classifier. The unit throughout is one sentence of a document.
"""
