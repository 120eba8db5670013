"""Identifiers are told apart by their shape alone, before any request."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcref.errors import UsageError
from sarcref.identifiers import (
    Identifier,
    bare_doi,
    isbn_is_valid,
    parse_identifier,
    record_identifiers,
)


@pytest.mark.parametrize(
    "text",
    [
        "10.1097/CCO.0000000000000150",
        "doi:10.1097/CCO.0000000000000150",
        "DOI: 10.1097/CCO.0000000000000150",
        "https://doi.org/10.1097/CCO.0000000000000150",
        "http://dx.doi.org/10.1097/CCO.0000000000000150",
        "https://www.doi.org/10.1097/CCO.0000000000000150",
        "doi.org/10.1097/CCO.0000000000000150",
        "https://doi.org/10.1097%2FCCO.0000000000000150",
        "  10.1097/CCO.0000000000000150\n",
    ],
)
def test_every_written_form_of_a_doi_gives_the_bare_doi(text: str) -> None:
    assert bare_doi(text) == "10.1097/CCO.0000000000000150"
    assert parse_identifier(text) == Identifier("doi", "10.1097/CCO.0000000000000150")


@pytest.mark.parametrize(
    "text", ["", "10.1/x", "10.1097", "10.1097/", "see 10.1097/x", "10.1097/a b", "11.1097/x"]
)
def test_what_is_not_a_doi(text: str) -> None:
    assert bare_doi(text) is None


def test_a_doi_keeps_its_case_and_its_odd_characters() -> None:
    sici = "10.1002/(SICI)1097-4636(199602)30:2<181::AID-JBM7>3.0.CO;2-#"
    assert bare_doi(sici) == sici
    assert bare_doi("https://doi.org/10.1002/(SICI)1097-4636(199602)30:2%3C181") == (
        "10.1002/(SICI)1097-4636(199602)30:2<181"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pmid:25490690", Identifier("pmid", "25490690")),
        ("PMID: 25490690", Identifier("pmid", "25490690")),
        ("https://pubmed.ncbi.nlm.nih.gov/25490690/", Identifier("pmid", "25490690")),
        ("https://www.ncbi.nlm.nih.gov/pubmed/25490690", Identifier("pmid", "25490690")),
        ("pmcid:PMC1234567", Identifier("pmcid", "PMC1234567")),
        ("PMC1234567", Identifier("pmcid", "PMC1234567")),
        ("pmcid:1234567", Identifier("pmcid", "PMC1234567")),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/", Identifier("pmcid", "PMC1234567")),
        (
            "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/",
            Identifier("pmcid", "PMC1234567"),
        ),
        ("arxiv:2101.00001", Identifier("arxiv", "2101.00001")),
        ("arXiv:2101.00001v2", Identifier("arxiv", "2101.00001v2")),
        ("2101.00001v2", Identifier("arxiv", "2101.00001v2")),
        ("0704.0001", Identifier("arxiv", "0704.0001")),
        ("math/0307200", Identifier("arxiv", "math/0307200")),
        ("math.GT/0309136v1", Identifier("arxiv", "math.GT/0309136v1")),
        ("https://arxiv.org/abs/hep-th/9901001", Identifier("arxiv", "hep-th/9901001")),
        ("https://arxiv.org/pdf/2101.00001v3.pdf", Identifier("arxiv", "2101.00001v3")),
        ("http://export.arxiv.org/abs/2101.00001", Identifier("arxiv", "2101.00001")),
        ("978-0-306-40615-7", Identifier("isbn", "9780306406157")),
        ("ISBN 978 0 306 40615 7", Identifier("isbn", "9780306406157")),
        ("isbn:0-306-40615-2", Identifier("isbn", "0306406152")),
        ("080442957X", Identifier("isbn", "080442957X")),
        ("9780306406157", Identifier("isbn", "9780306406157")),
    ],
)
def test_identifiers_are_recognised_by_their_shape(text: str, expected: Identifier) -> None:
    assert parse_identifier(text) == expected


def test_a_bare_number_is_refused_with_a_hint_to_write_pmid() -> None:
    with pytest.raises(UsageError) as caught:
        parse_identifier("25490690")
    assert caught.value.exit_code == 2
    assert "bare number" in caught.value.message
    assert caught.value.hint is not None and "pmid:25490690" in caught.value.hint


def test_an_isbn_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(UsageError, match="check digit"):
        parse_identifier("978-0-306-40615-8")


@pytest.mark.parametrize("text", ["hello", "10.1/x", "arxiv:2113.00001", "pmid:abc", ""])
def test_what_is_no_identifier_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        parse_identifier(text)


def test_identifiers_print_as_kind_and_value() -> None:
    identifier = parse_identifier("https://doi.org/10.1097/CCO.0000000000000150")
    assert str(identifier) == "doi:10.1097/CCO.0000000000000150"
    assert identifier.label == "DOI 10.1097/CCO.0000000000000150"
    assert parse_identifier(str(identifier)) == identifier


def test_isbn_check_digits() -> None:
    assert isbn_is_valid("9780306406157")
    assert isbn_is_valid("0306406152")
    assert isbn_is_valid("080442957X")
    assert not isbn_is_valid("9780306406158")
    assert not isbn_is_valid("1234567890123")  # not a 978/979 prefix


@given(st.lists(st.integers(0, 9), min_size=12, max_size=12))
def test_every_isbn13_has_exactly_one_check_digit(digits: list[int]) -> None:
    body = "978" + "".join(map(str, digits))[:9]
    valid = [d for d in "0123456789" if isbn_is_valid(body + d)]
    assert len(valid) == 1


def test_a_record_is_fetched_again_by_its_doi_first() -> None:
    csl = {
        "DOI": "https://doi.org/10.1097/CCO.0000000000000150",
        "PMID": "25490690",
        "number": "arXiv:2101.00001",
        "ISBN": "978-0-306-40615-7, 0306406152",
    }
    assert record_identifiers(csl) == [
        Identifier("doi", "10.1097/CCO.0000000000000150"),
        Identifier("pmid", "25490690"),
        Identifier("arxiv", "2101.00001"),
        Identifier("isbn", "9780306406157"),
    ]


def test_an_arxiv_id_is_read_only_where_it_says_it_is_one() -> None:
    assert record_identifiers({"URL": "https://arxiv.org/abs/2101.00001"}) == [
        Identifier("arxiv", "2101.00001")
    ]
    assert record_identifiers({"note": "Preprint arXiv:math/0307200."}) == [
        Identifier("arxiv", "math/0307200")
    ]
    # A report number that looks like a new-style arXiv id is not one.
    assert record_identifiers({"number": "1203.4567", "note": "p. 1203.4567"}) == []
