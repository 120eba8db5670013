"""Libraries that share a bare git repository in the test's folder (real git)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import require_program

MakeLibrary = Callable[[str], Library]


@pytest.fixture
def git() -> str:
    return require_program("git")


@pytest.fixture
def remote(tmp_path: Path, git: str) -> Path:
    """An empty bare repository, as `git init --bare` leaves it."""
    path = tmp_path / "shared.git"
    subprocess.run([git, "init", "--bare", "--quiet", str(path)], check=True)
    return path


@pytest.fixture
def make_library(tmp_path: Path, remote: Path) -> Iterator[Callable[[str], Library]]:
    """A new library connected to *remote*, its own file and clone (a machine of a lab)."""
    from sarcref.sync.engine import connect

    opened: list[Library] = []

    def make(name: str) -> Library:
        library = Library(tmp_path / f"{name}.sqlite", seed=False, command=f"test {name}")
        connect(library, str(remote))
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


def records(library: Library) -> str:
    """Every record, as the libraries must agree on it (the order of a record's fields in
    its JSON object means nothing)."""
    return json.dumps(
        sorted((r.to_json() for r in library.all()), key=lambda r: r["id"]), sort_keys=True
    )


def work(key: str, title: str, **fields: object) -> dict[str, object]:
    return {
        "id": key,
        "type": "article-journal",
        "title": title,
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
        **fields,
    }
