"""``sarcref rm KEY...``: remove records."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import UsageError
from . import output
from .app import app
from .context import complete_keys, open_library, read_keys


@app.command()
def rm(
    keys: Annotated[
        list[str],
        typer.Argument(
            metavar="KEY...",
            help="Keys to remove; '-' reads them from stdin.",
            autocompletion=complete_keys,
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove records from the library (all or none).

    Asks first on a terminal; without a terminal it needs --yes.

    Example: sarcref rm lerman2015local --yes
    """
    wanted = read_keys(keys)
    with open_library() as library:
        records = library.get_many(wanted)
        if not yes:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise UsageError(
                    "not removing without confirmation", hint="add --yes to remove without asking"
                )
            listed = ", ".join(r.key for r in records)
            if not typer.confirm(f"Remove {len(records)} record(s): {listed}?", default=False):
                output.message("nothing removed")
                raise typer.Exit(1)
        removed = library.remove([r.key for r in records])
    output.message(f"removed {len(removed)} record(s): {', '.join(removed)}")
