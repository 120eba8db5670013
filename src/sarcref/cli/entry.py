"""The one place that decides how a command line is served.

A command line that names a command is read by ``parsing`` and its handler runs here,
without Typer (which takes about 70 ms to import and build); help, shell completion and a
bare ``sarcref`` go to the Typer app of ``typer_app``, which draws them from the same
declarations. Either way a run ends in ``exits.finish``.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

from . import exits
from .parsing import CommandLineError, Invocation, parse


def run(argv: list[str]) -> int:
    """Run the command line *argv* (without the program name); its exit code."""
    if argv in (["--version"], ["-V"]):
        from .. import __version__

        sys.stdout.write(f"sarcref {__version__}\n")
        return exits.OK
    if "_SARCREF_COMPLETE" in os.environ:
        return _typer(argv)
    try:
        invocation = parse(argv)
    except CommandLineError as error:
        exits.message_for(error)
        return error.exit_code
    if invocation is None:
        return _typer(argv)
    return execute(invocation)


def execute(invocation: Invocation) -> int:
    """Run a parsed command line's handler through the error sink."""
    from .session import Session

    module_name, _, function = invocation.command.handler.partition(":")

    def call() -> int | None:
        handler = getattr(import_module(f"sarcref.cli.commands.{module_name}"), function)
        session = Session(invocation)
        try:
            code: int | None = handler(session)
        finally:
            session.report_warnings()
        return code

    return exits.finish(call, debug=invocation.debug)


def _typer(argv: list[str]) -> int:
    from .typer_app import app

    try:
        app(args=argv, prog_name="sarcref", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else exits.USAGE)
    return exits.OK
