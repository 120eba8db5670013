"""Untrusted XML data files: parsed without entities, DTDs or the network."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError
from sarcref.xmlsafe import parse_untrusted, root_name


def test_the_declared_encoding_does_not_fight_the_decoded_text() -> None:
    root = parse_untrusted('<?xml version="1.0" encoding="UTF-16"?>\n<a>Gödel</a>', "a.xml")
    assert root.text == "Gödel"


def test_an_undefined_entity_is_an_error_naming_the_line() -> None:
    with pytest.raises(DataError, match=r"^a.xml:2: not well-formed XML: .*eacute"):
        parse_untrusted("<a>\n&eacute;</a>", "a.xml")


def test_the_root_element_is_found_after_the_prolog() -> None:
    head = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<x>'
    assert root_name(head) == "x"
    assert root_name("not xml") is None
