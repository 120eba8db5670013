"""Reading and writing BibTeX, RIS and CSL-JSON; reading literature databases' exports
(MEDLINE, PubMed XML, EndNote XML, Web of Science, CSV).

``read_records`` reads a file into CSL records without touching a library (``cite
--input`` uses it; ``import`` builds on the same readers). ``EXPORTERS`` maps each output
format to a plain ``list[Record] -> str`` function. Third-party parsers are imported only
inside the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from ..records import Record
    from .csv_exports import parse_column_map
    from .exporters import EXPORTERS, Exporter, export, exporter
    from .model import Problem, ReadResult, SourceRecord
    from .reading import FORMATS, decode_bytes, detect_format, read_source, read_text

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "Exporter",
    "Problem",
    "ReadResult",
    "SourceRecord",
    "decode_bytes",
    "detect_format",
    "export",
    "exporter",
    "parse_column_map",
    "read_records",
    "read_source",
    "read_text",
]


_LAZY = {
    "EXPORTERS": "exporters",
    "Exporter": "exporters",
    "export": "exporters",
    "exporter": "exporters",
    "parse_column_map": "csv_exports",
    "Problem": "model",
    "ReadResult": "model",
    "SourceRecord": "model",
    "FORMATS": "reading",
    "decode_bytes": "reading",
    "detect_format": "reading",
    "read_source": "reading",
    "read_text": "reading",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


def read_records(
    source: str | Path | bytes,
    fmt: str = "auto",
    *,
    encoding: str | None = None,
    column_map: Mapping[str, str] | None = None,
) -> list[Record]:
    """The records of a file (``Path``), of BibTeX/RIS/CSL-JSON text (``str``) or of bytes.

    Pure: no library is opened. Any malformed entry raises DataError naming
    ``file:line: entry 'key': reason``. Entries without a key, or with a key an earlier entry
    of the file already uses, get a generated key (``lerman2015local``).
    """
    from ..errors import DataError
    from ..keys import KeyAllocator, base_key
    from .reading import read_source

    result = read_source(source, fmt, encoding=encoding, column_map=column_map)
    if result.problems:
        first = result.problems[0]
        more = len(result.problems) - 1
        raise DataError(str(first) + (f" (and {more} more)" if more else ""))
    keys = KeyAllocator(())
    records = []
    for item in result.records:
        record = item.record
        # The file's own keys are kept, digits too: `cite --input` matches them as given.
        if record.key and keys.free(record.key):
            keys.claim(record.key)
        else:
            record.key = keys.allocate(base_key(record))
            record.csl["id"] = record.key
        records.append(record)
    return records
