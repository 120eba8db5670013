"""`sarcref keys`, `--cited-in` and `export --watch` on the command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import invoke

KNUDSON = {
    "id": "knudson1971",
    "type": "article-journal",
    "title": "Mutation and cancer",
    "author": [{"family": "Knudson", "given": "Alfred G."}],
    "issued": {"date-parts": [[1971]]},
    "container-title": "PNAS",
}


@pytest.fixture
def two(library: Library) -> Library:
    library.add(KNUDSON)
    return library


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.md"
    path.write_text(
        "---\ntitle: A paper\nnocite: '@lerman2015local'\n---\n\n"
        "Two hits [@knudson1971, p. 3]. Mail me at a@b.org. `@code` is not a citation.\n"
    )
    return path


def test_keys_prints_the_cited_keys_in_first_citation_order(two: Library, paper: Path) -> None:
    result = invoke(["keys", str(paper)])
    assert (result.exit_code, result.stdout) == (0, "knudson1971\nlerman2015local\n")
    as_json = json.loads(invoke(["keys", str(paper), "-f", "json"]).stdout)
    assert as_json[0] == {
        "key": "knudson1971",
        "file": str(paper),
        "line": 6,
        "column": 12,
        "in_library": True,
    }


def test_cite_cited_in_numbers_in_citation_order(two: Library, paper: Path) -> None:
    result = invoke(["cite", "--cited-in", str(paper), "--style", "vancouver"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("1. Knudson AG.")
    assert result.stdout.splitlines()[1].startswith("2. Lerman DM")


def test_a_missing_key_exits_1_naming_file_line_and_close_matches(
    two: Library, tmp_path: Path
) -> None:
    paper = tmp_path / "draft.md"
    paper.write_text("As shown [@knudson1971; @lerman2016].\n")
    refused = invoke(["cite", "--cited-in", str(paper)])
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert f"{paper}:1:26: no record with key 'lerman2016'" in refused.stderr
    assert "did you mean lerman2015local" in refused.stderr
    allowed = invoke(["cite", "--cited-in", str(paper), "--allow-missing"])
    assert allowed.exit_code == 0
    assert allowed.stdout.startswith("Knudson, A. G. (1971)")
    assert "lerman2016" in allowed.stderr


def test_export_cited_in_writes_the_file_only_when_it_changes(
    two: Library, paper: Path, tmp_path: Path
) -> None:
    out = tmp_path / "refs.bib"
    first = invoke(["export", "--cited-in", str(paper), "-f", "biblatex", "-o", str(out)])
    assert (first.exit_code, first.stderr) == (0, f"wrote {out}\n")
    assert "journaltitle" in out.read_text()
    stamp = out.stat().st_mtime_ns
    time.sleep(0.01)
    again = invoke(["export", "--cited-in", str(paper), "-f", "biblatex", "-o", str(out)])
    assert again.stderr == f"{out} is up to date\n"
    assert out.stat().st_mtime_ns == stamp


def test_a_manuscript_citing_nothing_is_never_the_whole_library(
    two: Library, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("No citations here.\n")
    result = invoke(["export", "--cited-in", str(empty), "-f", "bibtex"])
    assert (result.exit_code, result.stdout) == (1, "")


def test_export_watch_rewrites_until_ctrl_c(two: Library, paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sarcref",
            "export",
            "--cited-in",
            str(paper),
            "-f",
            "csl-json",
            "-o",
            str(out),
            "--watch",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 60
        while not out.exists():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        assert [i["id"] for i in json.loads(out.read_text())] == ["knudson1971", "lerman2015local"]
        paper.write_text(paper.read_text().replace("[@knudson1971, p. 3]", "nothing"))
        while "knudson1971" in out.read_text():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert [i["id"] for i in json.loads(out.read_text())] == ["lerman2015local"]
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
