"""``python -m sarcref`` and the ``sarcref`` console script."""

from __future__ import annotations

import signal
import sys


def main() -> None:
    # Ctrl-C at any moment, even while modules are still being imported, ends the run
    # quietly with 130: nothing is written before a command's transaction commits.
    try:
        from .cli.entry import run
        from .cli.exits import GuardedStream

        sys.stdout = GuardedStream(sys.stdout)
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        code = 130
    _exit(code)


def _exit(code: int) -> None:
    """Flush and leave; an interrupt during the interpreter's shutdown is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            code = code or 141
        except Exception:
            code = code or 3
        else:
            continue
        from .cli.exits import silence_stdout

        silence_stdout()
    sys.exit(code)


if __name__ == "__main__":
    main()
