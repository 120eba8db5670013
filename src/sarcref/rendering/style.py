"""Loading a CSL style: safe parsing into sarcref's element classes, then compiling."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import StyleError
from . import elements_date, elements_flow, elements_names, elements_text  # noqa: F401
from .elements_base import ELEMENT_CLASSES, GenericElement
from .elements_layout import Style, compile_style
from .xmlsafe import CSL_NS, parse_xml_bytes

_MAX_STYLE_BYTES = 8 * 1024 * 1024


def _lookup() -> Any:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = GenericElement
    namespace.update(ELEMENT_CLASSES)
    return lookup


@dataclass
class LoadedStyle:
    """A parsed and compiled style, ready for any number of processors."""

    root: Style
    name: str
    tree: Any = field(repr=False)
    locales: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def has_bibliography(self) -> bool:
        return self.root.bibliography is not None

    @property
    def style_class(self) -> str:
        return self.root.class_


def load_style(
    source: str | os.PathLike[str] | bytes, default_locale_override: str | None = None
) -> LoadedStyle:
    """Parse and compile a CSL style from a path or from XML bytes.

    The XML is untrusted: entities are neither expanded nor allowed, no DTD or network
    access happens. A malformed or unusable style raises :class:`StyleError` naming the
    file and the reason. ``default_locale_override`` replaces the style's
    ``default-locale`` (for a dependent style, pass the dependent's).
    """
    if isinstance(source, bytes):
        name = "<style XML>"
        data = source
    else:
        name = os.fspath(source)
        try:
            with open(name, "rb") as file:
                data = file.read(_MAX_STYLE_BYTES + 1)
        except OSError as exc:
            raise StyleError(f"cannot read style {name}: {exc.strerror or exc}") from exc
    if len(data) > _MAX_STYLE_BYTES:
        raise StyleError(f"style {name} is too large ({len(data)} bytes)")
    try:
        tree = parse_xml_bytes(data, _lookup())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise StyleError(f"style {name} is not well-formed XML: {exc}") from exc
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(f"{name} is not a CSL style (root element {root.tag!r})")
    if root.find(f"{{{CSL_NS}}}citation") is None:
        parent = [
            link.get("href")
            for link in root.iter(f"{{{CSL_NS}}}link")
            if link.get("rel") == "independent-parent"
        ]
        if parent:
            raise StyleError(
                f"style {name} is a dependent style; load its parent {parent[0]} instead"
            )
        raise StyleError(f"style {name} has no <citation> element")
    if default_locale_override:
        root.set("default-locale", default_locale_override)
    try:
        compiled = compile_style(root)
    except KeyError as exc:
        raise StyleError(f"style {name} calls an undefined macro {exc}") from exc
    except RecursionError as exc:
        raise StyleError(f"style {name} is invalid: {exc}") from exc
    except ValueError as exc:
        raise StyleError(f"style {name} is invalid: {exc}") from exc
    return LoadedStyle(compiled, name, tree)
