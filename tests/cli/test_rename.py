"""`sarcref rename OLD NEW`: the only way a key changes."""

from __future__ import annotations

import pytest

from sarcref import Library
from tests.helpers import invoke


def test_rename_moves_the_record_with_its_tags(library: Library) -> None:
    assert invoke(["tag", "lerman2015local", "+review"]).exit_code == 0
    cited = invoke(["cite", "lerman2015local"]).stdout  # also fills the cache
    result = invoke(["rename", "lerman2015local", "lerman2015"])
    assert (result.exit_code, result.stdout) == (0, "lerman2015local -> lerman2015\n")
    assert library.keys() == ["lerman2015"]
    record = library.get("lerman2015")
    assert (record.tags, record.csl["id"]) == (["review"], "lerman2015")
    assert invoke(["search", "key:lerman2015", "-f", "keys"]).stdout == "lerman2015\n"
    assert invoke(["search", "tag:review", "-f", "keys"]).stdout == "lerman2015\n"
    assert invoke(["cite", "lerman2015"]).stdout == cited
    assert invoke(["show", "lerman2015local"]).exit_code == 1


@pytest.mark.parametrize(
    ("new", "code", "says"),
    [
        ("taken2020", 2, "the key 'taken2020' is taken"),
        ("two words", 2, "cannot be a key"),
        ("12345", 2, "at least one letter"),
        ("a,b", 2, "cannot be a key"),
    ],
)
def test_rename_refuses_a_key_in_use_or_malformed(
    library: Library, new: str, code: int, says: str
) -> None:
    library.add({"id": "taken2020", "type": "book", "title": "Taken"})
    result = invoke(["rename", "lerman2015local", new])
    assert result.exit_code == code
    assert says in result.stderr
    assert set(library.keys()) == {"lerman2015local", "taken2020"}


def test_rename_of_an_unknown_key_is_exit_1(library: Library) -> None:
    result = invoke(["rename", "lerman2016", "x2016"])
    assert result.exit_code == 1
    assert "did you mean lerman2015local?" in result.stderr
