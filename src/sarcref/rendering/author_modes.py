"""citeproc-js's cite modes: suppress-author, author-only, and linked cites.

- ``suppress-author`` (pandoc's ``[-@doe]``): the cite without the names it renders first
  (the author, or what the style substitutes for a missing author): ``(2020)``.
- ``author-only``: those names alone, without the layout's affixes and without any
  formatting (quotes, italics), and only the first cite of the cluster: ``Doe``.

A narrative citation (``@doe says``) is the author-only form, a space, then the
suppress-author cluster: ``Doe (2020) says``.

Both work on the cite's output tree, never on its text: the names node is emptied, or
everything off the path from the root to it is cut, before punctuation is cleaned up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blob import Blob
from .context import CiteItem
from .pipeline import Rendered

if TYPE_CHECKING:
    from .processor import Processor

# An inner decoration a format may turn into a link to the cited item's entry (see
# pandoc_output.PandocHtmlFormat); every other format writes the text unchanged.
LINK_DECORATION = "@link"


def apply_cite_mode(processor: Processor, cite: CiteItem, rendered: Rendered) -> None:
    """Change one cite's tree for its mode (and link it, if the format links cites)."""
    if cite.suppress_author:
        suppress_author(rendered)
    if getattr(processor.fmt, "link_cites", False):
        rendered.blob.decorations = (*rendered.blob.decorations, (LINK_DECORATION, cite.id))


def suppress_author(rendered: Rendered) -> None:
    """Empty the names the cite renders first (or what stands in for them)."""
    for node in _names_nodes(rendered):
        node.blobs = "" if isinstance(node.blobs, str) else []


def author_only(processor: Processor, cite: CiteItem) -> str:
    """The author-only form of one cite ("" when the style's cites print no names)."""
    processor.prepare()
    item = processor.items[cite.id]
    engine = processor.engine
    rendered: Rendered = processor.guard(
        item,
        lambda: engine.render_tree(
            "citation", item, cite, processor.disamb[item.id], processor.numbers.get(item.id)
        ),
    )
    nodes = _names_nodes(rendered)
    if not nodes:
        return ""
    root = rendered.blob
    if len(nodes) == 1:
        path = _path(root, nodes[0])
        assert path is not None
        for parent, child in zip(path, path[1:], strict=False):
            parent.blobs = [child]  # (groups around the names keep their affixes)
        root.prefix = root.suffix = ""  # (the layout's are not the author's)
    else:
        root = Blob(nodes)
    _undecorate(root)  # (citeproc-js writes the author-only form without formatting)
    engine.finish(root, False)
    return engine.serializer(processor.fmt, "citation").render(root)


def _undecorate(node: Blob) -> None:
    node.decorations = ()
    if isinstance(node.blobs, list):
        for child in node.blobs:
            _undecorate(child)


def _names_nodes(rendered: Rendered) -> list[Blob]:
    """The tree nodes of the names a cite renders first: the names node, or the nodes of
    what a style substituted for them (which the engine hands over in a detached node)."""
    names = rendered.first_names
    if names is None:
        return []
    if _path(rendered.blob, names) is not None:
        return [names]
    return [child for child in names.children() if _path(rendered.blob, child) is not None]


def _path(node: Blob, target: Blob) -> list[Blob] | None:
    """The nodes from *node* down to *target*, or None if *target* is not below it."""
    if node is target:
        return [node]
    children = node.blobs
    if isinstance(children, str):
        return None
    for child in children:
        found = _path(child, target)
        if found is not None:
            return [node, *found]
    return None
