"""Keys from standard input: an empty list is never the whole library; pasted keys work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import invoke, run_sarcref

SECOND = {
    "id": "knudson1971",
    "type": "article-journal",
    "title": "Mutation and cancer",
    "author": [{"family": "Knudson", "given": "Alfred G."}],
    "issued": {"date-parts": [[1971]]},
}


@pytest.fixture
def two(library: Library) -> Library:
    library.add(SECOND)
    return library


@pytest.mark.parametrize(
    "command",
    [
        ["cite", "-", "--style", "vancouver"],
        ["export", "-", "--format", "bibtex"],
        ["show", "-"],
        ["tag", "-", "+x"],
        ["rm", "-", "--yes"],
        ["edit", "-", "--set", "volume=9"],
    ],
)
@pytest.mark.parametrize("stdin", ["", "  \n\t\n"])
def test_an_empty_key_list_prints_nothing_and_exits_1(
    tmp_path: Path, two: Library, command: list[str], stdin: str
) -> None:
    before = [r.to_json() for r in two.all()]
    done = run_sarcref(*command, cwd=tmp_path, input=stdin)
    assert (done.returncode, done.stdout) == (1, "")
    assert "no keys on standard input" in done.stderr
    assert [r.to_json() for r in two.all()] == before


def test_a_search_without_hits_piped_into_cite_cites_nothing(tmp_path: Path, two: Library) -> None:
    search = subprocess.Popen(
        [sys.executable, "-m", "sarcref", "search", "retinoblastoma", "--format", "keys"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    cite = subprocess.run(
        [sys.executable, "-m", "sarcref", "cite", "-", "--style", "vancouver"],
        stdin=search.stdout,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert search.wait(timeout=120) == 1
    assert (cite.returncode, cite.stdout) == (1, "")
    assert "no keys on standard input" in cite.stderr


def test_no_keys_at_all_still_means_every_record(two: Library) -> None:
    cited = invoke(["cite", "--style", "vancouver"])
    assert (cited.exit_code, len(cited.stdout.splitlines())) == (0, 2)


@pytest.mark.parametrize(
    "pasted",
    [
        "@knudson1971 @lerman2015local",
        "[@knudson1971; @lerman2015local]",
        "knudson1971,lerman2015local",
        "knudson1971; lerman2015local",
        "[-@knudson1971] @{lerman2015local}",
    ],
)
def test_keys_pasted_from_a_manuscript_are_read(two: Library, pasted: str) -> None:
    from_stdin = invoke(["cite", "-", "--mode", "citation"], input=pasted)
    assert (from_stdin.exit_code, from_stdin.stdout) == (
        0,
        "(Knudson, 1971; Lerman & Randall, 2015)\n",
    )
    as_argument = invoke(["cite", pasted, "--mode", "citation"])
    assert as_argument.stdout == from_stdin.stdout


def test_show_reads_keys_from_stdin(two: Library) -> None:
    shown = invoke(["show", "-", "--format", "csl-json"], input="knudson1971\nlerman2015local\n")
    assert shown.exit_code == 0
    import json

    assert [r["id"] for r in json.loads(shown.stdout)] == ["knudson1971", "lerman2015local"]
    one = invoke(["show", "knudson1971", "-f", "csl-json"])
    assert json.loads(one.stdout)["id"] == "knudson1971"  # one KEY argument: one object


def test_tag_and_edit_change_every_record_from_stdin(two: Library) -> None:
    keys = "knudson1971\nlerman2015local\n"
    assert invoke(["tag", "-", "+batch"], input=keys).exit_code == 0
    assert invoke(["edit", "-", "--set", "publisher=Somewhere"], input=keys).exit_code == 0
    for record in two.all():
        assert record.tags == ["batch"]
        assert record.csl["publisher"] == "Somewhere"


def test_an_unknown_key_among_them_changes_nothing(two: Library) -> None:
    done = invoke(["tag", "-", "+batch"], input="knudson1971 nope\n")
    assert done.exit_code == 1
    assert all(r.tags == [] for r in two.all())
