"""The docs keep up with the commands: help text, an example, README and contract entries."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from sarcref.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_every_contract_command_exists() -> None:
    contract = {"show", "list", "search", "cite", "styles", "import", "export", "edit", "tag", "rm"}
    assert contract <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]
    assert command.help and command.help.strip()
    assert "Example: sarcref " + name in command.help


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_and_the_contract(name: str) -> None:
    assert f"`sarcref {name}" in (ROOT / "README.md").read_text("utf-8")
    assert f"sarcref {name}" in (ROOT / "docs" / "cli.md").read_text("utf-8")
