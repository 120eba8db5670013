"""Sync a 16,500-record library through a bare git repository; what the journal costs.

Usage: python benchmarks/sync_bench.py [--bib FILE.bib[.xz]] [--rounds N]

Default input: ../shared/bench/jgrey-bibliography-main.bib.xz (real data without a licence:
used here only, never in the product or the tests). The script

1. imports the file into a new library (in this process), timing the journal's share of
   the import, and prints the journal's size beside the records' own size (their stored
   JSON, and the library file);
2. connects it to a new bare repository and times the first `sarcref sync` (a real
   process), then prints the repository's size and file count;
3. connects a second library (empty) and times its first sync (it receives everything);
4. N rounds: 10 records changed on each side (fields, tags), then `sarcref sync` on the
   first, the second, the first again: the times of each, and a check that both libraries
   end with the same records.

Targets (issue 17): first sync at most 60 s; a sync with 10 changed records on each side at
most 3 s; the journal of the import at most 2x the records' own size; the import at most a
few percent slower for the journal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import DEFAULT_BIB, bib_file  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def sarcref(env: dict[str, str], *args: str) -> tuple[float, str]:
    """Run `sarcref ARGS`; its wall time and its last line of messages."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sarcref", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"sarcref {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    lines = done.stderr.strip().splitlines()
    return elapsed, lines[-1] if lines else ""


def import_library(path: Path, bib: Path) -> None:
    """Import *bib* into a new library at *path*; print the journal's share and size."""
    import sarcref.journal as journal
    from sarcref import Library
    from sarcref.importing import Source

    spent: list[float] = []
    write = journal.Recorder.write

    def timed(self: journal.Recorder, *args: object) -> int | None:
        started = time.process_time()
        try:
            return write(self, *args)  # type: ignore[arg-type]
        finally:
            spent.append(time.process_time() - started)

    journal.Recorder.write = timed  # type: ignore[method-assign]
    try:
        with Library(path, seed=False, command="sarcref import bench") as library:
            started = time.process_time()
            report = library.import_sources([Source(bib.name, bib.read_text("utf-8"))])
            total = time.process_time() - started
            entries, stored = journal.size(library.store)
            own = sum(
                len(json.dumps(r.to_json(), ensure_ascii=False).encode("utf-8"))
                for r in library.all()
            )
            count = len(library)
    finally:
        journal.Recorder.write = write  # type: ignore[method-assign]
    print(f"import: {report.summary()}; {total:.2f} s CPU in this process")
    print(f"  journal write: {spent[-1]:.3f} s CPU ({100 * spent[-1] / total:.1f}% of the import)")
    print(
        f"  journal: {entries} entry, {stored / 1e6:.2f} MB stored for {count} records; "
        f"the records' own JSON: {own / 1e6:.1f} MB ({stored / own:.3f}x); "
        f"library file {path.stat().st_size / 1e6:.1f} MB"
    )


def change(path: Path, side: str, round_: int, chance: random.Random) -> None:
    """10 records changed: a field set, a tag added, on records picked at random."""
    from sarcref import Library

    with Library(path, seed=False, command=f"bench {side} round {round_}") as library:
        keys = library.keys()
        for key in chance.sample(keys, 10):
            with library.transaction():
                library.edit(key, [f"note=changed by {side} in round {round_}"])
                library.tag(key, [f"+{side}{round_}"])


def same_records(first: Path, second: Path) -> bool:
    from sarcref import Library

    def snapshot(path: Path) -> str:
        with Library(path, seed=False) as library:
            return json.dumps(
                sorted((r.to_json() for r in library.all()), key=lambda r: r["id"]),
                sort_keys=True,
            )

    return snapshot(first) == snapshot(second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, default=DEFAULT_BIB)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bib = bib_file(args.bib)
    sys.path.insert(0, str(ROOT / "src"))
    git = shutil.which("git")
    if git is None:
        raise SystemExit("needs git")
    version = subprocess.run([git, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"input: {bib.name}, {bib.stat().st_size / 1e6:.1f} MB; {version}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        remote = tmp / "lab.git"
        subprocess.run([git, "init", "--bare", "--quiet", str(remote)], check=True)
        first, second = tmp / "first.sqlite", tmp / "second.sqlite"
        base_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XDG_DATA_HOME": str(tmp)}
        env_first = {**base_env, "SARCREF_LIBRARY": str(first)}
        env_second = {**base_env, "SARCREF_LIBRARY": str(second)}
        os.environ["XDG_DATA_HOME"] = str(tmp)  # the clones of this process's libraries
        import_library(first, bib)
        sarcref(env_first, "sync", "init", str(remote))
        seconds, line = sarcref(env_first, "sync")
        print(f"first sync of the imported library: {seconds:.2f} s ({line})")
        files = subprocess.run(
            [git, "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "main"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.count("\n")
        print(f"  repository: {folder_size(remote) / 1e6:.1f} MB on disk, {files} files")
        print(f"  sarcref's clone: {folder_size(tmp / 'sarcref' / 'sync') / 1e6:.1f} MB")
        from sarcref import Library

        Library(second, seed=False).close()
        sarcref(env_second, "sync", "init", str(remote))
        seconds, line = sarcref(env_second, "sync")
        print(f"first sync of an empty library (receives every record): {seconds:.2f} s ({line})")
        chance = random.Random(17)
        times: dict[str, list[float]] = {"first": [], "second": [], "first again": []}
        for round_ in range(args.rounds):
            change(first, "a", round_, chance)
            change(second, "b", round_, chance)
            for label, env in (
                ("first", env_first),
                ("second", env_second),
                ("first again", env_first),
            ):
                seconds, line = sarcref(env, "sync")
                times[label].append(seconds)
            print(
                f"round {round_ + 1}: 10 changed on each side; syncs "
                + ", ".join(f"{label} {values[-1]:.2f} s" for label, values in times.items())
            )
        for label, values in times.items():
            print(
                f"sync ({label}): median {statistics.median(values):.2f} s, "
                f"range {min(values):.2f}-{max(values):.2f} s"
            )
        print(f"  repository after the rounds: {folder_size(remote) / 1e6:.1f} MB on disk")
        # Small pushes land as loose objects (a new 16k-entry folder listing each time), which
        # the server's `git gc` packs as deltas.
        subprocess.run([git, "--git-dir", str(remote), "gc", "--quiet"], check=True)
        print(f"  after `git gc` on the server: {folder_size(remote) / 1e6:.1f} MB")
        print("both libraries hold the same records:", same_records(first, second))
        remove_and_undo(second)


def remove_and_undo(path: Path) -> None:
    """What `rm` of every record costs the journal (it keeps them all), and undoing it."""
    from sarcref import Library
    from sarcref.journal import size

    with Library(path, seed=False) as library:
        keys = library.keys()
        own = sum(
            len(json.dumps(r.to_json(), ensure_ascii=False).encode("utf-8")) for r in library.all()
        )
        _, before = size(library.store)
        started = time.perf_counter()
        library.remove(keys)
        removing = time.perf_counter() - started
        _, after = size(library.store)
        started = time.perf_counter()
        library.undo()
        undoing = time.perf_counter() - started
        print(
            f"rm of all {len(keys)} records: {removing:.2f} s; the journal keeps them in "
            f"{(after - before) / 1e6:.2f} MB ({(after - before) / own:.2f}x their JSON); "
            f"undo: {undoing:.2f} s, {len(library)} records back"
        )


if __name__ == "__main__":
    main()
