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

from typing import TYPE_CHECKING, Any

from .errors import RenderError, StyleError

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


def __getattr__(name: str) -> Any:
    # The engine (lxml, citeproc-py) is imported on first use, keeping `import` cheap.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    from . import _pin  # noqa: F401  (fails clearly on another citeproc-py version)

    return getattr(import_module(f"{__name__}.{module}"), name)
