"""The serializer's two ways of writing a tree agree.

``Serializer._render_plain`` is ``_render`` for formats that escape nothing (text), kept
separate because escaping calls cost about a fifth of serialising; this property keeps
the two from drifting apart.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sarcref.rendering.blob import Blob, Token
from sarcref.rendering.output_formats import OutputFormat, TextFormat
from sarcref.rendering.serialize import Serializer

QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")
DECORATIONS = [
    ("@font-style", "italic"),
    ("@font-style", "normal"),
    ("@font-weight", "bold"),
    ("@font-weight", "normal"),
    ("@font-variant", "small-caps"),
    ("@quotes", "true"),
    ("@quotes", "inner"),
    ("@vertical-align", "sup"),
    ("@display", "block"),
    ("@display", "left-margin"),
    ("@display", "indent"),
]
texts = st.text(alphabet="ab &<>.,;:'\"\u00a0\u2019\u00e9", max_size=6)
decorations = st.lists(st.sampled_from(DECORATIONS), max_size=3).map(tuple)


def node(children: st.SearchStrategy[str | list[Blob]]) -> st.SearchStrategy[Blob]:
    def build(
        content: str | list[Blob],
        prefix: str,
        suffix: str,
        delimiter: str,
        decor: tuple[()],
        flags: tuple[bool, bool],
    ) -> Blob:
        blob = Blob(content, Token(prefix, suffix, delimiter, decor))
        if not isinstance(content, str) and content:
            blob.hides_decorations, blob.from_markup = flags
        return blob

    flags = st.tuples(st.booleans(), st.booleans())
    return st.builds(build, children, texts, texts, texts, decorations, flags)


trees = st.recursive(node(texts), lambda inner: node(st.lists(inner, max_size=4)), max_leaves=12)


class EscapingNothing(OutputFormat):
    """Text's decorations, but escape() is a call: Serializer takes its general path."""

    def escape(self, text: str) -> str:
        return text


@settings(max_examples=150, deadline=None)
@given(trees, decorations)
def test_the_plain_path_writes_what_the_general_path_writes(
    tree: Blob, layout: tuple[tuple[str, str], ...]
) -> None:
    plain = Serializer(TextFormat(), QUOTES, list(layout))
    general = Serializer(EscapingNothing(), QUOTES, list(layout))
    assert plain.render(tree) == general.render(tree)
