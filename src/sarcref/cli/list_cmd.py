"""``sarcref list``: every record."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from . import output
from .app import app
from .context import open_library


class ListSort(str, Enum):
    added = "added"
    key = "key"
    year = "year"
    newest = "-year"
    author = "author"
    by_title = "title"


@app.command("list")
def list_records(
    sort: Annotated[
        ListSort, typer.Option("--sort", "-s", help="Order of the records.")
    ] = ListSort.added,
    fmt: Annotated[
        output.ListFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (tab-separated when piped), keys (one a line), json or tsv (with header).",
        ),
    ] = output.ListFormat.table,
) -> None:
    """List every record of the library.

    Example: sarcref list --sort -year --format keys
    """
    with open_library() as library:
        records = library.all(sort.value)
    output.print_records(records, fmt, title=f"{len(records)} records")
