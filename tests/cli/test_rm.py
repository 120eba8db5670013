"""``sarcref rm``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import sarcref.cli.rm as rm_module
from sarcref import Library
from sarcref.cli import app
from tests.helpers import run_sarcref


@pytest.fixture
def two(library: Library) -> Library:
    library.add({"id": "extra", "type": "book", "title": "Extra"})
    return library


def test_rm_with_yes_removes_and_reports(runner: CliRunner, two: Library) -> None:
    result = runner.invoke(app, ["rm", "extra", "--yes"])
    assert result.exit_code == 0
    assert result.stderr == "removed 1 record(s): extra\n"
    assert two.keys() == ["lerman2015local"]


def test_rm_without_yes_refuses_when_not_interactive(runner: CliRunner, two: Library) -> None:
    result = runner.invoke(app, ["rm", "extra"])
    assert result.exit_code == 2
    assert "not removing without confirmation" in result.stderr
    assert two.keys() == ["lerman2015local", "extra"]


def test_rm_asks_on_a_terminal(
    runner: CliRunner, two: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    # rm asks only when both ends are a terminal; make its view of sys say so.
    monkeypatch.setattr(rm_module, "sys", type("Sys", (), {"stdin": Terminal, "stdout": Terminal}))
    declined = runner.invoke(app, ["rm", "extra"], input="n\n")
    assert declined.exit_code == 1
    assert "Remove 1 record(s): extra?" in declined.stdout
    assert two.keys() == ["lerman2015local", "extra"]
    accepted = runner.invoke(app, ["rm", "extra"], input="y\n")
    assert accepted.exit_code == 0
    assert two.keys() == ["lerman2015local"]


def test_rm_unknown_key_removes_nothing(runner: CliRunner, two: Library) -> None:
    result = runner.invoke(app, ["rm", "extra", "missing", "--yes"])
    assert result.exit_code == 1
    assert "no record with key 'missing'" in result.stderr
    assert two.keys() == ["lerman2015local", "extra"]


def test_rm_reads_keys_from_stdin(tmp_path: Path, two: Library) -> None:
    done = run_sarcref("rm", "-", "--yes", cwd=tmp_path, input="extra\nlerman2015local\n")
    assert done.returncode == 0, done.stderr
    assert len(two) == 0


def test_removed_bundled_record_does_not_come_back(runner: CliRunner) -> None:
    assert runner.invoke(app, ["rm", "lerman2015local", "--yes"]).exit_code == 0
    assert runner.invoke(app, ["list", "--format", "keys"]).stdout == ""
    assert runner.invoke(app, ["show", "lerman2015local"]).exit_code == 1
