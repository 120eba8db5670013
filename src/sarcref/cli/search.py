"""``sarcref search QUERY...``: full-text search with the query language of ``sarcref.query``."""

from __future__ import annotations

from typing import Annotated

import typer

from . import output
from .app import app
from .searching import SearchSort, show_search


# No short options, and unknown ones pass through as query words: `sarcref search sarcoma
# -surgery` must exclude "surgery", not read `-s urgery` as --sort.
@app.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
def search(
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Words (ANDed), "phrases", OR, -word or NOT word, word*, parentheses, '
            "and field filters: author: title: journal: keyword: abstract: tag: type: key: "
            "year:2015 year:2010..2015 year:..1999 year:2020..",
            show_default=False,
        ),
    ],
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", metavar="N", min=1, help="Show at most N hits.", show_default=False
        ),
    ] = None,
    sort: Annotated[
        SearchSort, typer.Option("--sort", help="Order of the hits (default: best match first).")
    ] = SearchSort.relevance,
    fmt: Annotated[
        output.ListFormat,
        typer.Option(
            "--format",
            help="table (tab-separated when piped), keys (one a line), json or tsv (with header).",
        ),
    ] = output.ListFormat.table,
) -> None:
    """Search the library: the records that match QUERY, best first.

    Exit code 1 and no output when nothing matches. Quote "phrases" and parentheses.

    Example: sarcref search 'sarcoma "local control" -pediatric year:2010..' --format keys
    """
    show_search(" ".join(query), sort=sort.value, limit=limit, fmt=fmt)
