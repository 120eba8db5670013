"""Parsing untrusted CSL XML safely.

Styles are user-supplied files. The parser never expands entities, never loads a DTD, never
touches the network and refuses huge trees, so XXE and "billion laughs" files fail instead of
reading local files or exhausting memory.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"


def make_parser(lookup: Any | None = None) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    if lookup is not None:
        parser.set_element_class_lookup(lookup)
    return parser


def reject_entities(tree: Any) -> None:
    """Refuse documents that declare or use entities (their text would silently vanish)."""
    docinfo = tree.docinfo
    internal = getattr(docinfo, "internalDTD", None)
    if internal is not None and any(True for _ in internal.iterentities()):
        raise ValueError("the XML declares entities, which styles must not use")
    for node in tree.getroot().iter(etree.Entity):
        raise ValueError(f"the XML uses the entity &{node.name};, which styles must not use")


def parse_xml_bytes(data: bytes, lookup: Any | None = None) -> Any:
    tree = etree.ElementTree(etree.fromstring(data, make_parser(lookup)))
    reject_entities(tree)
    return tree


def parse_xml_file(path: str, lookup: Any | None = None) -> Any:
    tree = etree.parse(path, make_parser(lookup))
    reject_entities(tree)
    return tree
