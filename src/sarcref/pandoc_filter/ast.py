"""pandoc's JSON document tree: the few helpers the filter needs.

Elements are JSON objects ``{"t": type, "c": content}``; see pandoc-types' ``Text.Pandoc.
Definition`` for their shapes. The filter only reads and writes inline elements (``Cite``,
``Note``, ``Str``...) and a few blocks (``Para``, ``Div``, ``Header``), whose shapes are the
same in every pandoc-api-version from 1.20 to 1.23.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Element = dict[str, Any]
SUPPORTED_API = ((1, 20), (1, 21), (1, 22), (1, 23))


def Str(text: str) -> Element:  # noqa: N802 (pandoc's constructor names)
    return {"t": "Str", "c": text}


def Space() -> Element:  # noqa: N802
    return {"t": "Space"}


def Para(content: list[Element]) -> Element:  # noqa: N802
    return {"t": "Para", "c": content}


def Note(blocks: list[Element]) -> Element:  # noqa: N802
    return {"t": "Note", "c": blocks}


def Div(ident: str, classes: Sequence[str], attributes: Sequence[Sequence[str]],  # noqa: N802
        blocks: list[Element]) -> Element:  # fmt: skip
    return {"t": "Div", "c": [[ident, list(classes), [list(a) for a in attributes]], blocks]}


def Header(level: int, ident: str, classes: Sequence[str], content: list[Element]) -> Element:  # noqa: N802
    return {"t": "Header", "c": [level, [ident, list(classes), []], content]}


def stringify(node: Any) -> str:
    """The plain text of an element, a list of them or a metadata value (pandoc's
    ``stringify``)."""
    if isinstance(node, list):
        return "".join(stringify(child) for child in node)
    if not isinstance(node, Mapping):
        return ""
    kind = node.get("t")
    content = node.get("c")
    if kind in ("Str", "MetaString"):
        return str(content)
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math", "RawInline"):
        return str(content[1]) if isinstance(content, list) else ""
    if kind == "MetaBool":
        return "true" if content else "false"
    if kind in ("Span", "Quoted", "Link", "Image", "Cite", "Div"):
        return stringify(content[1]) if isinstance(content, list) else ""
    if isinstance(content, list):
        return stringify(content)
    return ""


def meta_text(meta: Mapping[str, Any], name: str) -> str | None:
    """A metadata field as text (``csl: apa``, ``lang: de-DE``), or None if absent."""
    value = meta.get(name)
    if value is None:
        return None
    if value.get("t") == "MetaList":
        items = value.get("c") or []
        return stringify(items[0]).strip() if items else None
    return stringify(value).strip()


def meta_true(meta: Mapping[str, Any], name: str) -> bool:
    """pandoc's ``truish``: true, "true", "yes" or "t" (any case)."""
    value = meta.get(name)
    if value is None:
        return False
    if value.get("t") == "MetaBool":
        return bool(value.get("c"))
    return stringify(value).strip().lower() in ("t", "true", "yes")


def meta_inlines(meta: Mapping[str, Any], name: str) -> list[Element] | None:
    """A metadata field as inlines (``reference-section-title``), or None."""
    value = meta.get(name)
    if value is None:
        return None
    kind = value.get("t")
    if kind == "MetaString":
        return [Str(str(value.get("c", "")))]
    if kind == "MetaInlines":
        return list(value.get("c") or [])
    if kind == "MetaBlocks":
        blocks = value.get("c") or []
        if len(blocks) == 1 and blocks[0].get("t") in ("Plain", "Para"):
            return list(blocks[0].get("c") or [])
    return None


def is_text(inline: Mapping[str, Any]) -> bool:
    return inline.get("t") in ("Str", "Space", "SoftBreak")
