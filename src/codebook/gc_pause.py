"""Pausing Python's cyclic garbage collector while many long-lived objects are built.

Building tens of thousands of small objects (the quotes of a theme, a
document's codings, spaCy's tokens and sentences of a transcript) sets off
full collections that scan the whole heap and find nothing to free: a third
of the time of retrieving a large theme, a quarter of an import worker's.
Reference counting still frees everything in the meantime; the collector
resumes afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block; nested pauses leave the outer one in force."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Leave every object alive now out of cyclic collections until the block ends.

    For a parent that forks workers: its collections stop rescanning a heap that
    the block does not change, and the forked workers inherit that heap frozen,
    so their collections neither scan it nor copy its pages by touching it. An
    import used 10% less CPU in both. A heap frozen before (the TUI freezes its
    start-up objects) stays frozen.
    """
    already_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not already_frozen:
            gc.unfreeze()
