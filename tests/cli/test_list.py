"""``sarcref list``."""

from __future__ import annotations

import json

import pytest

from sarcref import Library
from sarcref.cli import printing
from tests.helpers import invoke


@pytest.fixture
def three(library: Library) -> Library:
    library.add(
        {
            "id": "knudson1971",
            "type": "article-journal",
            "title": "Mutation and cancer",
            "author": [{"family": "Knudson", "given": "Alfred G."}],
            "container-title": "PNAS",
            "issued": {"date-parts": [[1971, 4]]},
        }
    )
    library.add(
        {
            "id": "who2020",
            "type": "report",
            "title": "Global report",
            "author": [{"literal": "World Health Organization"}],
            "issued": {"date-parts": [[2020]]},
        }
    )
    return library


def test_list_piped_is_tab_separated(three: Library) -> None:
    result = invoke(["list"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "lerman2015local\t2015\tLerman & Randall\tLocal control of metastatic sarcoma\t"
        "Current Opinion in Pediatrics",
        "knudson1971\t1971\tKnudson\tMutation and cancer\tPNAS",
        "who2020\t2020\tWorld Health Organization\tGlobal report\t",
    ]


@pytest.mark.parametrize(
    ("sort", "keys"),
    [
        ("added", ["lerman2015local", "knudson1971", "who2020"]),
        ("year", ["knudson1971", "lerman2015local", "who2020"]),
        ("-year", ["who2020", "lerman2015local", "knudson1971"]),
        ("author", ["knudson1971", "lerman2015local", "who2020"]),
        ("title", ["who2020", "lerman2015local", "knudson1971"]),
        ("key", ["knudson1971", "lerman2015local", "who2020"]),
    ],
)
def test_list_sorts(three: Library, sort: str, keys: list[str]) -> None:
    result = invoke(["list", "--sort", sort, "--format", "keys"])
    assert result.stdout.split() == keys


def test_list_json_and_tsv(three: Library) -> None:
    records = json.loads(invoke(["list", "-f", "json"]).stdout)
    assert [r["id"] for r in records] == ["lerman2015local", "knudson1971", "who2020"]
    assert all("sarcref" in r for r in records)
    tsv = invoke(["list", "-f", "tsv"]).stdout.splitlines()
    assert tsv[0] == "key\tyear\tauthors\ttitle\tjournal"
    assert len(tsv) == 4


def test_list_draws_a_table_on_a_terminal(three: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    result = invoke(["list"])
    assert "3 records" in result.stdout
    header = next(line for line in result.stdout.splitlines() if "key" in line)
    assert header.split() == ["key", "year", "authors", "title", "journal"]
    assert "knudson1971" in result.stdout


def test_list_of_an_empty_library_prints_nothing(library: Library) -> None:
    library.remove(["lerman2015local"])
    result = invoke(["list"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_unknown_sort_is_a_usage_error() -> None:
    assert invoke(["list", "--sort", "size"]).exit_code == 2
