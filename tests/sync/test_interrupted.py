"""A sync killed at any moment leaves the library and its clone consistent, and the next
sync completes the work: 20 kills at random named points (see ``sarcref.pausing``)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sarcref import Library
from sarcref.sync.engine import status, sync
from tests.sync.conftest import MakeLibrary, records, work

# Every named point a sync passes: inside the merge transaction and around the push.
POINTS = (
    "sync-fetched",
    "sync-committed",
    "before-commit",
    "after-commit",
    "sync-applied",
    "sync-pushed",
)
SCRIPT = "import sys; from sarcref.__main__ import main; sys.argv[0] = 'sarcref'; main()"


def kill_sync_at(point: str, library: Path, marker: Path) -> bool:
    """Run `sarcref sync` until it reaches *point*, then SIGKILL it; False when it ended
    before reaching it."""
    marker.unlink(missing_ok=True)
    env = {**os.environ, "SARCREF_PAUSE_AT": point, "SARCREF_PAUSE_FILE": str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "--library", str(library), "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if process.poll() is not None:
            process.communicate()
            return False
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return True


def intact(path: Path) -> bool:
    db = sqlite3.connect(path)
    try:
        return bool(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        db.close()


def test_kills_at_random_points_lose_nothing(make_library: MakeLibrary, tmp_path: Path) -> None:
    chance = random.Random(17)
    a, b = make_library("a"), make_library("b")
    sync(a)
    sync(b)
    expected: dict[str, dict[str, str]] = {}
    killed = 0
    for round_ in range(20):
        # This round's changes: never the same field on both sides (no conflicts), so every
        # one of them must be in both libraries in the end.
        a.add(work(f"a{round_}", f"Work a{round_}"))
        b.add(work(f"b{round_}", f"Work b{round_}"))
        expected[f"a{round_}"], expected[f"b{round_}"] = {}, {}
        for library, variable, side in ((a, "volume", "a"), (b, "issue", "b")):
            key = chance.choice(sorted(library.keys()))
            library.edit(key, [f"{variable}={side}{round_}"])
            expected[key][variable] = f"{side}{round_}"
        victim = chance.choice((a, b))
        point = chance.choice(POINTS)
        assert isinstance(victim.path, Path)
        killed += kill_sync_at(point, victim.path, tmp_path / "paused")
        assert intact(victim.path), point
        # The next syncs complete the work, wherever the kill landed.
        for library in (victim, a, b, a):
            sync(library)
        assert records(a) == records(b), (round_, point)
        for key, fields in expected.items():
            for variable, value in fields.items():
                assert a.get(key).csl.get(variable) == value, (round_, point, key)
        assert status(a).unsent == status(b).unsent == 0
    assert killed >= 15  # most runs reached their point (none was skipped by design)


def test_a_library_killed_mid_sync_is_consistent_for_other_commands(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    a = make_library("a")
    a.add(work("doe2020", "Limb salvage"))
    assert isinstance(a.path, Path)
    assert kill_sync_at("sync-committed", a.path, tmp_path / "paused")
    with Library(a.path) as again:
        # The merge transaction was rolled back: the library is as it was, and syncs.
        assert again.keys() == ["doe2020"]
        assert sync(again).sent == ["doe2020"]
