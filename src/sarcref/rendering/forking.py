"""Per-record work of a long bibliography spread over forked processes.

Rendering is pure Python holding the GIL, so threads cannot share it out; a forked child can.
It shares the compiled style and the records with its parent copy-on-write, computes one
slice of the work, and sends back plain results (strings, tuples) through a pipe, so nothing
but those results crosses between processes.

Only where that is safe and pays: Linux (fork without surprises), two or more CPUs, a single
thread in the process (a fork never copies a lock held elsewhere), and enough records to
outweigh a fork (``MINIMUM``). ``SARCREF_WORKERS=1`` turns it off; ``SARCREF_WORKERS=N`` caps
the number of processes. A child that fails for any reason (a record that cannot be
rendered, an interrupt, a crash) sends nothing usable, and the parent computes that slice
itself: the outcome, errors included, is what one process would give.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 200  # records; below this a fork (a few ms) costs more than it saves
MAXIMUM_WORKERS = 4


def worker_count(size: int) -> int:
    """How many processes (the parent included) should share *size* records of work."""
    if size < MINIMUM or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    cap = MAXIMUM_WORKERS
    setting = os.environ.get("SARCREF_WORKERS", "").strip()
    if setting.isdigit():
        cap = max(1, int(setting))
    return max(1, min(cap, available_cpus(), size // (MINIMUM // 2)))


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))


def map_slices(compute: Callable[[int, int], list[R]], size: int) -> list[R]:
    """``compute(0, size)``, with ``compute(start, end)`` of later slices run in children.

    *compute* must be a pure function of its slice: it returns one result per index in
    ``range(start, end)``.
    """
    workers = worker_count(size)
    if workers == 1:
        return compute(0, size)
    bounds = [size * n // workers for n in range(workers + 1)]
    children: list[_Child] = []
    # Objects made so far are left out of garbage collection while children run (as the
    # gc docs advise before a fork): a collection in a child would write to every
    # object's header and so copy every page it shares with the parent. (A program that
    # froze objects itself keeps its own freeze.)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        for start, end in zip(bounds[1:-1], bounds[2:], strict=True):
            try:
                children.append(_fork(compute, start, end))
            except OSError:  # no process to be had (a limit, memory): do the rest here
                children.append(_Child(None, None, start, end))
        results = compute(bounds[0], bounds[1])
        for child in children:
            results.extend(child.collect(compute))
        return results
    finally:
        if freeze:
            gc.unfreeze()
        for child in children:
            child.discard()


def map_items(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``, shared out as :func:`map_slices` does."""
    return map_slices(lambda start, end: [function(item) for item in items[start:end]], len(items))


@dataclass
class _Child:
    """A slice of the work and the process computing it (None: the parent will)."""

    pid: int | None
    reader: int | None
    start: int
    end: int
    done: bool = False

    def collect(self, compute: Callable[[int, int], list[R]]) -> list[R]:
        """The child's results; the parent's own computation if the child has none."""
        if self.pid is not None and self.reader is not None:
            self.done = True
            with os.fdopen(self.reader, "rb") as stream:
                data = stream.read()
            _, status = os.waitpid(self.pid, 0)
            if os.waitstatus_to_exitcode(status) == 0 and data:
                results: list[R] = pickle.loads(data)
                if len(results) == self.end - self.start:
                    return results
        return compute(self.start, self.end)

    def discard(self) -> None:
        """Stop and reap a child whose results are no longer wanted (the parent failed)."""
        if self.done or self.pid is None or self.reader is None:
            return
        self.done = True
        os.close(self.reader)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def _fork(compute: Callable[[int, int], list[R]], start: int, end: int) -> _Child:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, write, and leave without unwinding the parent's frames
        code = 1
        try:
            os.close(reader)
            data = pickle.dumps(compute(start, end), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as stream:
                stream.write(data)
            code = 0
        except BaseException:  # any failure: the parent computes the slice and reports it
            pass
        finally:
            os._exit(code)
    os.close(writer)
    return _Child(pid, reader, start, end)
