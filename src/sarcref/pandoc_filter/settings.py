"""What the filter takes from the document's metadata and the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..style_catalogue import DEFAULT_STYLE
from .ast import Element, meta_inlines, meta_text, meta_true

LIBRARY_FIELD = "sarcref-library"


def default_style() -> str:
    """The style when the document names none: the ``style`` setting (``$SARCREF_STYLE``, the
    settings file), else sarcref's default."""
    from ..settings import Settings

    return Settings().get("style") or DEFAULT_STYLE


@dataclass(frozen=True)
class FilterSettings:
    library: Path
    style: str
    locale: str | None
    link_citations: bool
    link_bibliography: bool
    suppress_bibliography: bool
    section_title: list[Element] | None
    notes_after_punctuation: bool | None  # None: as the style is a note style or not


def read_settings(meta: Mapping[str, Any]) -> FilterSettings:
    """The settings of one document.

    The library: metadata ``sarcref-library``, else ``$SARCREF_LIBRARY``, else the default
    library. The style: ``csl`` (or ``citation-style``), else ``default_style()``. The
    locale: ``lang`` (or ``locale``). ``link-citations``, ``link-bibliography`` (default
    true), ``suppress-bibliography``, ``reference-section-title`` and
    ``notes-after-punctuation`` mean what they mean to pandoc's citeproc.
    """
    from ..paths import resolve_library_path

    library = resolve_library_path(meta_text(meta, LIBRARY_FIELD) or None)
    style = meta_text(meta, "csl") or meta_text(meta, "citation-style") or default_style()
    locale = meta_text(meta, "lang") or meta_text(meta, "locale") or None
    suppress = meta_true(meta, "suppress-bibliography")
    link_bibliography = "link-bibliography" not in meta or meta_true(meta, "link-bibliography")
    notes = None
    if "notes-after-punctuation" in meta:
        notes = meta_true(meta, "notes-after-punctuation")
    return FilterSettings(
        library=library,
        style=style,
        locale=locale,
        link_citations=meta_true(meta, "link-citations") and not suppress,
        link_bibliography=link_bibliography,
        suppress_bibliography=suppress,
        section_title=meta_inlines(meta, "reference-section-title"),
        notes_after_punctuation=notes,
    )
