"""The variables a CSL style prints or tests, read from its XML.

``check`` asks a record for what its style shows: the variables named anywhere in the
bibliography's layout (the citation's, for a style without a bibliography) and in every macro
the layout calls, directly or through other macros. ``variable`` attributes of ``text``,
``number``, ``date``, ``names`` and ``label`` print; those of ``if``/``else-if`` (and
``is-numeric``, ``is-uncertain-date``) test.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import StyleError

CSL = "{http://purl.org/net/xbiblio/csl}"
_VARIABLE_ATTRIBUTES = ("variable", "is-numeric", "is-uncertain-date")


def style_variables(style: str) -> frozenset[str]:
    """The variables style *style* (an id, alias or ``.csl`` path) prints or tests.

    UsageError for an unknown style; StyleError for one whose XML does not parse.
    """
    from .style_catalogue import resolve

    return variables_of_file(resolve(style).path)


@lru_cache(maxsize=32)
def variables_of_file(path: Path) -> frozenset[str]:
    from .rendering.xmlsafe import parse_xml_file

    try:
        root = parse_xml_file(str(path)).getroot()
    except Exception as error:  # lxml's syntax errors, entities the safe parser refuses
        raise StyleError(f"{path}: the style does not parse: {error}") from None
    macros = {m.get("name"): m for m in root.iter(f"{CSL}macro") if m.get("name")}
    layout = root.find(f"{CSL}bibliography/{CSL}layout")
    if layout is None:
        layout = root.find(f"{CSL}citation/{CSL}layout")
    if layout is None:
        raise StyleError(f"{path}: the style has no bibliography or citation layout")
    found: set[str] = set()
    _collect(layout, macros, found, set())
    return frozenset(found)


def _collect(element: Any, macros: dict[str, Any], found: set[str], visited: set[str]) -> None:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        for attribute in _VARIABLE_ATTRIBUTES:
            value = node.get(attribute)
            if value:
                found.update(value.split())
        name = node.get("macro")
        if name and name not in visited and name in macros:
            visited.add(name)
            _collect(macros[name], macros, found, visited)
