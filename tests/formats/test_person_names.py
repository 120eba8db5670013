"""Personal names as databases print them, to CSL names."""

from __future__ import annotations

import pytest

from sarcref.formats.person_names import from_any, initials, orcid, split_list


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lerman, Daniel M", {"family": "Lerman", "given": "Daniel M."}),  # MEDLINE FAU
        ("van Raaij, M J", {"family": "van Raaij", "given": "M. J."}),
        ("Smith, John A Jr", {"family": "Smith", "given": "John A.", "suffix": "Jr"}),
        ("Lerman, DM", {"family": "Lerman", "given": "D. M."}),  # Web of Science AU
        ("Lerman DM", {"family": "Lerman", "given": "D. M."}),  # MEDLINE AU
        ("Lerman D.M.", {"family": "Lerman", "given": "D. M."}),  # Scopus, Embase
        ("Lee J.-H.", {"family": "Lee", "given": "J.-H."}),
        ("W. Zhang", {"family": "Zhang", "given": "W."}),
        ("PRISMA Group", {"literal": "PRISMA Group"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
    ],
)
def test_names_in_each_form(text: str, name: dict[str, str]) -> None:
    assert from_any(text) == name


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Lerman D.M., Randall R.L.", ["Lerman D.M.", "Randall R.L"]),
        ("Lerman DM, Randall RL.", ["Lerman DM", "Randall RL"]),
        ("Moher D, Altman DG; PRISMA Group.", ["Moher D", "Altman DG", "PRISMA Group."]),
        ("Lerman, Daniel M.; Randall, R.", ["Lerman, Daniel M.", "Randall, R."]),
        ("Lerman, Daniel M.", ["Lerman, Daniel M."]),
        ("", []),
    ],
)
def test_lists_of_names_in_one_field(value: str, names: list[str]) -> None:
    assert split_list(value) == names


def test_initials_and_orcids() -> None:
    assert initials("JD") == "J. D."
    assert initials("J-H") == "J.-H."
    assert orcid("ORCID: https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid("none") is None
