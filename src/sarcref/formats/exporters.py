"""The exporters: one plain function per format, each ``list[Record] -> str``.

``--format`` choices come from ``EXPORTERS``; an unknown name is a usage error.
The writers are imported on first call so that listing the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..records import Record

Exporter = Callable[["list[Record]"], str]


def bibtex(records: list[Record]) -> str:
    """BibTeX with Unicode text (biber, BibLaTeX and bibtex8 read it)."""
    from .bibtex.from_csl import write

    return write(records)


def bibtex_ascii(records: list[Record]) -> str:
    """BibTeX with every non-ASCII letter written as a LaTeX escape (classic bibtex)."""
    from .bibtex.from_csl import write

    return write(records, ascii_only=True)


def biblatex(records: list[Record]) -> str:
    """BibLaTeX: BibTeX with ``journaltitle``, ``location`` and ``date`` (biber reads it)."""
    from .bibtex.from_csl import write

    return write(records, biblatex=True)


def csl_json(records: list[Record]) -> str:
    from .csljson import write

    return write(records)


def ris(records: list[Record]) -> str:
    from .ris.from_csl import record_to_tags
    from .ris.tagged import write

    return write([record_to_tags(r) for r in records])


EXPORTERS: dict[str, Exporter] = {
    "bibtex": bibtex,
    "biblatex": biblatex,
    "csl-json": csl_json,
    "ris": ris,
}


def exporter(name: str, *, ascii_only: bool = False) -> Exporter:
    """The exporter registered under *name*; ``ascii_only`` picks BibTeX's LaTeX-escape form."""
    if name not in EXPORTERS:
        raise UsageError(f"unknown format '{name}'; choose from {', '.join(EXPORTERS)}")
    if ascii_only:
        if name != "bibtex":
            raise UsageError("--ascii applies to --format bibtex only")
        return bibtex_ascii
    return EXPORTERS[name]


def export(records: list[Record], name: str, *, ascii_only: bool = False) -> str:
    return exporter(name, ascii_only=ascii_only)(records)
