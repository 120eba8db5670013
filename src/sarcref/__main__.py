"""``python -m sarcref`` and the ``sarcref`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # `--version` alone needs none of the CLI: answer it before importing Typer (~70 ms).
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"sarcref {__version__}\n")
        return
    from .cli import run

    run()


if __name__ == "__main__":
    main()
