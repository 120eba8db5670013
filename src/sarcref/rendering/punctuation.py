"""Punctuation clean-up on the output tree, before it is turned into text.

CSL styles attach punctuation to elements as affixes and delimiters, so rendered output
easily doubles it ("Sarcoma?." or "Title..") or leaves it on the wrong side of a closing
quote. citeproc-js resolves this on its output tree with four passes (drop empty nodes;
move leading/trailing spaces upward; move punctuation between siblings; move and merge
punctuation downward into the last child; then swap punctuation into or out of quotes
according to the locale's ``punctuation-in-quote``). This module implements the same
passes on :class:`~.blob.Blob` trees so that the output matches it exactly. It never looks at
finished strings: it only moves characters between affixes and leaf texts.
"""

from __future__ import annotations

from .blob import Blob

# How two adjacent punctuation marks combine: LEFT_TO_RIGHT[left][right] is what remains.
LEFT_TO_RIGHT: dict[str, dict[str, str]] = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
RIGHT_TO_LEFT: dict[str, dict[str, str]] = {}
for _left, _table in LEFT_TO_RIGHT.items():
    for _right, _merged in _table.items():
        RIGHT_TO_LEFT.setdefault(_right, {})[_left] = _merged

PUNCT = frozenset(LEFT_TO_RIGHT)
PUNCT_OR_SPACE = PUNCT | {" ", "\u00a0"}
# Marks that may move into a closing quote, and out of one.
SWAP_IN = PUNCT - {";", ":"}
SWAP_OUT = PUNCT - {".", "!", "?"}

_STYLE_DECORATIONS = frozenset(
    ("@font-style", "@font-variant", "@font-weight", "@text-decoration", "@vertical-align")
)


def _get(blob: Blob, field: str) -> str:
    value = getattr(blob, field)
    return value if isinstance(value, str) else ""


def merge_chars(
    first: Blob, first_field: str, second: Blob, second_field: str, merge_right: bool = False
) -> None:
    """Merge the last char of ``first.first_field`` with the first of ``second.second_field``."""
    first_text = _get(first, first_field)
    second_text = _get(second, second_field)
    first_char = first_text[-1:]
    second_char = second_text[:1]
    if first_char == second_char:
        if merge_right:
            setattr(first, first_field, first_text[:-1])
        else:
            setattr(second, second_field, second_text[1:])
        return
    if merge_right:
        if first_char not in LEFT_TO_RIGHT:
            return
        merged = LEFT_TO_RIGHT[first_char].get(second_char)
        if merged is not None:
            setattr(first, first_field, first_text[:-1])
            setattr(second, second_field, merged + second_text[1:])
        else:
            setattr(second, second_field, first_char + second_text)
            setattr(first, first_field, first_text[:-1])
    else:
        if second_char not in RIGHT_TO_LEFT:
            return
        merged = RIGHT_TO_LEFT[second_char].get(first_char)
        if merged is not None:
            setattr(first, first_field, first_text[:-1] + merged)
            setattr(second, second_field, second_text[1:])
        else:
            setattr(first, first_field, first_text + second_char)
            setattr(second, second_field, second_text[1:])


def purge_empty(parent: Blob) -> None:
    """Drop child nodes that rendered nothing, bottom-up."""
    children = parent.blobs
    if not isinstance(children, list) or not children:
        return
    for index in range(len(children) - 1, -1, -1):
        purge_empty(children[index])
        if not children[index].blobs:
            del children[index]


def _has_decorations(blob: Blob, include_quotes: bool = False) -> bool:
    for name, _value in blob.decorations:
        if name in _STYLE_DECORATIONS or (include_quotes and name == "@quotes"):
            return True
    return False


def _is_quoted(blob: Blob) -> bool:
    for name, value in blob.decorations:
        if name == "@quotes" and value != "false":
            return True
    return False


def _is_number(blob: Blob) -> bool:
    if blob.is_number:
        return True
    children = blob.blobs
    return isinstance(children, list) and len(children) == 1 and children[0].is_number


# The next four follow the chain of last children down from a node (loops, not
# recursion: they run for most nodes with a suffix, and the chains are long).
def _ends_in_number(blob: Blob) -> bool:
    while not blob.is_number:
        children = blob.blobs
        if not isinstance(children, list) or not children:
            return False
        blob = children[-1]
    return True


def _has_descendant_quotes(blob: Blob) -> bool:
    while True:
        if blob.decorations and _is_quoted(blob):
            return True
        children = blob.blobs
        if not isinstance(children, list) or not children:
            return False
        blob = children[-1]


def _has_descendant_merging_punctuation(parent_char: str, blob: Blob) -> bool:
    merging = RIGHT_TO_LEFT[parent_char]
    while True:
        children = blob.blobs
        child_char = blob.suffix[-1:]
        if not child_char and isinstance(children, str):
            child_char = children[-1:]
        merged = merging.get(child_char)
        if merged is not None and len(merged) == 1:
            return True
        if not isinstance(children, list) or not children:
            return False
        blob = children[-1]


