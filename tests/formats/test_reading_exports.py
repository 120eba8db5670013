"""Telling database exports apart by their content, and read_text's options for them."""

from __future__ import annotations

import pytest

from sarcref.errors import DataError, UsageError
from sarcref.formats import FORMATS, detect_format, read_text
from sarcref.formats.reading import detect_database_export


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        ("PMID- 25490690\nOWN - NLM\n", "medline"),
        ('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet>', "pubmed-xml"),
        ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record>', "endnote-xml"),
        ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", "wos"),
        ("PT\tAU\tBA\tBE\tGP\tAF\tBF\tCA\tTI\tSO\tSE\n", "wos"),
        ('"Authors","Title","Year","Source title","EID"\n"a","c",1,"d","e"', "csv"),
        ("PMID,Title,Authors,Citation,First Author\n1,T,A,C,F\n", "csv"),
        ("TY  - JOUR\nER  - \n", None),  # RIS: not a database export of its own
        ("<style/>", None),
        ("Title,Authors,Year\nT,A,2001\n", None),  # a CSV, but no database's
    ],
)  # fmt: skip
def test_each_export_is_told_from_its_first_lines(head: str, fmt: str | None) -> None:
    assert detect_database_export(head) == fmt


def test_the_formats_are_offered_for_format() -> None:
    assert FORMATS[:3] == ("bibtex", "csl-json", "ris")
    assert set(FORMATS[3:]) == {"medline", "pubmed-xml", "endnote-xml", "wos", "csv"}


def test_a_table_in_a_txt_file_is_read_as_csv_and_refused_with_its_columns() -> None:
    text = "Ref;Heading;Writers\n1;A title;Doe J.\n"
    assert detect_format(text, "list.txt") == "csv"
    with pytest.raises(DataError, match=r"^list.txt:1: a CSV file whose columns .*Ref, Heading"):
        read_text(text, "list.txt")
    records = read_text(text, "list.txt", column_map={"Heading": "title", "Writers": "author"})
    assert [r.record.csl["title"] for r in records.records] == ["A title"]


def test_text_in_no_known_format_names_every_format() -> None:
    with pytest.raises(DataError) as caught:
        detect_format("just some notes\n", "notes.txt")
    assert caught.value.message.startswith("notes.txt: cannot tell the format")
    assert caught.value.hint == (
        "give it with --format bibtex|csl-json|ris|medline|pubmed-xml|endnote-xml|wos|csv"
    )


def test_a_column_map_for_a_file_that_is_no_csv_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--map applies to CSV files; x.txt is medline"):
        read_text("PMID- 1\nTI  - T\n", "x.txt", column_map={"A": "title"})
