"""``sarcref styles``: the CSL styles available."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import Annotated

import typer

from ..errors import NotFoundError
from . import output
from .app import app


class StylesFormat(str, Enum):
    table = "table"
    ids = "ids"
    json = "json"


@app.command()
def styles(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="Words that the id, title or alias must hold.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        StylesFormat,
        typer.Option("--format", "-f", help="table (tab-separated when piped), ids or json."),
    ] = StylesFormat.table,
) -> None:
    """List the CSL styles sarcref can cite in, with their aliases.

    Example: sarcref styles lancet --format ids
    """
    from ..style_catalogue import find_styles

    found = find_styles(query)
    if not found:
        raise NotFoundError(f"no style matches '{query}'")
    if fmt is StylesFormat.ids:
        for style in found:
            output.out(style.id)
    elif fmt is StylesFormat.json:
        output.write_json([asdict(s) for s in found])
    elif output.use_rich():
        from rich.table import Table

        table = Table(title=f"{len(found)} styles", header_style="bold")
        for column in ("id", "title", "class", "format", "parent", "aliases"):
            table.add_column(column, no_wrap=column == "id", style="cyan" if column == "id" else "")
        for s in found:
            table.add_row(
                s.id,
                s.title,
                s.style_class,
                s.citation_format,
                s.parent or "",
                ", ".join(s.aliases),
            )
        output.console().print(table)
    else:
        for s in found:
            row = (
                s.id,
                s.title,
                s.style_class,
                s.citation_format,
                s.parent or "",
                ",".join(s.aliases),
            )
            output.out("\t".join(row))