def _match_last_char(blob: Blob, char: str) -> bool:
    if char not in PUNCT:
        return False
    while True:
        children = blob.blobs
        if isinstance(children, str):
            return children[-1:] == char
        if not children:
            return False
        child = children[-1]
        child_char = child.suffix[-1:]
        if child_char:
            return child_char == char
        blob = child


def downward(parent: Blob, punct_in_quote: bool) -> None:
    """Push a parent's leading suffix punctuation down to its last child and de-duplicate.

    (Empty affixes are tested first throughout: most nodes have some, and nothing below
    applies to an empty one.)
    """
    children = parent.blobs
    if isinstance(children, str):
        suffix = parent.suffix
        if suffix and suffix[0] in PUNCT and suffix[0] == children[-1:]:
            parent.suffix = suffix[1:]
        return
    if not children:
        return
    delimiter = parent.delimiter
    if delimiter and delimiter[0] in PUNCT:
        delimiter_char = delimiter[0]
        for index in range(len(children) - 2, -1, -1):
            child = children[index]
            if child.suffix[-1:] != delimiter_char:
                child.suffix += delimiter_char
        delimiter = parent.delimiter = delimiter[1:]
    sibling: Blob | None = None  # the child after the current one
    for child in reversed(children):
        suffix = child.suffix
        if sibling is None:  # the last child
            if parent.suffix:
                _settle_parent_suffix(parent, child, punct_in_quote)
                suffix = child.suffix
            elif suffix and suffix[0] in PUNCT_OR_SPACE:
                text = child.blobs
                if isinstance(text, str) and text[-1:] == suffix[0]:
                    suffix = child.suffix = suffix[1:]
        elif suffix:
            if delimiter:
                delimiter_char = delimiter[0]
                if delimiter_char in PUNCT_OR_SPACE and delimiter_char == suffix[-1]:
                    suffix = child.suffix = suffix[:-1]
            else:
                child_char = suffix[-1]
                if (
                    child_char in PUNCT_OR_SPACE
                    and child_char == sibling.prefix[:1]
                    and not _is_number(child)
                    and not _has_decorations(child, True)
                ):
                    sibling.prefix = sibling.prefix[1:]
        grandchildren = child.blobs
        if isinstance(grandchildren, str):
            if (
                suffix
                and suffix[0] in PUNCT
                and not child.is_number
                and not _has_decorations(child, True)
            ):
                merge_chars(child, "blobs", child, "suffix")
                suffix = child.suffix
            # (this function on a leaf, inlined)
            if suffix and suffix[0] in PUNCT and suffix[0] == child.blobs[-1:]:
                child.suffix = suffix[1:]
        elif grandchildren:
            downward(child, punct_in_quote)
        sibling = child


def _settle_parent_suffix(parent: Blob, child: Blob, punct_in_quote: bool) -> None:
    """Between a parent's suffix and its last child: migrate and de-duplicate punctuation."""
    parent_char = parent.suffix[:1]
    if parent_char in PUNCT:
        allow_migration = _has_descendant_merging_punctuation(parent_char, child)
        if not allow_migration and punct_in_quote:
            allow_migration = _has_descendant_quotes(child)
        if allow_migration and not _ends_in_number(child):
            if isinstance(child.blobs, str):
                merge_chars(child, "blobs", parent, "suffix")
            else:
                merge_chars(child, "suffix", parent, "suffix")
            if parent.suffix[:1] == ".":
                child.suffix += parent.suffix[:1]
                parent.suffix = parent.suffix[1:]
    if child.suffix[-1:] == " " and parent.suffix[:1] == " ":
        parent.suffix = parent.suffix[1:]
    if child.suffix[:1] in PUNCT_OR_SPACE:
        if isinstance(child.blobs, str) and child.blobs[-1:] == child.suffix[:1]:
            child.suffix = child.suffix[1:]
        if child.suffix[-1:] == parent.suffix[:1]:
            parent.suffix = parent.suffix[:-1]
    first = parent.suffix[:1]
    if first in PUNCT and _match_last_char(parent, first):
        parent.suffix = parent.suffix[1:]


def _swap_to_the_left(child: Blob) -> None:
    """Move punctuation after a closing quote inside it (punctuation-in-quote)."""
    child_char = child.suffix[:1]
    if isinstance(child.blobs, str):
        while child_char in SWAP_IN:
            merge_chars(child, "blobs", child, "suffix")
            child_char = child.suffix[:1]
    else:
        while child_char in SWAP_IN and child.blobs:
            merge_chars(child.blobs[-1], "suffix", child, "suffix")
            child_char = child.suffix[:1]


