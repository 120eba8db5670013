"""Reading RIS and CSL-JSON, and writing RIS."""

from __future__ import annotations

import json

import pytest

from sarcref.errors import DataError
from sarcref.formats import export, read_records, read_source

RIS = """\
TY  - JOUR
ID  - lerman2015local
AU  - Lerman, Daniel M.
A1  - Randall, R. Lor
TI  - Local control of metastatic sarcoma
T2  - Current Opinion in Pediatrics
JA  - Curr Opin Pediatr
PY  - 2015///
DA  - 2015/01/01/
SP  - 3
EP  - 8
VL  - 27
IS  - 1
DO  - 10.1097/MOP.0000000000000165
UR  - https://example.org/one
UR  - https://example.org/two
KW  - sarcoma
KW  - metastasis
AB  - Survival rates for children with metastatic sarcoma
  have remained dismal.
SN  - 1040-8703
PB  - Wolters Kluwer
C1  - a custom field
ER  -
"""


def test_ris_maps_to_csl_and_keeps_the_rest() -> None:
    (record,) = read_records(RIS, "ris")
    assert record.csl == {
        "id": "lerman2015local",
        "type": "article-journal",
        "title": "Local control of metastatic sarcoma",
        "container-title": "Current Opinion in Pediatrics",
        "container-title-short": "Curr Opin Pediatr",
        "volume": "27",
        "issue": "1",
        "publisher": "Wolters Kluwer",
        "DOI": "10.1097/MOP.0000000000000165",
        "abstract": "Survival rates for children with metastatic sarcoma have remained dismal.",
        "author": [
            {"family": "Lerman", "given": "Daniel M."},
            {"family": "Randall", "given": "R. Lor"},
        ],
        "ISSN": "1040-8703",
        "keyword": "sarcoma, metastasis",
        "URL": "https://example.org/one",
        "page": "3-8",
        "issued": {"date-parts": [[2015, 1, 1]]},
    }
    assert record.extra == {
        "ris": {
            "type": "JOUR",
            "tags": {"UR": ["https://example.org/two"], "C1": ["a custom field"]},
        }
    }


def test_ris_export_writes_tags_rispy_reads_back() -> None:
    (record,) = read_records(RIS, "ris")
    text = export([record], "ris")
    assert text.startswith("TY  - JOUR\nID  - lerman2015local\nTI  - Local control")
    assert "UR  - https://example.org/one\n" in text and "UR  - https://example.org/two\n" in text
    assert text.rstrip().endswith("ER  -")
    (again,) = read_records(text, "ris")
    assert (again.csl, again.extra) == (record.csl, record.extra)


def test_a_ris_record_without_er_is_reported_with_its_line() -> None:
    result = read_source(
        "TY  - BOOK\nTI  - Whole\nER  - \n\nTY  - JOUR\nID  - cut\nTI  - Ha", "ris"
    )
    assert [r.record.title for r in result.records] == ["Whole"]
    assert [str(p) for p in result.problems] == [
        "<text>:5: entry 'cut': the record has no ER line: the file ends inside it (truncated?)"
    ]


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
