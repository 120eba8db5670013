"""Untrusted XML data files: read record by record, without entities, DTDs or the network."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError
from sarcref.xmlsafe import iter_records, root_name


def _titles(text: str) -> list[str]:
    records = iter_records(text, "a.xml", root="set", records=("r",), what="a set")
    return [r.findtext("t") for r in records]


def test_records_come_in_file_order_and_the_declared_encoding_does_not_matter() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<set><r><t>Gödel</t></r><r><t>B</t></r></set>'
    assert _titles(text) == ["Gödel", "B"]


def test_a_wrong_root_is_refused_with_or_without_records() -> None:
    for text in ("<other><r><t>x</t></r></other>", "<other/>"):
        with pytest.raises(DataError, match="^a.xml:1: not a set: the root element is <other>"):
            _titles(text)


def test_an_undefined_entity_is_an_error_naming_the_line_and_record() -> None:
    with pytest.raises(DataError, match=r"^a.xml:2: not well-formed XML in record 1 .*eacute"):
        _titles("<set><r>\n<t>&eacute;</t></r></set>")


def test_declared_entities_are_refused() -> None:
    with pytest.raises(DataError, match="^a.xml: the XML declares entities"):
        _titles('<!DOCTYPE set [<!ENTITY e "x">]><set><r><t>&e;</t></r></set>')


def test_the_root_element_is_found_after_the_prolog() -> None:
    head = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<x>'
    assert root_name(head) == "x"
    assert root_name("not xml") is None
