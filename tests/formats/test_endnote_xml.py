"""EndNote XML (EndNote, Bookends, Mendeley) to CSL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.errors import DataError
from sarcref.formats import detect_format, read_records
from sarcref.formats.endnote_xml import TYPES, read

FIXTURES = Path(__file__).parent / "fixtures" / "endnote_xml"
LIBRARY = FIXTURES / "library.xml"


def _records() -> list[dict[str, object]]:
    result = read(LIBRARY.read_text(encoding="utf-8"), "library.xml")
    assert result.problems == [] and result.warnings == []
    return [item.record.to_json() for item in result.records]


def test_every_reference_type_of_the_library_maps_to_the_csl_written_for_it() -> None:
    expected = json.loads((FIXTURES / "library.expected.json").read_text(encoding="utf-8"))
    got = [{k: v for k, v in r.items() if k not in ("id", "sarcref")} for r in _records()]
    assert got == expected


def test_styled_runs_become_csl_rich_text() -> None:
    titles = [r["title"] for r in _records()[1:3]]
    assert titles == [
        "The complete genome sequence of <i>Escherichia coli</i> K-12",
        "Analysis of relative gene expression data using real-time quantitative PCR and the "
        "2<sup>−ΔΔC</sup><sub>T</sub> method",
    ]


def test_the_database_a_record_came_from_is_kept() -> None:
    prisma, blattner, *_ = _records()
    own = prisma["sarcref"]
    assert isinstance(own, dict)
    assert own["source"] == {
        "format": "endnote-xml",
        "application": "EndNote",
        "database": "PubMed",
        "accession": "19621072",
    }
    assert own["publication-types"] == ["Journal Article"]  # "Type of Article", not CSL genre
    assert own["endnote"]["auth-address"].startswith("Ottawa Methods Centre")
    assert own["endnote"]["remote-database-provider"] == "NLM"
    assert blattner["sarcref"]["source"] == {"format": "endnote-xml"}  # nothing said: no guess


def test_every_endnote_type_has_a_csl_type_and_a_distinct_number() -> None:
    from sarcref.records import CSL_TYPES

    numbers = [number for number, _ in TYPES.values() if number is not None]
    assert len(numbers) == len(set(numbers))
    assert {csl for _, csl in TYPES.values()} <= CSL_TYPES


def test_a_type_given_by_number_only_is_understood() -> None:
    report = _records()[-1]
    assert report["type"] == "report"
    assert report["number"] == "EHA-2022-07"  # a report's "ISBN" field is its number


def test_records_keep_their_lines_and_the_format_is_told_from_the_content() -> None:
    text = LIBRARY.read_text(encoding="utf-8")
    result = read(text, "library.xml")
    assert [item.line for item in result.records] == list(range(1, 9))
    assert detect_format(text, "My Library.xml") == "endnote-xml"
    assert [r.key for r in read_records(LIBRARY)][:2] == [
        "moher2009preferred",
        "blattner1997complete",
    ]


def test_an_xml_file_without_records_is_refused() -> None:
    with pytest.raises(DataError, match=r"^x.xml:1: not EndNote XML: the root element is <Pub"):
        read("<PubmedArticleSet/>", "x.xml")


def test_a_corrupt_file_names_the_record() -> None:
    text = LIBRARY.read_text(encoding="utf-8").replace("<pages>402-408</pages>", "<pages>402")
    with pytest.raises(DataError, match=r"^library.xml:3: not well-formed XML in record 3 "):
        read(text, "library.xml")
