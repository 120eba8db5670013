"""Parsing untrusted XML data files (PubMed XML, EndNote XML) safely, with lxml.

The parser never expands entities, never loads a DTD, never touches the network and refuses
huge trees, so XXE and "billion laughs" files fail instead of reading local files or
exhausting memory. A file that declares or uses entities is refused outright: their text
would otherwise vanish silently. ``rendering/xmlsafe.py`` does the same for CSL styles, with
messages written for styles.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import DataError

# The XML declaration's encoding: the text is decoded already and parsed as UTF-8 bytes.
_DECLARED_ENCODING = re.compile(r"""^(\ufeff?<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def _parser() -> Any:
    from lxml import etree

    # collect_ids stays on: with it off, libxml2 2.14 tries to load an external DTD.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_untrusted(text: str, source: str, *, record_tags: tuple[str, ...] = ()) -> Any:
    """The root element of an XML text; DataError naming ``source:line`` if it is malformed.

    With *record_tags*, a syntax error also names the record it falls in ("record 3").
    """
    from lxml import etree

    data = _DECLARED_ENCODING.sub(r"\1", text.lstrip("\ufeff"), count=1).encode("utf-8")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        message = str(error.msg or error).split(f", line {line}")[0]
        where = _record_at(text, line, record_tags)
        raise DataError(
            f"{source}:{line}: not well-formed XML{where}: {message}",
            hint="the file is damaged or cut short; export it again",
        ) from None
    _refuse_entities(root, source)
    return root


def _refuse_entities(root: Any, source: str) -> None:
    from lxml import etree

    tree = root.getroottree()
    internal = getattr(tree.docinfo, "internalDTD", None)
    if internal is not None and any(True for _ in internal.iterentities()):
        raise DataError(
            f"{source}: the XML declares entities (<!ENTITY ...>), which sarcref never expands",
            hint="database exports do not declare entities: is this file what it claims to be?",
        )
    for node in root.iter(etree.Entity):
        raise DataError(
            f"{source}:{node.sourceline}: the XML uses the undefined entity {node.text}",
            hint="database exports use only &amp; &lt; &gt; &quot; &apos; and &#...;",
        )


def _record_at(text: str, line: int, tags: tuple[str, ...]) -> str:
    """`` in record N (from line L)`` for the record a line falls in, by counting start tags."""
    if not tags:
        return ""
    end = 0  # the end of the line at fault: a record may start on it
    for _ in range(line):
        end = text.find("\n", end) + 1
        if end == 0:
            end = len(text)
            break
    names = "|".join(re.escape(tag) for tag in tags)
    starts = [m.start() for m in re.finditer(rf"<(?:{names})[\s>]", text[:end])]
    if not starts:
        return ""
    start_line = text.count("\n", 0, starts[-1]) + 1
    return f" in record {len(starts)} (from line {start_line})"


_PROLOG = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?"
    r"(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*|<\?[^>]*\?>\s*)*"
    r"<([A-Za-z_][\w.:-]*)",
    re.DOTALL,
)


def root_name(head: str) -> str | None:
    """The name of the root element of an XML text (from its first few kilobytes)."""
    match = _PROLOG.match(head.lstrip("\ufeff"))
    return match.group(1) if match else None
