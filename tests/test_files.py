"""Atomic writes of output files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sarcref import DataError
from sarcref.files import write_atomic


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_write_atomic_creates_and_replaces(folder: Path) -> None:
    target = folder / "out.txt"
    write_atomic(target, "first\n")
    target.chmod(0o600)
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert os.listdir(folder) == ["out.txt"]


def test_write_atomic_into_a_missing_folder_is_bad_data(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.txt", "x")


def test_an_interrupted_write_leaves_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "out.txt"
    target.write_text("old\n")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(folder) == ["out.txt"]
