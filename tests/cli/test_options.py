"""Options mean the same wherever they stand, in every command."""

from __future__ import annotations

import pytest

from sarcref import Library
from tests.helpers import invoke

RECORD = {
    "id": "sepsis2019",
    "type": "article-journal",
    "title": "Early sepsis care",
    "author": [{"family": "Fork", "given": "Frank"}],
    "issued": {"date-parts": [[2019]]},
}


@pytest.fixture
def with_sepsis(library: Library) -> Library:
    library.add(RECORD)
    return library


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "sepsis", "-f", "keys"],
        ["search", "-f", "keys", "sepsis"],
        ["search", "sepsis", "--format=keys"],
        ["search", "sepsis", "-n", "5", "-s", "year", "-f", "keys"],
        ["search", "sepsis", "-f", "keys", "--library", "{lib}"],
    ],
)
def test_search_options_are_options_wherever_they_stand(
    with_sepsis: Library, argv: list[str]
) -> None:
    argv = [str(with_sepsis.path) if a == "{lib}" else a for a in argv]
    result = invoke(argv)
    assert (result.exit_code, result.stdout) == (0, "sepsis2019\n")


def test_a_dash_word_that_is_not_an_option_is_an_exclusion(with_sepsis: Library) -> None:
    assert invoke(["search", "sepsis", "-early", "-f", "keys"]).exit_code == 1
    assert invoke(["search", "sepsis", "-surgery", "-f", "keys"]).stdout == "sepsis2019\n"
    # After --, -f is a word to exclude, not an option.
    after = invoke(["search", "-f", "keys", "--", "sepsis", "-f"])
    assert (after.exit_code, after.stdout) == (0, "sepsis2019\n")


def test_an_unknown_option_elsewhere_is_a_usage_error_naming_the_closest(library: Library) -> None:
    result = invoke(["cite", "--stlye", "apa"])
    assert result.exit_code == 2
    assert "no such option: --stlye; did you mean --style?" in result.stderr


def test_an_option_without_its_value_or_a_bad_choice_is_exit_2(library: Library) -> None:
    assert "--style needs a value" in invoke(["cite", "--style"]).stderr
    bad = invoke(["list", "-f", "xml"])
    assert (bad.exit_code, bad.stderr.splitlines()[0]) == (
        2,
        "Error: -f: 'xml' is not one of table, keys, json, tsv",
    )
