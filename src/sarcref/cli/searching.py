"""What ``sarcref search`` does once Typer has read its options."""

from __future__ import annotations

from enum import Enum

from ..errors import NotFoundError, UsageError
from . import output
from .context import open_library


class SearchSort(str, Enum):
    """``library.SEARCH_SORTS`` as a Typer choice."""

    relevance = "relevance"
    year = "year"
    newest = "-year"
    author = "author"
    by_title = "title"
    added = "added"
    key = "key"


def show_search(text: str, *, sort: str, limit: int | None, fmt: output.ListFormat) -> None:
    """Print the hits of the query *text*; NotFoundError (exit 1, no output) if none."""
    if text.strip() == "-h":
        raise UsageError("search has no -h option", hint="use --help; -word excludes a word")
    with open_library() as library:
        if fmt is output.ListFormat.table and output.use_rich():
            result = library.search(text, sort=sort, limit=limit)
            _found(text, len(result))
            hits = "1 hit" if len(result) == 1 else f"{len(result)} hits"
            hits = f"the first {hits}" if len(result) == limit else hits
            output.print_records(
                result.records, fmt, title=f"{hits} for {text}", highlighter=result.highlighter
            )
            return
        keys = library.search_keys(text, sort=sort, limit=limit)
        _found(text, len(keys))
        if fmt is output.ListFormat.keys:
            output.print_keys(keys)
        else:  # records read and printed a chunk at a time: a long result is not all in memory
            output.print_records(library.iter_records(keys), fmt)


def _found(text: str, count: int) -> None:
    if not count:
        raise NotFoundError(
            f"no records match {text}",
            hint="words are ANDed: try fewer words, OR, or a prefix such as sarc*",
        )
