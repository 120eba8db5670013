"""The options of ``cs:citation`` and ``cs:bibliography``, read once when a style compiles.

The processor and the cluster renderer read these plain values instead of the style's XML
(attribute reads on lxml elements are slow, and a cluster is rendered many times).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .blob import Decoration
from .elements_base import NS


@dataclass(frozen=True)
class CitationOptions:
    collapse: str  # "", "citation-number", "year", "year-suffix" or "year-suffix-ranged"
    cite_group_delimiter: str | None
    after_collapse_delimiter: str | None
    year_suffix_delimiter: str | None
    layout_prefix: str
    layout_suffix: str
    layout_delimiter: str
    layout_decorations: tuple[Decoration, ...]
    add_names: bool  # disambiguate-add-names
    add_givenname: bool  # disambiguate-add-givenname
    add_year_suffix: bool  # disambiguate-add-year-suffix
    near_note_distance: int
    uses_names: bool  # the layout, or a macro it calls, has a cs:names
    grouped_sort: bool  # processCitationCluster keeps one author's cites together


@dataclass(frozen=True)
class BibliographyOptions:
    subsequent_author_substitute: str | None
    subsequent_author_substitute_rule: str
    second_field_align: str | None
    hanging_indent: bool
    entry_spacing: int
    line_spacing: int


def citation_options(style: Any, numeric_citations: bool) -> CitationOptions:
    citation = style.citation
    token = citation.layout.token
    collapse = citation.get("collapse") or ""
    group_delimiter = citation.get("cite-group-delimiter")
    return CitationOptions(
        collapse=collapse,
        cite_group_delimiter=group_delimiter,
        after_collapse_delimiter=citation.get("after-collapse-delimiter"),
        year_suffix_delimiter=citation.get("year-suffix-delimiter"),
        layout_prefix=token.prefix,
        layout_suffix=token.suffix,
        layout_delimiter=token.delimiter,
        layout_decorations=tuple(token.decorations),
        add_names=citation.get("disambiguate-add-names") == "true",
        add_givenname=citation.get("disambiguate-add-givenname") == "true",
        add_year_suffix=citation.get("disambiguate-add-year-suffix") == "true",
        near_note_distance=_integer(citation.get("near-note-distance"), 5),
        uses_names=_uses_names(style),
        grouped_sort=(
            style.get("class", "in-text") == "in-text"
            and bool(collapse or group_delimiter)
            and not numeric_citations
        ),
    )


def bibliography_options(bibliography: Any) -> BibliographyOptions:
    return BibliographyOptions(
        subsequent_author_substitute=bibliography.get("subsequent-author-substitute"),
        subsequent_author_substitute_rule=bibliography.get(
            "subsequent-author-substitute-rule", "complete-all"
        ),
        second_field_align=bibliography.get("second-field-align") or None,
        hanging_indent=bibliography.get("hanging-indent") == "true",
        entry_spacing=_integer(bibliography.get("entry-spacing"), 1),
        line_spacing=_integer(bibliography.get("line-spacing"), 1) or 1,
    )


def has_disambiguate_condition(style: Any) -> bool:
    return any(node.get("disambiguate") == "true" for node in style.iter(NS + "if", NS + "else-if"))


def _uses_names(style: Any) -> bool:
    """Whether the citation layout (or a macro it calls) has a cs:names."""
    macros = {m.get("name"): m for m in style.iterchildren(NS + "macro")}
    seen: set[str] = set()
    pending = [style.citation]
    while pending:
        element = pending.pop()
        for node in element.iter():
            if node.tag == NS + "names":
                return True
            name = node.get("macro")
            if name and name not in seen and name in macros:
                seen.add(name)
                pending.append(macros[name])
    return False


def _integer(value: str | None, default: int) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return 0
