"""Writing a cleaned-up output tree as a string in one output format.

Decorations apply innermost first, in the order they were attached; for a leaf they wrap
the escaped text, for a node they wrap the joined children, and affixes go outside them.
``@display`` and entry wrappers go outside the affixes. A "normal" decoration (e.g. roman
inside italics) is written only when an ancestor set the opposite, as citeproc-js does.
"""

from __future__ import annotations

from .blob import Blob, Decoration
from .formats import OutputFormat

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

    def _is_orphan_normal(self, blob: Blob, decoration: Decoration) -> bool:
        name, value = decoration
        if value != "normal":
            return False
        for decor_set in [self.layout_decorations, *blob.alldecor]:
            for other_name, other_value in decor_set:
                if other_name == name and other_value != "normal":
                    return False
        return True

    def _decorate(self, blob: Blob, text: str, decorations: list[Decoration]) -> str:
        for decoration in decorations:
            if self._is_orphan_normal(blob, decoration):
                continue
            text = self.fmt.decorate(decoration, text, self.quotes)
        return text

    def render(self, blob: Blob) -> str:
        esc = self.fmt.escape
        children = blob.blobs
        if isinstance(children, str):
            if not children:
                return ""
            text = esc(children)
            if blob.is_number:
                text = children  # numbers are formatted already
            text = self._decorate(blob, text, blob.decorations)
            if not text:
                return ""
            return esc(blob.prefix) + text + esc(blob.suffix)
        parts = [part for part in (self.render(child) for child in children) if part]
        if not parts:
            return ""
        text = esc(blob.delimiter).join(parts)
        inner = [d for d in blob.decorations if d[0] not in _OUTER_DECORATIONS]
        outer = [d for d in blob.decorations if d[0] in _OUTER_DECORATIONS]
        text = self._decorate(blob, text, inner)
        text = esc(blob.prefix) + text + esc(blob.suffix)
        return self._decorate(blob, text, outer)
