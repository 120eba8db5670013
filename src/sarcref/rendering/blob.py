"""The intermediate output tree: rich-text nodes ("blobs") with affixes and formatting.

Every CSL element that renders something produces a :class:`Blob`: either a leaf holding a
string, or a node holding child blobs joined by a delimiter. Affixes, decorations (font
style, quotes, display, ...) and delimiters stay separate from the text until the very end,
so that punctuation can migrate across quotes and affixes (see :mod:`.punctuation`), and so
that the same tree can be written out as text, HTML, Markdown or RTF (see :mod:`.serialize`).

The shape of the tree follows citeproc-js's output queue on purpose: the punctuation
clean-up rules are defined in terms of that shape, and matching it is what makes the
output equal citeproc-js's character for character.
"""

from __future__ import annotations

from collections.abc import Sequence

Decoration = tuple[str, str]


class Token:
    """The formatting a CSL element applies to what it renders (immutable once compiled)."""

    __slots__ = (
        "prefix", "suffix", "delimiter", "decorations", "text_case", "strip_periods", "bare"
    )  # fmt: skip

    def __init__(
        self,
        prefix: str = "",
        suffix: str = "",
        delimiter: str = "",
        decorations: Sequence[Decoration] = (),
        text_case: str | None = None,
        strip_periods: bool = False,
    ) -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.delimiter = delimiter
        self.decorations: tuple[Decoration, ...] = tuple(decorations)
        self.text_case = text_case
        self.strip_periods = strip_periods
        # No affixes or formatting (see wrap); tokens are never changed once made.
        self.bare = not (prefix or suffix or self.decorations)

    def with_affixes(self, prefix: str, suffix: str) -> Token:
        return Token(
            prefix, suffix, self.delimiter, self.decorations, self.text_case, self.strip_periods
        )

    def with_delimiter(self, delimiter: str) -> Token:
        return Token(
            self.prefix, self.suffix, delimiter, self.decorations, self.text_case,
            self.strip_periods,
        )  # fmt: skip

    @property
    def is_transparent(self) -> bool:
        """No affixes, delimiter or formatting: a node with it adds nothing around a child."""
        return not (self.prefix or self.suffix or self.delimiter or self.decorations)

    def plain(self) -> Token:
        """The same token without affixes (affixes were applied elsewhere)."""
        return Token("", "", self.delimiter, self.decorations, self.text_case, self.strip_periods)


EMPTY_TOKEN = Token()


class Blob:
    """One node of the output tree.

    ``blobs`` is a string for a leaf and a list of child blobs otherwise. ``is_number`` marks
    the numeric leaves (citation numbers, year suffixes) that punctuation never merges into
    and that citation collapsing works on. ``alldecor`` is the stack of decorations in force
    above a leaf, used by flip-flopping of inline markup.
    """

    __slots__ = ("prefix", "suffix", "delimiter", "decorations", "blobs", "has_markup", "__dict__")

    # Rarely set flags live in the instance dict only once set (most nodes never have
    # them): class-level defaults keep node creation cheap.
    is_number = False
    number_value = 0
    inverted_name = False  # a name printed family-first (after-inverted-name)
    is_sort_date = False  # a date sort key inside a macro sort key
    is_institution = False  # a literal (institutional) name
    is_name = False  # the node of one name in a names list (author substitution)
    is_cite_prefix = False  # the leaf of a cite's prefix (a citation-number range may follow)
    # A names element's own formatting (cs:names, cs:name) is not among the ancestors
    # citeproc-js sees from inside it when it decides whether a "normal" is needed.
    hides_decorations = False
    # A leaf whose inline markup became children: citeproc-js decides whether its own
    # "normal" is needed from its last child's formatting (and its ancestors').
    from_markup = False
    alldecor: Sequence[Sequence[Decoration]] = ()  # set by the markup pass, never mutated

    def __init__(
        self,
        blobs: str | list[Blob] | None = None,
        token: Token | None = None,
    ) -> None:
        if token is None:
            self.prefix = ""
            self.suffix = ""
            self.delimiter = ""
            self.decorations: Sequence[Decoration] = ()
        else:
            self.prefix = token.prefix
            self.suffix = token.suffix
            self.delimiter = token.delimiter
            self.decorations = token.decorations  # shared, never mutated in place
        self.blobs: str | list[Blob] = [] if blobs is None else blobs
        # Leaves made from field values may hold inline markup (see .markup).
        self.has_markup = False

    @property
    def is_leaf(self) -> bool:
        return isinstance(self.blobs, str)

    def children(self) -> list[Blob]:
        blobs = self.blobs
        return blobs if isinstance(blobs, list) else []

    def is_empty(self) -> bool:
        return not self.blobs

    def __repr__(self) -> str:  # debugging aid
        return (
            f"Blob({self.blobs!r}, prefix={self.prefix!r}, suffix={self.suffix!r}, "
            f"delimiter={self.delimiter!r}, decorations={self.decorations!r})"
        )


def wrap(children: list[Blob], token: Token | None) -> Blob:
    """A node for ``children``, without stacking transparent nodes on each other.

    A transparent node (no affixes or formatting) around a single child that is itself a
    node without affixes or formatting adds nothing: the punctuation passes move characters through
    any chain of them exactly as through one. Skipping those keeps trees small. A
    transparent node around a leaf or a formatted node is kept: it does change how
    punctuation migrates.
    """
    if len(children) == 1 and (token is None or token.bare):
        # (A delimiter does nothing around a single child, in joining or in punctuation.)
        child = children[0]
        if isinstance(child.blobs, list) and not (
            child.prefix or child.suffix or child.decorations
        ):
            return child
    return Blob(children, token)
