"""Around rendered citations: spaces before notes and punctuation after them.

As pandoc's citeproc does: in a note style (or with ``notes-after-punctuation: true``),
``text [@doe].`` becomes ``text.[^1]`` (the space before the note goes, the punctuation
moves in front of it); a superscript citation loses the space before it; and a citation
that ends with a period swallows a period right after it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .ast import Element, Str, stringify

_END_PUNCTUATION = ".,;:!?"


def tidy(node: Any, move_notes: bool) -> None:
    """Apply the rules to every list of inlines under *node* (in place)."""
    if isinstance(node, list):
        if any(isinstance(i, dict) and i.get("t") == "Cite" for i in node):
            node[:] = _tidy_inlines(node, move_notes)
        for child in node:
            tidy(child, move_notes)
    elif isinstance(node, dict):
        for value in node.values():
            if isinstance(value, (list, dict)):
                tidy(value, move_notes)


def _is_punctuation(char: str) -> bool:
    # (dashes are not: notes and quotes do not move around them)
    return unicodedata.category(char).startswith("P") and char not in "\u2014\u2013"


def _tidy_inlines(inlines: list[Element], move_notes: bool) -> list[Element]:
    out: list[Element] = []
    index = 0
    while index < len(inlines):
        inline = inlines[index]
        if inline.get("t") != "Cite":
            out.append(inline)
            index += 1
            continue
        content: list[Element] = inline["c"][1]
        only_note = len(content) == 1 and content[0].get("t") == "Note"
        superscript = bool(content) and content[0].get("t") == "Superscript"
        if (only_note or superscript) and out and out[-1].get("t") in ("Space", "SoftBreak"):
            out.pop()
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        ends_with_note = bool(content) and content[-1].get("t") == "Note"
        if move_notes and ends_with_note and following is not None and following["t"] == "Str":
            text = str(following["c"])
            moved = ""
            while len(moved) < len(text) and _is_punctuation(text[len(moved)]):
                moved += text[len(moved)]
            if moved and moved[0] in _END_PUNCTUATION:
                before = content[:-1]
                if not (before and stringify(before).rstrip()[-1:] in _END_PUNCTUATION):
                    before = [*before, Str(moved)]
                inline["c"][1] = [*before, content[-1]]
                out.append(inline)
                rest = text[len(moved) :]
                if rest:
                    out.append(Str(rest))
                index += 2
                continue
        out.append(inline)
        if (
            following is not None
            and following == {"t": "Str", "c": "."}
            and stringify(content).endswith(".")
        ):
            index += 2  # "…Ibid.." : one period
            continue
        index += 1
    return out
