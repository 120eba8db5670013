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
    """*records* written in *fmt*, their tags travelling in the keywords (see with_tags)."""
    return exporter(fmt, ascii_only=ascii_only)([with_tags(r) for r in records])


def with_tags(record: Record) -> Record:
    """*record* with its tags merged into its keywords, one list, as Zotero and Better
    BibTeX export tags: BibTeX ``keywords``, RIS ``KW``, CSL-JSON ``keyword``. Importing
    the file makes every keyword a tag again."""
    if not record.tags:
        return record
    from .editing import merge_tags

    merged = merge_tags(record.keywords, record.tags)
    return record.replace(csl={**record.csl, "keyword": ", ".join(merged)})
