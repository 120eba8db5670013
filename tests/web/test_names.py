"""Names written as one string, and names in capitals."""

from __future__ import annotations

import pytest

from sarcref.web.names import clean_name, readable_case, split_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dan M. Lerman", {"family": "Lerman", "given": "Dan M."}),
        (
            "Maria van der Berg",
            {"family": "Berg", "given": "Maria", "non-dropping-particle": "van der"},
        ),
        ("José García-López", {"family": "García-López", "given": "José"}),
        ("Lerman, Dan M.", {"family": "Lerman", "given": "Dan M."}),
        ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("de la Cruz, Ana", {"family": "Cruz", "given": "Ana", "non-dropping-particle": "de la"}),
        ("Plato", {"literal": "Plato"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
        ("  Ada   Okafor ", {"family": "Okafor", "given": "Ada"}),
    ],
)
def test_split_name(text: str, name: dict[str, str]) -> None:
    assert split_name(text) == name


def test_names_in_capitals_are_made_readable_but_initials_are_not() -> None:
    assert readable_case("LERMAN") == "Lerman"
    assert readable_case("O'DEA") == "O'Dea"
    assert readable_case("DANIEL M") == "Daniel M"
    assert readable_case("DM") == "DM"
    assert readable_case("McDonald") == "McDonald"


def test_clean_name_keeps_csl_parts_only() -> None:
    crossref = {
        "given": "Daniel M.",
        "family": "LERMAN",
        "sequence": "first",
        "affiliation": [{"name": "X"}],
        "ORCID": "http://orcid.org/0000-0002-1825-0097",
    }
    assert clean_name(crossref) == {"family": "Lerman", "given": "Daniel M."}
    assert clean_name({"name": "Sarcoma Study Group", "sequence": "additional"}) == {
        "literal": "Sarcoma Study Group"
    }
    assert clean_name({"affiliation": []}) is None
