"""``sarcref import FILE...``: add records from BibTeX, RIS and CSL-JSON files."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .app import app
from .context import open_library
from .progress import DelayedProgress, report


class ImportFormat(str, Enum):
    auto = "auto"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


class OnDuplicate(str, Enum):
    skip = "skip"
    update = "update"
    keep_both = "keep-both"


@app.command("import")
def import_files(
    files: Annotated[list[str], typer.Argument(help="Files to import; '-' reads stdin.")],
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", "-f", help="Input format; auto looks at content and extension."),
    ] = ImportFormat.auto,
    on_duplicate: Annotated[
        OnDuplicate,
        typer.Option(
            help="A record already in the library (same DOI, or same title, year and "
            "first author): skip it, update the library's record, or keep both."
        ),
    ] = OnDuplicate.skip,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Report what would happen; change nothing.")
    ] = False,
    skip_invalid: Annotated[
        bool, typer.Option(help="Import the valid entries and list the malformed ones.")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="The files' text encoding (default: UTF-8, or UTF-16 with a BOM)."),
    ] = None,
) -> None:
    """Import references: all of them, or none if an entry is malformed.

    Example: sarcref import refs.bib --on-duplicate update
    """
    from ..importing import import_sources, load_sources

    sources = load_sources(files, encoding=encoding)
    with open_library() as library, DelayedProgress() as progress:
        outcome = import_sources(
            library,
            sources,
            fmt=fmt.value,
            on_duplicate=on_duplicate.value,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    for line in outcome.details():
        report(line)
    report(outcome.summary())
