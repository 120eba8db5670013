"""Reading CSL-JSON: the shapes accepted, what is refused and where."""

from __future__ import annotations

import json

import pytest

from sarcref.errors import DataError
from sarcref.formats import read_records, read_source


def test_csl_json_takes_a_list_or_one_object() -> None:
    item = {"id": "a", "type": "book", "title": "One"}
    assert [r.key for r in read_records(json.dumps(item))] == ["a"]
    assert [r.key for r in read_records(json.dumps([item, {**item, "id": 7}]))] == ["a", "7"]


def test_invalid_csl_json_names_the_line_the_record_and_the_field() -> None:
    text = """[
  {"id": "ok", "type": "book", "title": "Fine"},
  {"id": "bad", "type": "book",
   "author": [{"family": "Doe"}, {"given": ""}]},
  {"id": "when", "type": "book", "issued": {"date-parts": [["soon"]]}},
  {"id": "kind", "type": "novel"}
]"""
    result = read_source(text, "csl-json")
    assert [r.record.key for r in result.records] == ["ok"]
    assert [str(p) for p in result.problems] == [
        "<text>:3: entry 'bad': field 'author': name 2 has no family, given or literal part",
        "<text>:5: entry 'when': field 'issued': 'soon' in date-parts is not a number",
        "<text>:6: entry 'kind': field 'type': 'novel' is not a CSL item type",
    ]


def test_broken_json_is_one_error_with_its_line() -> None:
    with pytest.raises(DataError, match=r"^<text>:3: not valid JSON: Expecting value"):
        read_source('[\n {"id": "a", "type": "book"},\n {"id": }\n]', "csl-json")
