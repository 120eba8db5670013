"""The command-line interface: a thin Typer veneer over the sarcref core."""

from __future__ import annotations

import os
import sys

from . import (  # noqa: F401  (each module registers its command)
    cite,
    edit,
    export,
    import_cmd,
    list_cmd,
    rm,
    search,
    show,
    styles_cmd,
    tag,
)
from .app import app

# Global options that take a value, and those that end the run before any command.
_GLOBAL_WITH_VALUE = ("--library",)


def invoked_command(argv: list[str]) -> str | None:
    """The command a command line runs (after the global options), if it names one."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def run() -> None:
    # Typer builds a Click command from the signature of every registered command on each
    # run (about 3 ms a command). A run of one command needs only that one; help, completion
    # and unknown names keep them all.
    name = invoked_command(sys.argv[1:])
    if name is not None and "_SARCREF_COMPLETE" not in os.environ:
        from typer.main import get_command_name

        chosen = [
            info
            for info in app.registered_commands
            if (info.name or get_command_name(info.callback.__name__ if info.callback else ""))
            == name
        ]
        if chosen:
            app.registered_commands = chosen
    app(prog_name="sarcref")