def _swap_to_the_right(child: Blob) -> None:
    """Move punctuation before a closing quote outside it."""
    if isinstance(child.blobs, str):
        child_char = child.blobs[-1:]
        while child_char in SWAP_OUT:
            merge_chars(child, "blobs", child, "suffix", True)
            child_char = child.blobs[-1:]
    elif child.blobs:
        last = child.blobs[-1]
        child_char = last.suffix[-1:]
        while child_char in SWAP_OUT:
            merge_chars(last, "suffix", child, "suffix", True)
            child_char = last.suffix[-1:]


def fix_quotes(parent: Blob, punct_in_quote: bool) -> None:
    """Swap punctuation into or out of quoted nodes, front to back, bottom first."""
    children = parent.blobs
    if not isinstance(children, list):
        return
    for child in children:
        quoted = any(name == "@quotes" and value != "false" for name, value in child.decorations)
        if quoted:
            if punct_in_quote:
                _swap_to_the_left(child)
            else:
                _swap_to_the_right(child)
        fix_quotes(child, punct_in_quote)


def upward_and_leftward(parent: Blob) -> bool:
    """Drop empty nodes, then citeproc-js's "upward" and "leftward" passes, in one traversal.

    Upward moves leading/trailing spaces and leading punctuation of children up to the
    parent; leftward moves a sibling's leading punctuation onto the preceding sibling's
    suffix. One traversal does both: at each node, upward only edits the first child's
    prefix, the last child's suffix and (under a delimiter) prefixes, leftward only edits
    the other suffixes and prefixes and only without a delimiter, and neither reads what
    the other writes at a level above. Returns whether the tree holds a quoted node.
    """
    quoted = bool(parent.decorations) and _is_quoted(parent)
    children = parent.blobs
    if isinstance(children, str):
        suffix = parent.suffix
        if suffix and suffix[0] in PUNCT and suffix[0] == children[-1:]:
            parent.suffix = suffix[1:]
        return quoted
    if not children:
        return quoted
    # Empty nodes go first (citeproc-js purges them before any adjustment). The children's
    # subtrees are disjoint, so the order they are cleaned in does not matter.
    emptied = False
    for child in children:
        text = child.blobs
        if isinstance(text, str):  # (this function on a leaf, inlined: leaves are many)
            if child.decorations and _is_quoted(child):
                quoted = True
            if not text:
                emptied = True
                continue
            suffix = child.suffix
            if suffix and suffix[0] in PUNCT and suffix[0] == text[-1]:
                child.suffix = suffix[1:]
            continue
        if upward_and_leftward(child):
            quoted = True
        if not child.blobs:
            emptied = True
    if emptied:
        children[:] = [child for child in children if child.blobs]
        if not children:
            return quoted
    parent_decorated = bool(parent.decorations) and _has_decorations(parent, True)
    delimiter = parent.delimiter
    several = len(children) > 1
    # Under a delimiter, a child's leading character repeating the delimiter's last goes.
    if several and delimiter and delimiter[-1] in PUNCT_OR_SPACE:
        delimiter_char = delimiter[-1]
        for child in children[1:]:
            if child.prefix[:1] == delimiter_char:
                child.prefix = child.prefix[1:]
    # The last child's trailing space moves up.
    child = children[-1]
    if not parent_decorated and child.suffix[-1:] == " ":
        if parent.suffix[:1] != " ":
            parent.suffix = " " + parent.suffix
        child.suffix = child.suffix[:-1]
    # The first child's leading space or punctuation moves up.
    child = children[0]
    if child.prefix:
        if parent.prefix[-1:] == " " and child.prefix[0] == " ":
            child.prefix = child.prefix[1:]
        child_char = child.prefix[:1]
        if not parent_decorated and child_char in PUNCT_OR_SPACE and not parent.prefix:
            parent.prefix += child_char
            child.prefix = child.prefix[1:]
    if delimiter or not several:
        return quoted
    for index in range(len(children) - 2, -1, -1):
        sibling = children[index + 1]
        sibling_prefix = sibling.prefix
        if not sibling_prefix or sibling_prefix[0] not in PUNCT:
            continue
        child = children[index]
        if _has_decorations(child) or _has_decorations(sibling):
            continue
        sibling_char = sibling_prefix[0]
        prefix_matches = sibling_char == child.suffix[-1:]
        field_matches = (
            not child.suffix and isinstance(child.blobs, str) and child.blobs[-1:] == sibling_char
        )
        if not prefix_matches and not field_matches:
            merge_chars(child, "suffix", sibling, "prefix")
        else:
            sibling.prefix = sibling_prefix[1:]
    return quoted


def clean_up(root: Blob, punct_in_quote: bool, has_quotes: bool = True) -> None:
    """All passes, in citeproc-js's order, on one entry or cite.

    The quote pass only acts on quoted nodes; it is skipped when there are none.
    """
    quoted = upward_and_leftward(root)
    downward(root, punct_in_quote)
    if quoted:
        fix_quotes(root, punct_in_quote)
