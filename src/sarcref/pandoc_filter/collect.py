"""The citations of a pandoc document, in the order pandoc's citeproc processes them.

Metadata first (a citation in an abstract), then the body; a footnote's citations where
the note stands; a citation nested in another's prefix or suffix after that one. Each
citation knows its note number as a note style numbers notes: every footnote, and every
citation outside footnotes, takes the next number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .ast import Element


@dataclass
class FoundCitation:
    """One ``Cite`` element and where it stands."""

    element: Element
    note: int  # its note number, counted as a note style counts notes
    in_note: bool  # inside a footnote, or inside another citation's affixes
    first_in_note: bool = False  # opens a footnote that is one paragraph


def collect(document: Mapping[str, Any]) -> list[FoundCitation]:
    walker = _Walker()
    meta = document.get("meta") or {}
    for name in sorted(meta):
        if name != "nocite":
            walker.walk(meta[name])
    walker.walk(document.get("blocks") or [])
    return walker.found


def nocite_ids(document: Mapping[str, Any]) -> list[str]:
    """The keys of the ``nocite`` metadata (``*`` included), in order."""
    walker = _Walker()
    walker.walk((document.get("meta") or {}).get("nocite"))
    ids: list[str] = []
    for found in walker.found:
        ids += [str(c.get("citationId", "")) for c in found.element["c"][0]]
    return ids


class _Walker:
    def __init__(self) -> None:
        self.found: list[FoundCitation] = []
        self.notes = 0
        self.note: int | None = None  # the footnote being walked
        self.nested = False

    def walk(self, node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                self.walk(child)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("t")
        if kind == "Cite":
            self.cite(node)
        elif kind == "Note":
            self.footnote(node)
        elif kind is None:
            for value in node.values():
                self.walk(value)
        else:
            content = node.get("c")
            if isinstance(content, (list, dict)):
                self.walk(content)

    def cite(self, node: Element) -> None:
        if self.note is not None:
            number = self.note
        else:
            self.notes += 1
            number = self.notes
        self.found.append(FoundCitation(node, number, self.note is not None or self.nested))
        outer_note, outer_nested = self.note, self.nested
        self.note, self.nested = number, True
        for citation in node["c"][0]:
            self.walk(citation.get("citationPrefix"))
            self.walk(citation.get("citationSuffix"))
        self.note, self.nested = outer_note, outer_nested

    def footnote(self, node: Element) -> None:
        self.notes += 1
        outer = self.note
        self.note = self.notes
        blocks = node.get("c") or []
        first: Any = None
        if len(blocks) == 1 and blocks[0].get("t") in ("Para", "Plain"):
            inlines = blocks[0].get("c") or []
            first = inlines[0] if inlines else None
        start = len(self.found)
        self.walk(blocks)
        if first is not None and len(self.found) > start and self.found[start].element is first:
            self.found[start].first_in_note = True
        self.note = outer
