"""The command-line interface: a thin Typer veneer over the sarcref core."""

from __future__ import annotations

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


def run() -> None:
    app(prog_name="sarcref")
