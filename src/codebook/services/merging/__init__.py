"""Merging separately coded copies of one project (``codebook merge PROJECT OTHER``).

``copy`` reads the other copy into plain values, ``codebook`` works out the
codebook the merge leads to, and ``apply`` brings everything in as one
undoable action.
"""

from codebook.services.merging.apply import merge_copy
from codebook.services.merging.copy import OtherCopy, read_copy

__all__ = ["OtherCopy", "merge_copy", "read_copy"]
