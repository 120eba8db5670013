"""``sarcref export``: choose records, write them in a format, to stdout or atomically to a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFoundError, UsageError
from .formats.exporters import exporter

if TYPE_CHECKING:
    from .library import Library
    from .records import Record


def query_keys(library: Library, query: str) -> list[str]:
    """Keys of the records matching *query*, in the order they were added.

    Every word must occur (a plain full-text match). The search command's query
    language (fields, OR, years) replaces this when the two meet in one build.
    """
    words = query.split()
    if not words:
        raise UsageError("--query needs at least one word")
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    with library.store.read() as db:
        rows = db.execute(
            "SELECT r.key FROM records_fts JOIN records r ON r.id = records_fts.rowid"
            " WHERE records_fts MATCH ? ORDER BY r.id",
            (match,),
        ).fetchall()
    return [key for (key,) in rows]


def select_records(library: Library, keys: list[str], query: str | None = None) -> list[Record]:
    """The records of *keys*, then those matching *query*; every record when neither is given."""
    if not keys and query is None:
        return library.all()
    wanted = list(keys)
    if query is not None:
        found = query_keys(library, query)
        if not found:
            raise NotFoundError(f"no record matches the query '{query}'")
        wanted += found
    return library.get_many(list(dict.fromkeys(wanted)))


def export_text(records: list[Record], fmt: str, *, ascii_only: bool = False) -> str:
    return exporter(fmt, ascii_only=ascii_only)(records)
