"""``sarcref rm``."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref import Library
from sarcref.cli import printing
from tests.helpers import invoke, run_sarcref


@pytest.fixture
def two(library: Library) -> Library:
    library.add({"id": "extra", "type": "book", "title": "Extra"})
    return library


def test_rm_with_yes_removes_and_reports(two: Library) -> None:
    result = invoke(["rm", "extra", "--yes"])
    assert result.exit_code == 0
    assert result.stderr == "removed 1 record(s): extra\n"
    assert two.keys() == ["lerman2015local"]


def test_rm_without_yes_refuses_when_not_interactive(two: Library) -> None:
    result = invoke(["rm", "extra"])
    assert result.exit_code == 2
    assert "not removing without confirmation" in result.stderr
    assert two.keys() == ["lerman2015local", "extra"]


def test_rm_asks_on_a_terminal(two: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    # rm asks only when both ends are a terminal; make it see one.
    monkeypatch.setattr(printing, "interactive", lambda: True)
    declined = invoke(["rm", "extra"], input="n\n")
    assert declined.exit_code == 1
    assert "Remove 1 record(s): extra? [y/N]" in declined.stderr
    assert declined.stdout == ""
    assert two.keys() == ["lerman2015local", "extra"]
    accepted = invoke(["rm", "extra"], input="y\n")
    assert accepted.exit_code == 0
    assert two.keys() == ["lerman2015local"]


def test_rm_unknown_key_removes_nothing(two: Library) -> None:
    result = invoke(["rm", "extra", "missing", "--yes"])
    assert result.exit_code == 1
    assert "no record with key 'missing'" in result.stderr
    assert two.keys() == ["lerman2015local", "extra"]


def test_rm_reads_keys_from_stdin(tmp_path: Path, two: Library) -> None:
    done = run_sarcref("rm", "-", "--yes", cwd=tmp_path, input="extra\nlerman2015local\n")
    assert done.returncode == 0, done.stderr
    assert len(two) == 0


def test_removed_bundled_record_does_not_come_back() -> None:
    assert invoke(["rm", "lerman2015local", "--yes"]).exit_code == 0
    assert invoke(["list", "--format", "keys"]).stdout == ""
    assert invoke(["show", "lerman2015local"]).exit_code == 1
