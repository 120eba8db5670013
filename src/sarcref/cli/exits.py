"""Exit codes, and the one place where a failure becomes a message and an exit code.

Every command line, whichever way it runs, ends in :func:`finish`: a typed error is its
message (and hint) on standard error with the code the contract gives it; Ctrl-C is 130,
silently; a reader that went away is 141, silently; standard output that cannot be written
(a full disk) is 3 naming the cause; anything else is a bug: 70, with advice to run again
with ``--debug``, which shows the traceback instead.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

from ..errors import DataError, SarcrefError

OK = 0
NOT_FOUND = 1
USAGE = 2
BAD_DATA = 3
INTERNAL_ERROR = 70
TEMPORARY_FAILURE = 75
INTERRUPTED = 130
BROKEN_PIPE = 141


class OutputError(DataError):
    """Standard output could not be written (a full disk, a device error)."""


class GuardedStream:
    """Standard output that reports a failed write as :class:`OutputError`.

    A broken pipe stays a BrokenPipeError (exit 141); any other OSError of a write or a
    flush says which stream failed and why, instead of surfacing as a bug.
    """

    def __init__(self, stream: TextIO, name: str = "standard output") -> None:
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self.failed(error) from None

    @property
    def buffer(self) -> GuardedBuffer:
        return GuardedBuffer(self.stream.buffer, self)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self.failed(error) from None

    def failed(self, error: OSError) -> OutputError:
        reason = error.strerror or os.strerror(error.errno or errno.EIO)
        return OutputError(f"cannot write to {self.name}: {reason}")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class GuardedBuffer:
    """The binary buffer under a GuardedStream, reporting a failed write the same way."""

    def __init__(self, buffer: Any, guard: GuardedStream) -> None:
        self.raw = buffer
        self.guard = guard

    def write(self, data: bytes) -> int:
        try:
            written: int = self.raw.write(data)
            self.raw.flush()
            return written
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self.guard.failed(error) from None


def message_for(error: SarcrefError) -> None:
    """Print a typed error (and its hint) on standard error."""
    from .printing import error as print_error

    print_error(error.message, error.hint)


def finish(run: Callable[[], int | None], *, debug: bool) -> int:
    """Run *run* and turn every way it can end into an exit code (see the module doc)."""
    try:
        code = run()
        sys.stdout.flush()
        return code or OK
    except SarcrefError as error:
        if debug:
            raise
        _quiet_stdout_if_broken(error)
        message_for(error)
        return error.exit_code
    except KeyboardInterrupt:
        if debug:
            raise
        return INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return BROKEN_PIPE
    except RecursionError as error:
        if debug:
            raise
        from .printing import error as print_error

        print_error(
            f"the input is nested too deeply to read ({error})",
            "flatten it (a crossref chain or a JSON structure thousands of levels deep)",
        )
        return BAD_DATA
    except Exception as error:
        if debug:
            raise
        from .printing import error as print_error

        print_error(
            f"internal error: {type(error).__name__}: {error}",
            "this is a bug in sarcref; run again with --debug for the traceback",
        )
        return INTERNAL_ERROR


def _quiet_stdout_if_broken(error: SarcrefError) -> None:
    if isinstance(error, OutputError):
        silence_stdout()


def silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
