"""Spreading CPU-bound work over worker processes, yielding results in order.

Reading transcripts and splitting sentences are independent per document and
CPU-bound, so they run on every core while the main process stores what is
done. Workers are forked after the caller has built what they share (the
spaCy pipeline), so none pays the second it takes to build. They run at a
lower priority: storing, which cannot be spread, must not wait for a core
behind them (an import took half as long again when it did). A forked child
ends without running finalizers, so a database connection the parent holds is
never touched by a worker.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer items than this are done in this process: starting workers would cost more.
PARALLEL_FROM = 4
MAX_WORKERS = 4


def worth_spreading(count: int) -> bool:
    """Whether ``count`` items are worth workers here (several cores, and fork to share)."""
    return count >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")


def in_workers(function: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
    """``function`` over ``items`` in forked worker processes, results in the items' order.

    A queue, not a list, holds what is pending: each result is let go as soon
    as the caller has taken it instead of piling up until the end.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(len(items), os.cpu_count() or 1, MAX_WORKERS)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=os.nice, initargs=(5,)
    ) as pool:
        futures = deque(pool.submit(function, item) for item in items)
        while futures:
            yield futures.popleft().result()
