"""``python -m sarcref`` and the ``sarcref`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # Ctrl-C at any moment, even while modules are still being imported, ends the run
    # quietly with 130: nothing is written before a command's transaction commits. This
    # module imports nothing before this point, so the only moments left uncovered are
    # Python's own start-up and the import of `sarcref` (which imports nothing either).
    try:
        from .pausing import pause_point

        pause_point("main")
        from .cli.entry import run
        from .cli.exits import GuardedStream

        sys.stdout = GuardedStream(sys.stdout)
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        code = 130
    _exit(code)


def _exit(code: int) -> None:
    """Flush and leave; an interrupt during the interpreter's shutdown is ignored."""
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        code = 130
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
