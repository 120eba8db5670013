"""CSV exports of Scopus, PubMed, Embase and Web of Science, and any CSV with --map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.errors import DataError, UsageError
from sarcref.formats import detect_format, read_records, read_source
from sarcref.formats.csv_exports import parse_column_map, read

FIXTURES = Path(__file__).parent / "fixtures" / "csv"
BUNDLED = Path(__file__).parents[2] / "data" / "lerman2015local.json"


def _expected(name: str) -> list[dict[str, object]]:
    abstract = json.loads(BUNDLED.read_text(encoding="utf-8"))["abstract"]
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    for item in expected:
        if item.get("abstract") == "ABSTRACT-OF-THE-BUNDLED-RECORD":
            item["abstract"] = abstract  # the bundled record's, word for word
    return list(expected)


@pytest.mark.parametrize(
    ("name", "database", "accession"),
    [
        ("scopus", "Scopus", "2-s2.0-00000000001"),
        ("pubmed", "PubMed", "25490690"),
        ("embase", "Embase", "L0000000001"),
        ("wos", "Web of Science", "WOS:000000000000001"),
    ],
)
def test_each_database_export_is_recognised_and_mapped(
    name: str, database: str, accession: str
) -> None:
    path = FIXTURES / f"{name}.csv"
    assert detect_format(path.read_text(encoding="utf-8-sig"), path.name) == "csv"
    result = read_source(path)
    assert result.problems == [] and result.warnings == []
    got = [{k: v for k, v in r.record.csl.items() if k != "id"} for r in result.records]
    assert got == _expected(name)
    assert result.records[0].record.extra["source"] == {
        "format": "csv",
        "database": database,
        "accession": accession,
    }


def test_columns_without_a_csl_variable_are_kept() -> None:
    scopus = read_source(FIXTURES / "scopus.csv").records[0].record.extra
    assert scopus["publication-types"] == ["Review"]
    assert scopus["csv"]["Cited by"] == "3"
    assert scopus["csv"]["Author(s) ID"] == "57000000001; 57000000002"
    wos = read_source(FIXTURES / "wos.csv").records[0].record.extra
    assert wos["csv"]["eISSN"] == "1531-698X"  # ISSN took the print one; nothing is lost
    pubmed = read_source(FIXTURES / "pubmed.csv").records[0].record.extra
    assert "csv" not in pubmed  # every non-empty column was used


def test_an_unknown_csv_is_refused_with_its_columns_and_a_map_to_start_from() -> None:
    path = FIXTURES / "reading-list.csv"
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert caught.value.exit_code == 3
    assert caught.value.message == (
        f"{path}:1: a CSV file whose columns sarcref does not know: "
        "Ref ID, Heading, Writers, When, Periodical, Notes"
    )
    assert caught.value.hint == (
        "say what its columns hold: --format csv --map 'COLUMN=title,COLUMN=author,COLUMN=issued'"
    )
    with pytest.raises(DataError) as guessed:
        read("Title,Authors,Year,Journal,Shelf\nT,Doe J.,2001,J,3\n", "list.csv")
    assert guessed.value.hint == (
        "say what its columns hold: --format csv --map "
        "'Title=title,Authors=author,Year=issued,Journal=container-title'"
    )


def test_a_column_map_reads_any_csv() -> None:
    mapping = parse_column_map(
        "Heading=title,Writers=author,When=issued,Periodical=container-title"
    )
    result = read_source(FIXTURES / "reading-list.csv", column_map=mapping)
    got = [{k: v for k, v in r.record.csl.items() if k != "id"} for r in result.records]
    assert got == _expected("reading-list")
    assert result.records[0].record.extra == {
        "source": {"format": "csv"},
        "csv": {"Ref ID": "1", "Notes": "read for the journal club"},
    }
    assert [r.key for r in read_records(FIXTURES / "reading-list.csv", column_map=mapping)] == [
        "lerman2015local"
    ]


def test_column_maps_are_checked() -> None:
    assert parse_column_map("Times Cited, All Databases=note, Title = TITLE") == {
        "Times Cited, All Databases": "note",
        "Title": "title",
    }
    with pytest.raises(UsageError, match="'Heading' is not COLUMN=FIELD"):
        parse_column_map("Heading")
    with pytest.raises(UsageError, match="'headline' is not a CSL variable"):
        parse_column_map("Heading=headline")
    with pytest.raises(UsageError, match="--map names columns list.csv does not have: Nope"):
        read("A,B,C\n1,2,3\n", "list.csv", {"Nope": "title"})
    with pytest.raises(UsageError, match="--map applies to CSV files; <text> is ris"):
        read_source("TY  - JOUR\nER  - \n", column_map={"A": "title"})


def test_quoted_cells_may_span_lines_and_records_keep_their_lines() -> None:
    text = 'Title,Author,Year\n"A title\nover two lines",Doe J.,2001\n\nSecond,Roe R.,2002\n'
    result = read(text, "list.csv", {"Title": "title", "Author": "author", "Year": "issued"})
    assert [(r.record.csl["title"], r.line) for r in result.records] == [
        ("A title over two lines", 2),
        ("Second", 5),
    ]


def test_a_row_with_more_cells_than_the_header_is_refused_alone() -> None:
    text = "Title,Author,Year\nOne,Doe J.,2001,extra\nTwo,Roe R.,2002\n"
    result = read(text, "list.csv", {"Title": "title", "Year": "issued"})
    assert [r.record.csl["title"] for r in result.records] == ["Two"]
    assert [str(p) for p in result.problems] == [
        "list.csv:2: entry: the row has 4 cells, the header 3"
    ]
