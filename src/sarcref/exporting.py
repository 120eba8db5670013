"""``sarcref export``: choose records, write them in a format, to stdout or atomically to a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFoundError
from .formats.exporters import exporter

if TYPE_CHECKING:
    from .library import Library
    from .records import Record


def select_records(library: Library, keys: list[str], query: str | None = None) -> list[Record]:
    """The records of *keys*, then those matching *query* (the search query language), in the
    order they were added; every record when neither is given."""
    if not keys and query is None:
        return library.all()
    wanted = list(keys)
    if query is not None:
        found = library.search_keys(query, sort="added")
        if not found:
            raise NotFoundError(f"no record matches the query '{query}'")
        wanted += found
    return library.get_many(list(dict.fromkeys(wanted)))


def export_text(records: list[Record], fmt: str, *, ascii_only: bool = False) -> str:
    return exporter(fmt, ascii_only=ascii_only)(records)
