"""``sarcref import FILE...``: add records from BibTeX, RIS and CSL-JSON files."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from . import output
from .app import app
from .context import open_library


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
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Files to import; '-' reads stdin.")
    ],
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
        bool,
        typer.Option("--skip-invalid", help="Import the valid entries; list the malformed ones."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="ENC", help="The files' encoding (default: UTF-8, or UTF-16 with a BOM)."
        ),
    ] = None,
) -> None:
    """Import references: all of them, or none if an entry is malformed.

    Example: sarcref import refs.bib --on-duplicate update
    """
    from ..importing import import_sources, load_sources

    sources = load_sources(files, encoding=encoding)
    with open_library() as library, output.progress_bar("importing") as update:
        outcome = import_sources(
            library,
            sources,
            fmt=fmt.value,
            on_duplicate=on_duplicate.value,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=lambda phase, done, total: update(done, total),
        )
    for line in [*outcome.details(), outcome.summary()]:
        _report(line)


def _report(line: str) -> None:
    """A report line on standard error, as it is: keys may hold [brackets]."""
    if output.use_rich(sys.stderr):
        from rich.markup import escape

        output.console(stderr=True).print(escape(line), soft_wrap=True)
    else:
        sys.stderr.write(line + "\n")
