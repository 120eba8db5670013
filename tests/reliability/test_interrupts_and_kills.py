"""Ctrl-C at any moment exits 130 without a traceback; a kill at any moment of a write
leaves the library as it was before or as it is after, never in between."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sarcref import Library
from tests.reliability.conftest import snapshot

BIB = "".join(
    f"@article{{entry{n},\n  title = {{Entry number {n}}},\n  author = {{Doe, Jane}},\n"
    f"  year = {{2020}}\n}}\n"
    for n in range(300)
)


# What the installed `sarcref` script runs (python -m adds runpy's own imports first).
SCRIPT = "import sys; from sarcref.__main__ import main; sys.argv[0] = 'sarcref'; main()"


def start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("delay", [0, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2])
def test_ctrl_c_during_start_up_or_work_exits_130_quietly(
    lib: Path, tmp_path: Path, delay: float
) -> None:
    # From the moment sarcref's main starts (Python's own start-up before it is Python's):
    # the signal lands in the imports, the parsing, the library's opening, the rendering.
    marker = tmp_path / "started"
    process = start(
        ["--library", str(lib), "cite", "--style", "ieee"],
        {
            "SARCREF_PAUSE_AT": "main",
            "SARCREF_PAUSE_FILE": str(marker),
            "SARCREF_PAUSE_SECONDS": "0",
        },
    )
    while not marker.exists() and process.poll() is None:
        time.sleep(0.001)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        return  # it finished before the signal came: nothing to check
    assert (process.returncode, out, err) == (130, "", "")


def kill_at(point: str, args: list[str], tmp_path: Path) -> None:
    """Run sarcref until it reaches *point* (see store.pause_point), then SIGKILL it."""
    marker = tmp_path / f"at-{point}"
    process = start(args, {"SARCREF_PAUSE_AT": point, "SARCREF_PAUSE_FILE": str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def test_a_kill_just_before_commit_leaves_the_library_as_it_was(lib: Path, tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(BIB)
    before = snapshot(lib)
    kill_at("before-commit", ["--library", str(lib), "import", str(source)], tmp_path)
    assert integrity(lib) == "ok"
    assert snapshot(lib) == before


def test_a_kill_just_after_commit_keeps_the_whole_import(lib: Path, tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(BIB)
    kill_at("after-commit", ["--library", str(lib), "import", str(source)], tmp_path)
    assert integrity(lib) == "ok"
    with Library(lib) as library:
        assert len(library) == 3 + 300
        assert library.search_keys("number 299") == ["entry299"]


def test_a_kill_during_an_edit_or_a_rename_changes_nothing(lib: Path, tmp_path: Path) -> None:
    before = snapshot(lib)
    kill_at(
        "before-commit",
        ["--library", str(lib), "edit", "godel1931", "--set", "volume=38"],
        tmp_path,
    )
    kill_at("before-commit", ["--library", str(lib), "rename", "godel1931", "godel"], tmp_path)
    kill_at("before-commit", ["--library", str(lib), "rm", "godel1931", "--yes"], tmp_path)
    assert snapshot(lib) == before
    assert integrity(lib) == "ok"


def test_eight_writers_at_once_lose_nothing(lib: Path, tmp_path: Path) -> None:
    """Eight processes tag and edit the same library for a bounded time; every change of
    every process is there at the end."""
    writers = []
    for n in range(8):
        script = (
            "import subprocess, sys\n"
            f"command = [sys.executable, '-m', 'sarcref', '--library', {str(lib)!r}, 'tag']\n"
            "for i in range(6):\n"
            f"    done = subprocess.run([*command, 'knudson1971', f'+w{n}i{{i}}'],"
            " capture_output=True, text=True)\n"
            "    assert done.returncode == 0, done.stderr\n"
        )
        writers.append(subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE))
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with Library(lib) as library:
        tags = set(library.get("knudson1971").tags)
    assert tags == {f"w{n}i{i}" for n in range(8) for i in range(6)}
    assert integrity(lib) == "ok"
