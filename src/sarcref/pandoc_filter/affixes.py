"""Citation prefixes and suffixes through the engine, formatting and all.

The engine takes affixes as text. Text stays text (the engine's punctuation rules see it);
every other inline (emphasis, a link, code, a nested citation) goes through as one
private-use character and comes back as the original element.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .ast import Element

_FIRST = 0xF0000  # Supplementary Private Use Area-A: never in a manuscript's text
_LAST = 0xFFFFD


class Affixes:
    """Stand-ins for the inlines of citation affixes."""

    def __init__(self) -> None:
        self.stored: list[Element] = []

    def text(self, inlines: Sequence[Element]) -> str:
        """*inlines* as the engine's affix text."""
        parts: list[str] = []
        for inline in inlines:
            kind = inline.get("t")
            if kind == "Str":
                parts.append(str(inline.get("c", "")))
            elif kind in ("Space", "SoftBreak"):
                parts.append(" ")
            elif _FIRST + len(self.stored) <= _LAST:
                self.stored.append(inline)
                parts.append(chr(_FIRST + len(self.stored) - 1))
        return "".join(parts)

    def restore(self, inlines: list[Element]) -> list[Element]:
        """Rendered inlines with the stand-ins replaced by the original elements."""
        if not self.stored:
            return inlines
        out: list[Element] = []
        for inline in inlines:
            kind = inline.get("t")
            content: Any = inline.get("c")
            if kind == "Str":
                out += self._split(str(content))
            elif kind in ("Span", "Link") and isinstance(content, list):
                out.append({"t": kind, "c": [content[0], self.restore(content[1]), *content[2:]]})
            elif isinstance(content, list) and kind not in ("Note", "Cite"):
                out.append({"t": kind, "c": self.restore(content)})
            else:
                out.append(inline)
        return out

    def _split(self, text: str) -> list[Element]:
        out: list[Element] = []
        start = 0
        for index, char in enumerate(text):
            code = ord(char)
            if _FIRST <= code < _FIRST + len(self.stored):
                if index > start:
                    out.append({"t": "Str", "c": text[start:index]})
                out.append(self.stored[code - _FIRST])
                start = index + 1
        if start < len(text):
            out.append({"t": "Str", "c": text[start:]})
        return out
