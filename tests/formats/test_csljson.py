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


def test_an_item_without_a_type_is_kept_with_a_warning_as_citeproc_js_reads_it() -> None:
    text = '[\n  {"id": "a", "title": "No type"},\n  {"id": "b", "type": null, "title": "Null"}\n]'
    result = read_source(text, "csl-json")
    assert [(r.record.key, r.record.type, r.line) for r in result.records] == [
        ("a", "", 2),
        ("b", "", 3),
    ]
    assert "type" not in result.records[0].record.to_csl()
    assert [str(w) for w in result.warnings] == [
        "<text>:2: entry 'a': no 'type': kept without one (styles give it no type-specific form)",
        "<text>:3: entry 'b': no 'type': kept without one (styles give it no type-specific form)",
    ]


def test_recoverable_schema_slips_are_read_for_what_they_mean() -> None:
    item = {
        "id": "a",
        "type": "Article-Journal",
        "author": "Doe, Jane and World Health Organization",
        "editor": {"family": "Roe", "given": "Richard"},
        "translator": ["Poe, Edgar A."],
        "issued": "2015-01-01",
        "accessed": {"date-parts": [["2020", "3", ""]]},
        "original-date": "May 1901",
        "submitted": {"date-parts": [], "literal": "(in press)"},
        "ISSN": 10408703,
        "volume": 27,
    }
    result = read_source(json.dumps(item), "csl-json")
    assert result.records[0].record.csl == {
        "id": "a",
        "type": "article-journal",
        "author": [{"family": "Doe", "given": "Jane"}, {"literal": "World Health Organization"}],
        "editor": [{"family": "Roe", "given": "Richard"}],
        "translator": [{"family": "Poe", "given": "Edgar A."}],
        "issued": {"date-parts": [[2015, 1, 1]]},
        "accessed": {"date-parts": [[2020, 3]]},
        "original-date": {"raw": "May 1901"},  # parsed when cited, as citeproc-js parses it
        "submitted": {"literal": "(in press)"},
        "ISSN": "10408703",
        "volume": 27,  # a number is a number's right type
    }
    assert [w.reason for w in result.warnings] == [
        "field 'type': 'Article-Journal' read as 'article-journal'",
        "field 'author': names written as text: read as names",
        "field 'editor': one name, not a list: read as a list of one",
        "field 'translator': names written as text: read as names",
        "field 'issued': the date '2015-01-01' read as date-parts",
        "field 'original-date': the date 'May 1901' kept as a raw date",
        "field 'ISSN': the number 10408703 read as text",
    ]


def test_json_nested_deeper_than_any_csl_needs_is_refused_with_the_limit_and_line() -> None:
    deep = "[\n" + "[" * 100_000 + "]" * 100_000 + "\n]"
    with pytest.raises(DataError, match=r"^<text>:2: JSON nested deeper than 64 levels"):
        read_source(deep, "csl-json")
    custom = '{"id": "a", "type": "book", "custom": ' + "[" * 70 + "]" * 70 + "}"
    (problem,) = read_source(custom, "csl-json").problems
    assert str(problem) == "<text>:1: entry 'a': field 'custom': nested deeper than 64 levels"


def test_a_lone_surrogate_is_replaced_and_named_in_a_warning() -> None:
    text = '[\n {"id": "a", "type": "book", "title": "Caf\\ud800 au lait \\ud83d\\ude00"}\n]'
    result = read_source(text, "csl-json")
    assert result.records[0].record.title == "Caf\ufffd au lait \U0001f600"
    assert [str(w) for w in result.warnings] == [
        "<text>:2: entry 'a': field 'title': a lone surrogate (invalid Unicode) replaced by U+FFFD"
    ]
