"""The command-line interface: a thin Typer veneer over the sarcref core."""

from __future__ import annotations

# Each module registers its command.
from . import (  # noqa: F401
    cite,
    edit,
    export,
    import_cmd,
    list_cmd,
    rm,
    show,
    styles_cmd,
    tag,
)
from .app import app


def run() -> None:
    app(prog_name="sarcref")
