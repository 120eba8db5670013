"""The bibliography block, where pandoc's citeproc puts it.

Into the ``Div`` with id ``refs`` if the document has one; otherwise at the end, after a
level-1 header of ``reference-section-title`` (id ``bibliography``, unnumbered), or, when
the document ends with a header, after that header, which becomes unnumbered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .ast import Div, Element, Header, Para


def entry_block(item_id: str, inlines: list[Element]) -> Element:
    return Div(f"ref-{item_id}", ["csl-entry"], [], [Para(_spaced_margin(inlines))])


def _spaced_margin(inlines: list[Element]) -> list[Element]:
    """A space after a left-margin span followed by a right-inline one (so formats without
    styles for them still separate the number from the entry), as pandoc does."""
    if (
        len(inlines) >= 2
        and _span_class(inlines[0]) == "csl-left-margin"
        and _span_class(inlines[1]) == "csl-right-inline"
    ):
        attributes, content = inlines[0]["c"]
        if not content or content[-1].get("t") != "Space":
            inlines = [{"t": "Span", "c": [attributes, [*content, {"t": "Space"}]]}, *inlines[1:]]
    return inlines


def _span_class(inline: Element) -> str | None:
    if inline.get("t") != "Span":
        return None
    classes = inline["c"][0][1]
    return classes[0] if len(classes) == 1 else None


def insert_bibliography(
    document: dict[str, Any],
    entries: list[Element],
    classes: Sequence[str],
    attributes: Sequence[tuple[str, str]],
    title: list[Element] | None,
) -> None:
    """Put the entries into the document (in place)."""
    if not entries:
        return
    if _fill_refs_div(document.get("blocks") or [], entries, classes, attributes):
        return
    blocks: list[Element] = document.setdefault("blocks", [])
    refs = Div("refs", classes, attributes, entries)
    if title is not None:
        blocks += [Header(1, "bibliography", ["unnumbered"], title), refs]
    elif blocks and blocks[-1].get("t") == "Header":
        level, (ident, header_classes, kvs), content = blocks[-1]["c"]
        kept = [c for c in header_classes if c != "unnumbered"]
        blocks[-1] = {"t": "Header", "c": [level, [ident, ["unnumbered", *kept], kvs], content]}
        blocks.append(refs)
    else:
        blocks.append(refs)


def _fill_refs_div(
    node: Any, entries: list[Element], classes: Sequence[str], attributes: Sequence[tuple[str, str]]
) -> bool:
    found = False
    if isinstance(node, list):
        for child in node:
            found = _fill_refs_div(child, entries, classes, attributes) or found
        return found
    if not isinstance(node, dict):
        return False
    if node.get("t") == "Div":
        (ident, div_classes, kvs), blocks = node["c"]
        if ident == "refs" or str(ident).endswith("__refs"):
            merged_classes = list(dict.fromkeys([*div_classes, *classes]))
            merged = list(dict.fromkeys(tuple(kv) for kv in [*kvs, *attributes]))
            node["c"] = [[ident, merged_classes, [list(kv) for kv in merged]], [*blocks, *entries]]
            return True
    content = node.get("c")
    if isinstance(content, (list, dict)):
        return _fill_refs_div(content, entries, classes, attributes)
    return False
