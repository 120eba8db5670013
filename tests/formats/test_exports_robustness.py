"""Whatever a file holds, the database-export readers give records, problems or a DataError:
never another exception (the CLI would show a traceback)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sarcref.errors import DataError
from sarcref.formats import read_text

LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "PMID- 1", "TI  - Title.", "FAU - Doe, Jane", "AU  - Doe J", "CN  - Group",
                "AD  - Somewhere", "AUID- ORCID: 0000-0002-1825-0097", "DP  - 2015 Feb",
                "DP  - 2015 Feb 30", "DEP - 2015", "LA  - xyz", "PG  - 9-1", "IS  - x (Print)",
                "PT  - Book", "BTI - Book", "MH  - *A/*b", "", "      continued", "junk",
                "PT J", "AU Doe, J", "   Roe, R", "AF Doe, Jane", "TI A title", "PY 2015",
                "PD FEB 30", "BP 3", "EP 1", "DT Article; Book Chapter", "ER", "EF", "FN x",
                "PT\tAU\tTI\tSO", "J\tDoe, J\tT\tS", "Title,Authors,Year", "x,\"y\nz\",1",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=30,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(LINES, st.sampled_from(["medline", "wos", "auto"]))
def test_tagged_text_never_raises_anything_but_data_errors(lines: list[str], fmt: str) -> None:
    text = "\n".join(lines)
    try:
        result = read_text(text, "fuzz.txt", fmt)
    except DataError:
        return
    for item in result.records:
        assert item.record.csl["type"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), min_size=1, max_size=6))
def test_csv_never_raises_anything_but_data_errors(rows: list[list[str]]) -> None:
    text = "\n".join(",".join(f'"{c.replace(chr(34), "")}"' for c in row) for row in rows)
    header = {c.replace(chr(34), "").strip() for c in rows[0]}
    mapping = {c: "title" for c in list(header)[:1] if c}
    try:
        read_text(text, "fuzz.csv", "csv", column_map=mapping or None)
    except DataError:
        return


XML_PIECES = st.sampled_from(
    [
        "<PubmedArticleSet>", "</PubmedArticleSet>", "<PubmedArticle>", "</PubmedArticle>",
        "<MedlineCitation>", "</MedlineCitation>", "<Article>", "</Article>", "<PMID>1</PMID>",
        "<Journal><JournalIssue/></Journal>", "<ArticleTitle>T <i>x</i></ArticleTitle>",
        "<AuthorList><Author><LastName>Doe</LastName></Author></AuthorList>",
        "<PubmedBookArticle><BookDocument><Book/></BookDocument></PubmedBookArticle>",
        "<xml>", "</xml>", "<records>", "</records>", "<record>", "</record>",
        "<ref-type name=\"Nope\">999</ref-type>", "<ref-type>x</ref-type>",
        "<titles><title><style face=\"italic\">T</style></title></titles>",
        "<contributors><authors><author>,</author></authors></contributors>",
        "<dates><year>abc</year></dates>", "<isbn>12</isbn>", "&amp;", "&bogus;", "<", "text",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(XML_PIECES, max_size=25), st.sampled_from(["pubmed-xml", "endnote-xml", "auto"]))
def test_xml_never_raises_anything_but_data_errors(pieces: list[str], fmt: str) -> None:
    try:
        read_text("".join(pieces), "fuzz.xml", fmt)
    except DataError:
        return


@pytest.mark.parametrize("fmt", ["medline", "pubmed-xml", "endnote-xml", "wos", "csv"])
def test_a_file_forced_into_the_wrong_export_format_is_a_data_error(fmt: str) -> None:
    with pytest.raises(DataError):
        read_text("@book{k, title = {T}}\n", "refs.bib", fmt)
