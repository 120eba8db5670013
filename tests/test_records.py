"""Records: the stored JSON form, validation, and what commands read off a record."""

from __future__ import annotations

import pytest

from sarcref import DataError, Record
from sarcref.library import bundled_records
from sarcref.records import abstract_sections, date_year, format_date


def article(**fields: object) -> dict[str, object]:
    return {"id": "doe2020", "type": "article-journal", "title": "A title", **fields}


def test_stored_form_round_trips_csl_and_sarcref_fields() -> None:
    stored = article(sarcref={"peer-reviewed": True, "tags": ["todo"], "added": "2026-01-01"})
    record = Record.from_json(stored)
    assert record.key == "doe2020"
    assert record.extra == {"peer-reviewed": True}
    assert record.tags == ["todo"]
    assert record.to_json() == stored
    assert "sarcref" not in record.to_csl()


def test_numeric_ids_become_string_keys() -> None:
    assert Record.from_json({"id": 12, "type": "book"}).key == "12"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "journal"}, "field 'type': 'journal' is not a CSL item type"),
        ({"author": "Doe, J."}, "field 'author': expected a list of names"),
        ({"author": [{"given": ""}]}, "field 'author': name 1 has no family, given or literal"),
        ({"issued": "2020"}, "field 'issued': expected a date object"),
        ({"issued": {"date-parts": [["May"]]}}, "'May' in date-parts is not a number"),
        ({"issued": {}}, "a date needs date-parts, raw or literal"),
    ],
)
def test_invalid_csl_names_record_and_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(DataError, match="record 'doe2020': ") as caught:
        Record.from_json(article(**fields))
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("own", "message"),
    [
        ("to-read", "field 'sarcref': expected an object of sarcref's fields, found str"),
        ({"tags": "to-read"}, "field 'sarcref.tags': expected a list of tag names"),
        ({"tags": [["nested"]]}, "field 'sarcref.tags': expected a list of tag names"),
        ({"sources": {"file": "a.bib"}}, "field 'sarcref.sources': expected a list of sources"),
        ({"sources": ["a.bib"]}, "field 'sarcref.sources': expected a list of sources"),
        ({"added": 2020}, "field 'sarcref.added': expected a date and time"),
    ],
)
def test_sarcref_fields_commands_rely_on_are_checked(own: object, message: str) -> None:
    # A CSL-JSON file or an edit may hold anything under "sarcref"; these made commands
    # fail with TypeError (exit 70) before.
    with pytest.raises(DataError, match="record 'doe2020': ") as caught:
        Record.from_json({**article(), "sarcref": own})
    assert message in caught.value.message


def test_absent_sarcref_fields_are_empty() -> None:
    record = Record.from_json({**article(), "sarcref": {"tags": None, "sources": None}})
    assert (record.tags, record.extra) == ([], {})
    assert Record.from_json({**article(), "sarcref": {"tags": ["to-read", 7]}}).tags == [
        "to-read",
        "7",
    ]


def test_a_record_needs_a_key() -> None:
    with pytest.raises(DataError, match="field 'id'"):
        Record.from_json({"type": "book", "title": "No key"})


def test_bundled_record_keeps_every_fact_of_the_source() -> None:
    (record,) = bundled_records()
    csl = record.csl
    assert record.key == "lerman2015local"
    assert csl["title"] == "Local control of metastatic sarcoma"
    assert csl["author"] == [
        {"family": "Lerman", "given": "Daniel M."},
        {"family": "Randall", "given": "R"},
    ]
    assert (csl["container-title"], csl["container-title-short"]) == (
        "Current Opinion in Pediatrics",
        "Curr Opin Pediatr",
    )
    assert (csl["volume"], csl["issue"], csl["page"], csl["number-of-pages"]) == (
        "27",
        "1",
        "3-8",
        "6",
    )
    assert csl["issued"] == {"date-parts": [[2015, 1, 1]]}
    assert csl["language"] == "en-US"
    assert csl["type"] == "article-journal"
    assert record.keywords == [
        "local treatment",
        "metastasectomy",
        "metastasis",
        "radiation therapy",
        "sarcoma",
    ]
    assert [label for label, _ in abstract_sections(csl["abstract"])] == [
        "PURPOSE OF REVIEW",
        "RECENT FINDINGS",
        "SUMMARY",
    ]
    assert "DOI" not in csl and "URL" not in csl
    extra = record.extra
    assert extra["genre"] == "Review article"
    assert extra["peer-reviewed"] is True
    assert extra["externally-published"] is True
    assert extra["subject-areas"] == [
        {"scheme": "ASJC", "name": "Pediatrics, Perinatology, and Child Health"}
    ]
    assert extra["citation-counts"] == [{"source": "Scopus", "count": 3}]
    assert "volume" in extra["provenance"]["added"]


def test_abstract_without_labels_is_one_section() -> None:
    assert abstract_sections("Plain text. More text.") == [(None, "Plain text. More text.")]


def test_abstract_labels_need_capitals_and_a_colon() -> None:
    text = "BACKGROUND: One. METHODS: Two: with a colon. Results in lower case: three."
    assert abstract_sections(text) == [
        ("BACKGROUND", "One."),
        ("METHODS", "Two: with a colon. Results in lower case: three."),
    ]


@pytest.mark.parametrize(
    ("date", "year", "shown"),
    [
        ({"date-parts": [[2015, 1, 1]]}, 2015, "2015-01-01"),
        ({"date-parts": [["1971", "4"]]}, 1971, "1971-04"),
        ({"date-parts": [[2001], [2003]]}, 2001, "2001/2003"),
        ({"raw": "Spring 1999"}, 1999, "Spring 1999"),
        ({"literal": "n.d."}, None, "n.d."),
    ],
)
def test_dates_give_a_year_and_a_readable_form(
    date: dict[str, object], year: int | None, shown: str
) -> None:
    assert date_year(date) == year
    assert format_date(date) == shown


def test_short_authors() -> None:
    one = Record.from_json(article(author=[{"family": "Doe", "given": "J"}]))
    two = Record.from_json(article(author=[{"family": "Doe"}, {"literal": "WHO"}]))
    three = Record.from_json(article(author=[{"family": "A"}, {"family": "B"}, {"family": "C"}]))
    assert [r.short_authors() for r in (one, two, three)] == ["Doe", "Doe & WHO", "A et al."]
