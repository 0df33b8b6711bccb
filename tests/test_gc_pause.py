"""The collector pauses used by retrieval and import leave the process as they found it."""

from __future__ import annotations

import gc

import pytest

from codebook.gc_pause import gc_paused, heap_frozen


def test_collection_resumes_after_a_pause_and_an_outer_pause_holds(thawed_gc: None) -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause ended, the outer one still holds
    assert gc.isenabled()


def test_collection_resumes_after_an_error(thawed_gc: None) -> None:
    with pytest.raises(ValueError, match="boom"), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_frozen_heap_thaws_after_the_block(thawed_gc: None) -> None:
    with heap_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_before_stays_frozen(thawed_gc: None) -> None:
    gc.freeze()  # as the TUI does at start-up
    before = gc.get_freeze_count()
    with heap_frozen():
        pass
    assert gc.get_freeze_count() >= before > 0
