"""Rendered citations as pandoc inline elements (for the ``sarcref-pandoc`` filter).

The engine writes citeproc-js's HTML (``PandocHtmlFormat``: the ``html`` format, plus a
link around each cite when asked); :func:`html_to_inlines` reads that small, known HTML
back into pandoc's JSON elements, so every pandoc output format gets the formatting:

=========================================  ===============================================
``<i>``, ``<em>``                          ``Emph``
``<b>``                                    ``Strong``
``<sup>``, ``<sub>``                       ``Superscript``, ``Subscript``
small caps, underline                      ``SmallCaps``, ``Underline``
roman / upright / no small caps            ``Span`` with class ``csl-no-emph`` /
                                           ``csl-no-strong`` / ``csl-no-smallcaps``
``csl-left-margin`` and the other displays ``Span`` with that class (as pandoc's citeproc)
``<a href>`` (a linked cite)               ``Link``
text                                       ``Str`` split at spaces, ``Space``
=========================================  ===============================================

Quotation marks are the locale's characters, as pandoc's own citeproc writes them.
URLs and DOIs in bibliography entries become links (:func:`link_urls`), as pandoc's
citeproc links them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from .author_modes import LINK_DECORATION
from .blob import Decoration
from .output_formats import HtmlFormat, Quotes

Inline = dict[str, Any]
_SPACES = re.compile(r"([ \t\n]+)")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"]+|doi:10\.\d{4,9}/[^\s<>\"]+", re.I)
_URL_TRAILING = ".,;:!?)]}'\u201d\u2019"


class PandocHtmlFormat(HtmlFormat):
    """citeproc-js's HTML, with each cite linked to its bibliography entry if asked."""

    name = "pandoc-html"

    def __init__(self, link_cites: bool = False) -> None:
        self.link_cites = link_cites

    def decorate(self, decoration: Decoration, text: str, quotes: Quotes) -> str:
        if decoration[0] == LINK_DECORATION:
            return f'<a href="#ref-{self.escape(decoration[1])}">{text}</a>'
        return super().decorate(decoration, text, quotes)


_ELEMENT_OF_TAG = {
    "i": "Emph",
    "em": "Emph",
    "b": "Strong",
    "strong": "Strong",
    "sup": "Superscript",
    "sub": "Subscript",
}
_ELEMENT_OF_STYLE = {
    "font-variant:small-caps;": "SmallCaps",
    "text-decoration:underline;": "Underline",
}
_CLASS_OF_STYLE = {
    "font-style:normal;": "csl-no-emph",
    "font-weight:normal;": "csl-no-strong",
    "font-variant:normal;": "csl-no-smallcaps",
    "text-decoration:none;": "csl-no-underline",
    "baseline": "csl-baseline",
}


class _Node:
    __slots__ = ("tag", "attributes", "children")

    def __init__(self, tag: str, attributes: dict[str, str]) -> None:
        self.tag = tag
        self.attributes = attributes
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def html_to_inlines(html: str) -> list[Inline]:
    """The pandoc inlines of one citation or entry in citeproc-js's HTML."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _merge(_inlines(builder.root.children, block_level=True))


def _inlines(children: Sequence[_Node | str], block_level: bool = False) -> list[Inline]:
    out: list[Inline] = []
    for child in children:
        if isinstance(child, str):
            if block_level and "\n" in child and not child.strip():
                continue  # the line breaks around display blocks
            out += _text(child)
            continue
        inner_block = child.tag == "div"
        content = _inlines(child.children, block_level=inner_block)
        element = _ELEMENT_OF_TAG.get(child.tag)
        style = child.attributes.get("style", "")
        if element is None and child.tag == "span":
            element = _ELEMENT_OF_STYLE.get(style)
        if element is not None:
            out.append({"t": element, "c": content})
        elif child.tag == "a":
            target = child.attributes.get("href", "")
            out.append({"t": "Link", "c": [["", [], []], content, [target, ""]]})
        elif child.tag == "div":
            classes = child.attributes.get("class", "").split()
            out.append({"t": "Span", "c": [["", classes, []], content]})
        elif child.tag == "span" and style in _CLASS_OF_STYLE:
            out.append({"t": "Span", "c": [["", [_CLASS_OF_STYLE[style]], []], content]})
        else:
            out += content
    return out


def _text(text: str) -> list[Inline]:
    out: list[Inline] = []
    for piece in _SPACES.split(text):
        if not piece:
            continue
        if piece[0] in " \t\n":
            out.append({"t": "SoftBreak"} if "\n" in piece else {"t": "Space"})
        else:
            out.append({"t": "Str", "c": piece})
    return out


def _merge(inlines: list[Inline]) -> list[Inline]:
    """Adjacent ``Str`` joined, as pandoc's builders join them."""
    out: list[Inline] = []
    for inline in inlines:
        if inline["t"] == "Str" and out and out[-1]["t"] == "Str":
            out[-1] = {"t": "Str", "c": out[-1]["c"] + inline["c"]}
        else:
            if isinstance(inline.get("c"), list) and inline["t"] in _CONTAINERS:
                inline = {"t": inline["t"], "c": _merge_content(inline)}
            out.append(inline)
    return out


_CONTAINERS = frozenset("Emph Strong Superscript Subscript SmallCaps Underline Span Link".split())


def _merge_content(inline: Inline) -> Any:
    content = inline["c"]
    if inline["t"] == "Span":
        return [content[0], _merge(content[1])]
    if inline["t"] == "Link":
        return [content[0], _merge(content[1]), content[2]]
    return _merge(content)


def link_urls(inlines: list[Inline]) -> list[Inline]:
    """URLs (and ``doi:10...``) in text made links, as pandoc's citeproc links them."""
    out: list[Inline] = []
    for inline in inlines:
        kind = inline["t"]
        if kind == "Str":
            out += _link_str(inline["c"])
        elif kind == "Link":
            out.append(inline)
        elif kind in ("Span",):
            out.append({"t": kind, "c": [inline["c"][0], link_urls(inline["c"][1])]})
        elif kind in _CONTAINERS:
            out.append({"t": kind, "c": link_urls(inline["c"])})
        else:
            out.append(inline)
    return out


def _link_str(text: str) -> list[Inline]:
    match = _URL.search(text)
    if match is None:
        return [{"t": "Str", "c": text}]
    url = match.group().rstrip(_URL_TRAILING)  # (the sentence's punctuation stays outside)
    start, end = match.start(), match.start() + len(url)
    target = "https://doi.org/" + url[4:] if url.lower().startswith("doi:") else url
    out: list[Inline] = []
    if start:
        out.append({"t": "Str", "c": text[:start]})
    out.append({"t": "Link", "c": [["", [], []], [{"t": "Str", "c": url}], [target, ""]]})
    if end < len(text):
        out += _link_str(text[end:])
    return out
