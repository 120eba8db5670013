"""Writing a cleaned-up output tree as a string in one output format.

Decorations apply innermost first, in the order they were attached; for a leaf they wrap
the escaped text, for a node they wrap the joined children, and affixes go outside them.
``@display`` and entry wrappers go outside the affixes. A "normal" decoration (e.g. roman
inside italics) is written only when an ancestor set the opposite, as citeproc-js does.
"""

from __future__ import annotations

from collections.abc import Sequence

from .blob import Blob, Decoration
from .output_formats import OutputFormat

_OUTER_DECORATIONS = frozenset(("@cite", "@bibliography", "@display", "@showid"))


class Serializer:
    """Serialises trees in one format with one locale's quotation marks."""

    def __init__(
        self,
        fmt: OutputFormat,
        quotes: tuple[str, str, str, str],
        layout_decorations: list[Decoration],
    ) -> None:
        self.fmt = fmt
        self.quotes = quotes
        self.layout_decorations = layout_decorations

    def _is_orphan_normal(self, decoration: Decoration, ancestors: list[Decoration]) -> bool:
        name, _value = decoration
        for other_name, other_value in self.layout_decorations:
            if other_name == name and other_value != "normal":
                return False
        for other_name, other_value in ancestors:
            if other_name == name and other_value != "normal":
                return False
        return True

    def _decorate(
        self, text: str, decorations: Sequence[Decoration], ancestors: list[Decoration]
    ) -> str:
        fmt = self.fmt
        for decoration in decorations:
            if decoration[1] == "normal" and self._is_orphan_normal(decoration, ancestors):
                continue
            text = fmt.decorate(decoration, text, self.quotes)
        return text

    def render(self, blob: Blob) -> str:
        if type(self.fmt).escape is OutputFormat.escape:
            return self._render_plain(blob, [])
        return self._render(blob, [])

    def _render(self, blob: Blob, ancestors: list[Decoration]) -> str:
        esc = self.fmt.escape
        children = blob.blobs
        decorations = blob.decorations
        if isinstance(children, str):
            if not children:
                return ""
            text = esc(children)
            if decorations:
                text = self._decorate(text, decorations, ancestors + list(decorations))
                if not text:
                    return ""
            if blob.prefix:
                text = esc(blob.prefix) + text
            if blob.suffix:
                text += esc(blob.suffix)
            return text
        own_ancestors = ancestors + list(decorations) if decorations else ancestors
        inner_ancestors = ancestors if blob.hides_decorations else own_ancestors
        parts = []
        for child in children:
            part = self._render(child, inner_ancestors)
            if part:
                parts.append(part)
        if not parts:
            return ""
        text = esc(blob.delimiter).join(parts) if blob.delimiter else "".join(parts)
        if decorations:
            inner = [d for d in decorations if d[0] not in _OUTER_DECORATIONS]
            outer = [d for d in decorations if d[0] in _OUTER_DECORATIONS]
            if blob.from_markup:
                own_ancestors = own_ancestors + list(children[-1].decorations)
            text = self._decorate(text, inner, own_ancestors)
            text = esc(blob.prefix) + text + esc(blob.suffix)
            return self._decorate(text, outer, own_ancestors)
        return esc(blob.prefix) + text + esc(blob.suffix)

    def _render_plain(self, blob: Blob, ancestors: list[Decoration]) -> str:
        """:meth:`_render` for a format that escapes nothing (text), without the calls."""
        children = blob.blobs
        decorations = blob.decorations
        if isinstance(children, str):
            if not children:
                return ""
            text = children
            if decorations:
                text = self._decorate(text, decorations, ancestors + list(decorations))
                if not text:
                    return ""
            return blob.prefix + text + blob.suffix
        own_ancestors = ancestors + list(decorations) if decorations else ancestors
        inner_ancestors = ancestors if blob.hides_decorations else own_ancestors
        parts = []
        for child in children:
            part = self._render_plain(child, inner_ancestors)
            if part:
                parts.append(part)
        if not parts:
            return ""
        text = blob.delimiter.join(parts)
        if decorations:
            inner = [d for d in decorations if d[0] not in _OUTER_DECORATIONS]
            outer = [d for d in decorations if d[0] in _OUTER_DECORATIONS]
            if blob.from_markup:
                own_ancestors = own_ancestors + list(children[-1].decorations)
            text = self._decorate(text, inner, own_ancestors)
            text = blob.prefix + text + blob.suffix
            return self._decorate(text, outer, own_ancestors)
        return blob.prefix + text + blob.suffix
