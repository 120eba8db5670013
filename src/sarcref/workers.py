"""Worker processes: how many sarcref may use, and how part of a job runs in one.

Reading a big BibTeX file and rendering a long bibliography are pure Python holding the
GIL, so threads cannot share them out; another process on another CPU can. This module
owns the one policy both follow:

- How many processes, the parent included: at most ``SARCREF_WORKERS`` (``1`` turns
  workers off; unset or not a number: ``MAXIMUM_WORKERS``), at most the CPUs this process
  may run on, and one for a job too small to pay for starting another process.
- How: a fork where that is safe (Linux, and a single thread in the process, since a fork
  copies no lock another thread may hold), which shares the parent's memory copy-on-write
  and sends back only pickled results through a pipe. Where it is not, ``map_slices``
  keeps the work in the parent and ``Aside`` starts a fresh interpreter instead.
- Failure: a worker that fails for any reason (an error, a crash, an interrupt, no
  process to be had) gives no result, and the parent does that part of the work itself,
  so the outcome, errors included, is what one process would give.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAXIMUM_WORKERS = 4

_ENTRY = "from sarcref.workers import aside_main; aside_main()"


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where known, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_limit() -> int:
    """The most processes (the parent included) any job may use."""
    cap = MAXIMUM_WORKERS
    setting = os.environ.get("SARCREF_WORKERS", "").strip()
    if setting.isdigit():
        cap = max(1, int(setting))
    return max(1, min(cap, available_cpus()))


def fork_is_safe() -> bool:
    """Whether a fork can copy this process without surprises (Linux, one thread)."""
    return sys.platform == "linux" and threading.active_count() == 1


def worker_count(size: int, minimum: int) -> int:
    """How many forked processes (the parent included) should share *size* units of work,
    when fewer than *minimum* units are not worth a fork."""
    if size < minimum or not fork_is_safe():
        return 1
    return max(1, min(worker_limit(), size // max(1, minimum // 2)))


# -- sharing a job out over forked processes ------------------------------------------------
def map_slices(compute: Callable[[int, int], list[R]], size: int, minimum: int) -> list[R]:
    """``compute(0, size)``, with ``compute(start, end)`` of later slices run in forks.

    *compute* must be a pure function of its slice: it returns one result per index in
    ``range(start, end)``.
    """
    workers = worker_count(size, minimum)
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
            children.append(_fork_slice(compute, start, end))
        results = compute(bounds[0], bounds[1])
        for child in children:
            results.extend(child.collect(compute))
        return results
    finally:
        if freeze:
            gc.unfreeze()
        for child in children:
            child.discard()


def map_items(function: Callable[[T], R], items: Sequence[T], minimum: int) -> list[R]:
    """``[function(item) for item in items]``, shared out as :func:`map_slices` does."""
    return map_slices(
        lambda start, end: [function(item) for item in items[start:end]], len(items), minimum
    )


@dataclass
class _Child:
    """A slice of the work and the forked process computing it (None: the parent will)."""

    pid: int | None
    reader: int | None
    start: int
    end: int
    done: bool = False

    def collect(self, compute: Callable[[int, int], list[R]]) -> list[R]:
        """The child's results; the parent's own computation if the child has none."""
        results = _read_child(self)
        if isinstance(results, list) and len(results) == self.end - self.start:
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


def _read_child(child: _Child) -> Any | None:
    """What a forked child sent (None if it failed), once it has been reaped."""
    if child.pid is None or child.reader is None or child.done:
        return None
    child.done = True
    with os.fdopen(child.reader, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        return None
    return pickle.loads(data)


def _fork_slice(compute: Callable[[int, int], list[R]], start: int, end: int) -> _Child:
    return _fork(lambda: compute(start, end), start, end)


def _fork(work: Callable[[], Any], start: int = 0, end: int = 0) -> _Child:
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:  # no process to be had (a limit, memory): the parent will do it
        return _Child(None, None, start, end)
    if pid == 0:  # the child: compute, write, and leave without unwinding the parent's frames
        code = 1
        try:
            os.close(reader)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as stream:
                stream.write(data)
            code = 0
        except BaseException:  # any failure: the parent does the work and reports it
            pass
        finally:
            os._exit(code)
    os.close(writer)
    return _Child(pid, reader, start, end)


# -- one call aside -------------------------------------------------------------------------
class Aside:
    """``module.function(*args)`` in another process while this one works on something
    else; a context manager. ``result()`` is the return value, or None if there was no
    worker to be had or it failed (the caller then makes the call itself).

    Arguments and result travel pickled; the function is named by module and name so that
    a fresh interpreter can find it where a fork is not safe.
    """

    def __init__(self, module: str, function: str, *args: Any) -> None:
        self.call = (module, function, args)
        self.child: _Child | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Aside:
        if worker_limit() < 2:
            return self
        if fork_is_safe():
            self.child = _fork(lambda: _run(*self.call))
        elif not getattr(sys, "frozen", False):  # (a bundled executable runs no -c)
            self._spawn()
        return self

    def _spawn(self) -> None:
        payload = pickle.dumps(self.call, pickle.HIGHEST_PROTOCOL)
        # The interpreter imports sarcref from wherever this process did.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _ENTRY],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            return
        self.process = process
        # Written from a thread: the pipe blocks once full, until the worker reads.
        threading.Thread(target=_feed, args=(process, payload), daemon=True).start()

    def result(self) -> Any | None:
        """The function's return value, or None if no worker gave one."""
        if self.child is not None:
            return _read_child(self.child)
        process = self.process
        if process is None or process.stdout is None:
            return None
        output = process.stdout.read()
        if process.wait() != 0 or not output:
            return None
        return pickle.loads(output)

    def __exit__(self, *exc: object) -> None:
        # Interrupted, or an error here: the worker's result is moot.
        if self.child is not None:
            self.child.discard()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _run(module: str, function: str, args: tuple[Any, ...]) -> Any:
    return getattr(import_module(module), function)(*args)


def _feed(process: subprocess.Popen[bytes], payload: bytes) -> None:
    assert process.stdin is not None
    try:
        with process.stdin:
            process.stdin.write(payload)
    except OSError:
        pass  # the worker is gone; result() notices


def aside_main() -> None:
    """A fresh interpreter's side of :class:`Aside`: read the call, run it, write the result."""
    module, function, args = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(_run(module, function, args), pickle.HIGHEST_PROTOCOL))
