"""Spreading CPU-bound work over worker processes, yielding results in order.

Reading transcripts and splitting sentences are independent per document (or
per stretch of a long one) and CPU-bound, so they run on every core while the
main process stores what is done. Workers are forked after the caller has
built what they share (the spaCy pipeline), so none pays the second it takes
to build. Beside a caller that stores what they prepare, they run at a lower
priority: storing, which cannot be spread, must not wait for a core behind
them (an import took half as long again when it did). A forked child ends
without running finalizers, so a database connection the parent holds is
never touched by a worker.

Workers never outlive the import that started them:

- The pool forks every worker in its first ``submit``, in the calling thread.
  Each worker asks Linux (``PR_SET_PDEATHSIG``) for SIGKILL when that thread
  ends, so a parent killed with SIGKILL takes its workers along; elsewhere a
  thread in the worker looks for its parent every half second.
- Ctrl-C reaches every process of the terminal's group; workers ignore it and
  the parent decides. SIGTERM raises ``SystemExit`` in the parent while
  workers run, so both end the pool on the way out. Neither is acted on while
  the workers are being forked: a worker forked but not yet known to the pool
  could not be stopped, and the parent would wait for it when it exits.
- Ending the pool cancels what has not started and stops the workers now,
  not after their current file. A worker told to stop while it sends a
  result gets a few seconds to finish sending: a half-sent result would leave
  the pool's reader waiting for the rest for ever.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from codebook.gc_pause import heap_frozen

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer items than this are done in this process: starting workers would cost more.
PARALLEL_FROM = 4
MAX_WORKERS = 4
#: How often a worker that Linux cannot watch for it looks whether its parent is gone.
PARENT_CHECK_SECONDS = 0.5
#: How long a worker told to stop may take to finish sending a result (milliseconds
#: when the parent reads; the parent may have stopped reading).
SEND_GRACE_SECONDS = 5

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1

# A worker's own state, set in the worker process only.
_busy = False
_stop_asked = False


def worth_spreading(count: int) -> bool:
    """Whether ``count`` items are worth workers here."""
    return count >= PARALLEL_FROM and workers_can_help()


def workers_can_help() -> bool:
    """Whether workers can run beside this process: several cores, and fork to share."""
    return (os.cpu_count() or 1) > 1 and hasattr(os, "fork")


def in_workers(
    function: Callable[[Item], Result], items: Sequence[Item], *, nice: int = 5
) -> Iterator[Result]:
    """``function`` over ``items`` in forked worker processes, results in the items' order.

    The workers start when the first result is asked for (``started_in_workers``
    starts them at once). A caller that stops early should close the iterator,
    which ends the workers at once.
    """
    if items:
        with started_in_workers(function, items, nice=nice) as results:
            yield from results


@contextmanager
def started_in_workers(
    function: Callable[[Item], Result], items: Sequence[Item], *, nice: int = 5
) -> Iterator[Iterator[Result]]:
    """Worker processes set to work on ``items`` now; the block takes the results in order.

    A queue, not a list, holds what is pending: each result is let go as soon
    as the caller has taken it instead of piling up until the end. Leaving the
    block before every result is taken (an exception, a break) ends the
    workers at once. ``nice`` lowers the workers' priority below the caller's,
    for a caller with work of its own meanwhile; one that only waits for them
    passes 0, so they are not put behind every other process on a busy machine.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=max(1, min(len(items), os.cpu_count() or 1, MAX_WORKERS)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started,
        initargs=(os.getpid(), nice),
    )
    futures: deque[Future[Result]] = deque()
    with _terminated_as_exit(), heap_frozen():
        try:
            with signals_held(), _signals_blocked():  # the pool forks in its first submit
                futures.extend(pool.submit(_run_item, function, item) for item in items[:1])
            futures.extend(pool.submit(_run_item, function, item) for item in items[1:])
            yield _in_order(futures)
        finally:
            if futures:
                _stop_now(pool)
            else:
                pool.shutdown()


def _in_order(futures: deque[Future[Result]]) -> Iterator[Result]:
    while futures:
        futures[0].result()  # interrupted while waiting, it stays pending: the pool is stopped
        yield futures.popleft().result()


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends, then act as they would have.

    For work that must not be cut in two: storing a file, forking the
    workers. Only the main thread can set handlers, and one set outside
    Python (which could not be put back) is left alone.
    """
    if threading.current_thread() is not threading.main_thread() or any(
        signal.getsignal(number) is None for number in _STOP_SIGNALS
    ):
        yield
        return
    caught: list[int] = []
    previous = {
        number: signal.signal(number, lambda received, _frame: caught.append(received))
        for number in _STOP_SIGNALS
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for received in caught:
            signal.raise_signal(received)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    # the pool's own list of its workers: Python 3.14 adds terminate_workers() for this
    processes = list(pool._processes.values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit while the block runs, so the pool is ended on the way out.

    Only the main thread can set handlers, and a handler someone else set is left alone.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _exit_terminated)
    try:
        yield
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _exit_terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Ctrl-C and SIGTERM stay pending in a new worker until it has set its own handlers.

    A forked child starts with its parent's handlers, which are no use to it.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _worker_started(parent: int, nice: int) -> None:
    """A new worker: its priority, its own signal handling, and an end with its parent."""
    os.nice(nice)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_asked_by_parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if not _killed_with_parent():
        threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the watch began
        os._exit(1)


def _killed_with_parent() -> bool:
    """Ask Linux for SIGKILL when the thread that forked this process ends."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def watch_parent(parent: int, interval: float = PARENT_CHECK_SECONDS) -> None:
    """End this process once ``parent`` is no longer its parent (it ended; we were re-parented)."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _stop_asked_by_parent(_signum: int, _frame: object) -> None:
    global _stop_asked
    if _busy:
        os._exit(1)  # working on an item: nothing is half-sent
    _stop_asked = True
    if hasattr(signal, "alarm"):
        signal.alarm(SEND_GRACE_SECONDS)  # SIGALRM's default action ends the process


def _run_item(function: Callable[[Item], Result], item: Item) -> Result:
    global _busy
    if _stop_asked:
        os._exit(1)
    _busy = True
    try:
        return function(item)
    finally:
        _busy = False
