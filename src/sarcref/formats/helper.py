"""Run one function in a second Python process while this one works on something else.

Reading a big file is pure Python and uses one core; a helper process reads part of it on
the other. Arguments and result travel pickled through the helper's standard input and
output (both ends are sarcref). Should the helper fail, ``result()`` is None and the caller
does the work itself.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from importlib import import_module
from typing import Any

_ENTRY = "from sarcref.formats.helper import main; main()"


class Helper:
    """``module.function(*args)`` in a helper process; use as a context manager."""

    def __init__(self, module: str, function: str, *args: Any) -> None:
        self.payload = pickle.dumps((module, function, args), pickle.HIGHEST_PROTOCOL)
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Helper:
        if getattr(sys, "frozen", False):
            return self  # a bundled executable is not a Python that runs -c
        # The helper imports sarcref from wherever this process did.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _ENTRY],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            return self
        # Written from a thread: the pipe blocks once full, until the helper reads.
        threading.Thread(target=self._feed, args=(self.process,), daemon=True).start()
        return self

    def _feed(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None
        try:
            with process.stdin:
                process.stdin.write(self.payload)
        except OSError:
            pass  # the helper is gone; result() notices

    def result(self) -> Any | None:
        """The function's return value, or None if the helper failed."""
        if self.process is None or self.process.stdout is None:
            return None
        output = self.process.stdout.read()
        if self.process.wait() != 0:
            return None
        return pickle.loads(output)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # interrupted, or an error here: the helper's work is moot
            self.process.wait()


def main() -> None:
    """The helper's side: read the call, run it, write the result."""
    module, function, args = pickle.loads(sys.stdin.buffer.read())
    result = getattr(import_module(module), function)(*args)
    sys.stdout.buffer.write(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
