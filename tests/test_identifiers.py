"""Identifiers stored in one spelling whatever a file wrote."""

from __future__ import annotations

import pytest

from sarcref.identifiers import bare_doi


@pytest.mark.parametrize(
    "text",
    [
        "10.1097/MOP.0000000000000165",
        "https://doi.org/10.1097/MOP.0000000000000165",
        "http://dx.doi.org/10.1097/MOP.0000000000000165",
        "https://www.doi.org/10.1097/MOP.0000000000000165",
        "doi:10.1097/MOP.0000000000000165",
        "DOI: 10.1097/MOP.0000000000000165",
        "DOI 10.1097/MOP.0000000000000165",
        "info:doi/10.1097/MOP.0000000000000165",
        "  https://doi.org/10.1097%2FMOP.0000000000000165 ",
    ],
)
def test_doi_spellings_give_the_bare_doi(text: str) -> None:
    assert bare_doi(text) == "10.1097/MOP.0000000000000165"


def test_sici_dois_keep_their_punctuation() -> None:
    doi = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    assert bare_doi("https://doi.org/" + doi) == doi


@pytest.mark.parametrize(
    "text", ["", "not a doi", "10.1/x", "10.1000/a 10.1000/b", "see 10.1000/xyz", "doi:"]
)
def test_what_is_not_one_doi_is_none(text: str) -> None:
    assert bare_doi(text) is None
