"""`sarcref sync` end to end: two machines (separate homes) and a bare repository."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import require_program, run_sarcref

Machine = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    git = require_program("git")
    path = tmp_path / "lab.git"
    subprocess.run([git, "init", "--bare", "--quiet", str(path)], check=True)
    return path


def machine(tmp_path: Path, name: str) -> Machine:
    """`sarcref ARGS` as run on one machine: its own home, data folder and library."""
    home = tmp_path / name
    home.mkdir()
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "SARCREF_LIBRARY": str(home / "library.sqlite"),
        "SARCREF_CONFIG": str(home / "config.toml"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_sarcref(*args, cwd=tmp_path, env=env)

    return run


def test_two_machines_share_a_library(tmp_path: Path, remote: Path) -> None:
    anna, ben = machine(tmp_path, "anna"), machine(tmp_path, "ben")
    done = anna("sync", "init", str(remote))
    assert done.returncode == 0, done.stderr
    assert f"connected to {remote} (branch main)" in done.stderr
    assert anna("sync").returncode == 0
    assert ben("sync", "init", str(remote)).returncode == 0
    assert ben("sync").returncode == 0
    assert anna("tag", "lerman2015local", "+sarcoma").returncode == 0
    assert ben("edit", "lerman2015local", "--set", "publisher=Wolters Kluwer").returncode == 0
    assert anna("sync").returncode == 0
    assert ben("sync").returncode == 0
    assert anna("sync").returncode == 0
    shown = [json.loads(m("show", "lerman2015local", "-f", "json").stdout) for m in (anna, ben)]
    assert shown[0] == shown[1]
    assert (shown[0]["publisher"], shown[0]["sarcref"]["tags"]) == ("Wolters Kluwer", ["sarcoma"])


def test_a_conflict_is_exit_1_listed_and_resolved(tmp_path: Path, remote: Path) -> None:
    anna, ben = machine(tmp_path, "anna"), machine(tmp_path, "ben")
    for person in (anna, ben, anna):
        person("sync", "init", str(remote))
        assert person("sync").returncode == 0
    anna("edit", "lerman2015local", "--set", "volume=31")
    ben("edit", "lerman2015local", "--set", "volume=32")
    assert anna("sync").returncode == 0
    conflicted = ben("sync")
    assert conflicted.returncode == 1
    assert (
        "conflict: lerman2015local volume: kept '32', the other side has '31'"
        in conflicted.stderr.splitlines()
    )
    as_json = json.loads(ben("sync", "-f", "json").stdout)
    assert as_json["conflicts"] == [
        {"key": "lerman2015local", "field": "volume", "mine": "32", "theirs": "31"}
    ]
    status = ben("sync", "status")
    assert "conflict: lerman2015local volume\n" in status.stdout
    settled = ben("sync", "resolve", "lerman2015local", "--take", "theirs")
    assert settled.returncode == 0, settled.stderr
    assert ben("sync").returncode == 0
    assert anna("sync").returncode == 0
    for person in (anna, ben):
        shown = json.loads(person("show", "lerman2015local", "-f", "json").stdout)
        assert shown["volume"] == "31"
    history = ben("history", "lerman2015local", "-f", "json")
    assert json.loads(history.stdout)[0]["command"].startswith("sarcref sync")


def test_no_network_is_exit_75_and_the_next_sync_catches_up(tmp_path: Path, remote: Path) -> None:
    anna = machine(tmp_path, "anna")
    anna("sync", "init", str(remote))
    anna("sync")
    anna("tag", "lerman2015local", "+offline")
    away = tmp_path / "not-mounted.git"
    remote.rename(away)
    offline = anna("sync")
    assert offline.returncode == 75
    assert offline.stderr.startswith(f"Error: cannot reach {remote}")
    assert "nothing was lost" in offline.stderr
    away.rename(remote)
    assert anna("sync").returncode == 0
    shared = subprocess.run(
        ["git", "--git-dir", str(remote), "show", "main:records/lerman2015local.json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(shared.stdout)["sarcref"]["tags"] == ["offline"]


def test_sync_before_init_is_a_usage_error(tmp_path: Path) -> None:
    anna = machine(tmp_path, "anna")
    done = anna("sync")
    assert done.returncode == 2
    assert "sarcref sync init REMOTE" in done.stderr
    assert anna("sync", "init", str(tmp_path / "missing.git")).returncode == 2
    assert anna("sync", "resolve", "lerman2015local").returncode == 2  # --take is required
