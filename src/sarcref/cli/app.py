"""The Typer application: global options and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import SarcrefError
from . import output
from .context import state

INTERRUPTED = 130
BROKEN_PIPE = 141
INTERNAL_ERROR = 70


class SarcrefGroup(TyperGroup):
    """Runs a command and turns every failure into a message and a documented exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SarcrefError as error:
            if state.debug:
                raise
            output.error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            if state.debug:
                raise
            output.error("interrupted; the library is as it was before this command")
            raise typer.Exit(INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`sarcref list | head`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(BROKEN_PIPE) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            if state.debug or getattr(error, "__module__", "").startswith("typer._click"):
                raise
            output.error(
                f"internal error: {type(error).__name__}: {error}",
                "this is a bug in sarcref; run again with --debug for the traceback",
            )
            raise typer.Exit(INTERNAL_ERROR) from None


app = typer.Typer(
    cls=SarcrefGroup,
    name="sarcref",
    help="A reference manager for the terminal: a local library, search, and citations "
    "in any CSL style.",
    epilog="Run `sarcref COMMAND --help` for a command's options. Exit codes: 0 success, "
    "1 nothing found, 2 usage error, 3 bad data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Help and usage errors drawn with rich on a terminal; plain text when piped.
    rich_markup_mode="rich"
    if output.use_rich(sys.stdout) and output.use_rich(sys.stderr)
    else None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sarcref {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    library: Annotated[
        str | None,
        typer.Option(
            "--library",
            metavar="PATH",
            help="Library file to use (default: $SARCREF_LIBRARY, else the user data folder).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show Python tracebacks instead of short messages.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    state.library_path = library
    state.debug = debug
