"""``python -m sarcref`` and the ``sarcref`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # `--version` alone needs none of the CLI: answer it before importing Typer (~70 ms).
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"sarcref {__version__}\n")
        return
    # Pipeline commands (`search --format keys`, `cite`, `show`) skip Typer (~100 ms).
    if {"search", "cite", "show"} & set(sys.argv[1:5]):
        from .fastpath import run as answer_without_typer

        code = answer_without_typer(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from .cli import run

    run()


if __name__ == "__main__":
    main()
