"""The docs keep up with the commands: help text, an example, README and contract entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.cli.spec import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(c.name for c in COMMANDS)
EVERY = [(c.name, c) for c in COMMANDS] + [
    (f"{c.name} {s.name}", s) for c in COMMANDS for s in c.subcommands
]


def test_every_contract_command_exists() -> None:
    contract = {"show", "list", "search", "cite", "styles", "import", "export", "edit", "tag", "rm"}
    assert contract <= set(NAMES)


@pytest.mark.parametrize(("path", "command"), EVERY, ids=[p for p, _ in EVERY])
def test_every_command_has_help_with_an_example(path: str, command: object) -> None:
    from sarcref.cli.spec import Command

    assert isinstance(command, Command)
    assert command.summary.strip()
    assert command.example.startswith("sarcref " + path)


@pytest.mark.parametrize("name", NAMES)
def test_every_command_is_in_the_readme_and_the_contract(name: str) -> None:
    assert f"`sarcref {name}" in (ROOT / "README.md").read_text("utf-8")
    assert f"sarcref {name}" in (ROOT / "docs" / "cli.md").read_text("utf-8")
