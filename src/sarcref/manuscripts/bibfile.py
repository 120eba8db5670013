"""A manuscript's bibliography file (``export --cited-in paper.md --output refs.bib``).

The file holds exactly the records the manuscript cites, in first-citation order; for
BibTeX and BibLaTeX also the entries their ``crossref``, ``xref`` and ``xdata`` fields
name (after the entries that name them, as BibTeX requires). It is rewritten only when
its content changes, so ``make`` and editors that watch it are not disturbed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.bibtex.to_csl import BIBTEX_EXTRA
from ..formats.exporters import exporter
from .resolving import CitedRecords, resolve_cited

if TYPE_CHECKING:
    from ..library import Library
    from ..records import Record

# Fields of a BibTeX entry that name other entries it takes fields from.
PARENT_FIELDS = ("crossref", "xref", "xdata")
BIBTEX_FORMATS = frozenset(("bibtex", "biblatex"))


@dataclass
class BibliographyFile:
    """The text of a manuscript's bibliography file and how it was made."""

    text: str
    cited: CitedRecords
    parents: list[str] = field(default_factory=list)  # keys added for crossref/xdata
    warnings: list[str] = field(default_factory=list)


def parent_keys(record: Record) -> list[str]:
    """The keys a record's BibTeX ``crossref``, ``xref`` and ``xdata`` fields name."""
    own = record.extra.get(BIBTEX_EXTRA)
    fields = own.get("fields") if isinstance(own, dict) else None
    if not isinstance(fields, dict):
        return []
    keys: list[str] = []
    for name in PARENT_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            keys += [k.strip() for k in re.split(r"[,\s]+", value.strip("{} ")) if k.strip()]
    return keys


def with_parents(library: Library, records: list[Record]) -> tuple[list[Record], list[str]]:
    """*records*, then the records their crossref/xref/xdata fields name, transitively.

    Returns the records and warnings for parents the library does not have. BibTeX keys
    match case-insensitively, as BibTeX matches them.
    """
    out = list(records)
    taken = {r.key for r in out}
    by_folded: dict[str, str] | None = None
    warnings: list[str] = []
    index = 0
    while index < len(out):
        record = out[index]
        index += 1
        for wanted in parent_keys(record):
            if wanted in taken:
                continue
            key: str | None = wanted if wanted in library else None
            if key is None:
                if by_folded is None:
                    by_folded = {k.casefold(): k for k in library.keys()}
                key = by_folded.get(wanted.casefold())
            if key is None:
                warnings.append(f"{record.key}: its parent entry '{wanted}' is not in the library")
                taken.add(wanted)
                continue
            if key not in taken:
                taken.add(key)
                out.append(library.get(key))
    return out, warnings


def cited_bibliography(
    library: Library,
    files: Iterable[str | os.PathLike[str]],
    fmt: str,
    *,
    allow_missing: bool = False,
    via_pandoc: bool = False,
) -> BibliographyFile:
    """The bibliography file of manuscripts, in *fmt* (bibtex, biblatex, csl-json, ris).

    Raises MissingKeysError (exit 1) unless *allow_missing*; UsageError for an unknown
    format.
    """
    exporter(fmt)  # (an unknown format fails before any file is read)
    cited = resolve_cited(library, files, allow_missing=allow_missing, via_pandoc=via_pandoc)
    return bibliography_for(library, cited, fmt)


def bibliography_for(library: Library, cited: CitedRecords, fmt: str) -> BibliographyFile:
    """The bibliography file of keys already resolved (see ``resolve_cited``)."""
    write = exporter(fmt)
    records = library.get_many(cited.keys)
    warnings = list(cited.reading.warnings)
    parents: list[str] = []
    if fmt in BIBTEX_FORMATS:
        everything, missing_parents = with_parents(library, records)
        parents = [r.key for r in everything[len(records) :]]
        records = everything
        warnings += missing_parents
    return BibliographyFile(write(records), cited, parents, warnings)


def write_if_changed(
    path: str | os.PathLike[str], text: str, *, protect: Sequence[str] = ()
) -> bool:
    """Write *text* to *path* unless the file already holds exactly that; True if written.

    The comparison reads regular files only (never a FIFO or a device, which reading would
    block or consume); the write goes through ``sarcref.files.write_output``, which never
    replaces a file of *protect* (the library).
    """
    from ..files import write_output

    target = Path(path)
    try:
        if target.is_file() and target.stat().st_size == len(text.encode("utf-8")):
            if target.read_bytes() == text.encode("utf-8"):
                return False
    except OSError:
        pass  # unreadable: write_output reports what is wrong with the path
    write_output(target, text, protect=protect)
    return True
