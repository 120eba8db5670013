"""Shared fixtures: every test gets its own library path, home and data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sarcref import Library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, XDG_DATA_HOME and SARCREF_LIBRARY into the test's temp folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("SARCREF_LIBRARY", str(tmp_path / "library.sqlite"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SARCREF_PAGER", "")  # tests that page say which pager
    monkeypatch.setenv("SARCREF_CONFIG", str(home / "config.toml"))
    return tmp_path


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library(library_path) as lib:
        yield lib
