"""The Typer application is built from the same declarations as the parser that serves
command lines: run through either, a command line prints the same and exits the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sarcref import Library
from sarcref.cli.typer_app import app
from tests.helpers import invoke

LINES = [
    ["list", "--format", "keys"],
    ["list", "-s", "-year", "-f", "tsv"],
    ["show", "lerman2015local"],
    ["show", "-f", "csl-json", "lerman2015local"],
    ["show", "--format=json", "--", "lerman2015local"],
    ["show", "nope"],
    ["search", "sarcoma", "--format", "keys"],
    ["search", "sarcoma", "-f", "keys", "-n", "1", "-s", "year"],
    ["search", "--format=keys", "sarcoma", "-pediatric"],
    ["search", "zebra", "--format", "keys"],
    ["search", 'sarcoma "local', "--format", "keys"],
    ["cite", "--style", "vancouver"],
    ["cite", "lerman2015local", "-s", "apa", "-m", "citation", "-f", "html"],
    ["cite", "--style", "vancover"],
    ["cite", "nope2020"],
    ["export", "--format", "ris"],
    ["styles", "lancet", "--format", "ids"],
    ["tag", "lerman2015local"],
    ["config", "--format", "json"],
]


@pytest.mark.parametrize("argv", LINES)
def test_the_typer_app_runs_a_command_line_as_the_entry_does(
    library: Library, library_path: Path, argv: list[str]
) -> None:
    served = invoke(["--library", str(library_path), *argv])
    result = CliRunner().invoke(app, ["--library", str(library_path), *argv])
    assert (result.exit_code, result.stdout, result.stderr) == (
        served.exit_code,
        served.stdout,
        served.stderr,
    )


def test_help_is_drawn_by_typer_from_the_declarations() -> None:
    from sarcref.cli.spec import COMMANDS

    result = invoke(["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command.name} " in result.stdout
        shown = invoke([command.name, "--help"])
        assert shown.exit_code == 0
        for option in command.options:
            assert option.long in shown.stdout
        assert "Example: sarcref " + command.name in shown.stdout
