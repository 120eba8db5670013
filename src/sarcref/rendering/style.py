"""Loading a CSL style: safe parsing into sarcref's element classes, then compiling."""

from __future__ import annotations

import functools
import os
import re
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


_REFERENCE = re.compile(r"&(?:#([0-9]{1,6})|#[xX]([0-9a-fA-F]{1,6})|(quot|gt|lt));")
_NAMED = {"quot": '"', "gt": ">", "lt": "<"}


def _decode_reference(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000:
        return chr(code)
    return match.group(0)


def decode_references_again(root: Any) -> None:
    """Decode character references left in attribute values and texts, as citeproc-js does.

    citeproc-js reads a style with its own parser, which replaces ``&amp;`` first and then
    the other references, so ``&amp;#10;`` in a style file is a line break to it (some
    styles write affixes that way). An XML parser leaves ``&#10;`` as text; this pass
    gives what citeproc-js reads.
    """
    for element in root.iter():
        for name, value in element.attrib.items():
            if "&" in value:
                element.set(name, _REFERENCE.sub(_decode_reference, value))
        text = element.text
        if text and "&" in text:
            element.text = _REFERENCE.sub(_decode_reference, text)


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

    A style file is compiled once per process: later calls for the same file, unchanged
    (same modification and change times, size and inode), get the same
    :class:`LoadedStyle`, which any number of processors may share.
    """
    if isinstance(source, bytes):
        return _compile(source, "<style XML>", default_locale_override)
    name = os.fspath(source)
    try:
        status = os.stat(name)
    except OSError as exc:
        raise StyleError(f"cannot read style {name}: {exc.strerror or exc}") from exc
    version = (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)
    return _load_file(name, os.path.realpath(name), version, default_locale_override)


@functools.lru_cache(maxsize=16)
def _load_file(
    name: str, path: str, version: tuple[int, int, int, int], default_locale_override: str | None
) -> LoadedStyle:
    """The compiled style in file *path* (named *name* in messages) as of *version*."""
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_STYLE_BYTES + 1)
    except OSError as exc:
        raise StyleError(f"cannot read style {name}: {exc.strerror or exc}") from exc
    return _compile(data, name, default_locale_override)


def _compile(data: bytes, name: str, default_locale_override: str | None) -> LoadedStyle:
    if len(data) > _MAX_STYLE_BYTES:
        raise StyleError(f"style {name} is too large ({len(data)} bytes)")
    try:
        tree = parse_xml_bytes(data, _lookup())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise StyleError(f"style {name} is not well-formed XML: {exc}") from exc
    root = tree.getroot()
    decode_references_again(root)
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
