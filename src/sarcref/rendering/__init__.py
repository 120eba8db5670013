"""sarcref's rendering layer: CSL-JSON records + a CSL style + a locale -> citeproc-js output.

Public API::

    from sarcref.rendering import load_style, Processor, RenderError, StyleError

    style = load_style("apa.csl")                       # parse + compile once
    proc = Processor(style, items, locale=None, fmt="text")
    bib = proc.bibliography()                           # .entries, .ids, .document, .format
    cite = proc.citation(["id1", "id2"])                # one cluster

See README.md in this package for the architecture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr
from ..errors import RenderError, StyleError

if TYPE_CHECKING:
    from .context import CiteItem
    from .processor import Bibliography, BibliographyFormat, Processor
    from .style import LoadedStyle, load_style

__all__ = [
    "Bibliography",
    "BibliographyFormat",
    "CiteItem",
    "LoadedStyle",
    "Processor",
    "RenderError",
    "StyleError",
    "load_style",
]

_LAZY = {
    "Bibliography": "processor",
    "BibliographyFormat": "processor",
    "Processor": "processor",
    "CiteItem": "context",
    "LoadedStyle": "style",
    "load_style": "style",
}


# The engine (lxml, citeproc-py) is imported on first use; _pin fails clearly on another
# citeproc-py version.
__getattr__ = lazy_getattr(__name__, _LAZY, first="_pin")
