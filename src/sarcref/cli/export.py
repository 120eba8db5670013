"""``sarcref export``: write records as BibTeX, CSL-JSON or RIS."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..formats.exporters import EXPORTERS
from . import output
from .app import app
from .context import complete_keys, open_library, read_keys

# The --format choices are the exporter registry's names.
ExportFormat = Enum("ExportFormat", {name: name for name in EXPORTERS}, type=str)  # type: ignore[misc]


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="Output format.", show_default=False),
    ],
    keys: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KEY...]",
            help="Keys to export ('-' reads them from stdin); default: every record.",
            autocompletion=complete_keys,
            show_default=False,
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            metavar="QUERY",
            help="Export the records a search finds (the search query language).",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically), not stdout."
        ),
    ] = None,
    ascii_only: Annotated[
        bool, typer.Option("--ascii", help="BibTeX: write non-ASCII letters as LaTeX escapes.")
    ] = False,
) -> None:
    """Export records (all of them unless keys or --query are given).

    Example: sarcref export --format bibtex --output refs.bib
    """
    from ..exporting import export_text, select_records

    with open_library() as library:
        records = select_records(library, read_keys(keys), query)
    output.emit(export_text(records, fmt.value, ascii_only=ascii_only), to)
