"""Search at scale: a 100,000-record library, query times, whole-process times, memory.

Usage: python benchmarks/search.py [--records N] [--runs N] [--rebuild]

The library is built from ``/work/shared/bench/jgrey-bibliography-10k.csl.json.xz``
(real data with no licence: benchmark input only), each record copied under distinct keys
until there are N, and kept in ``benchmarks/.cache/`` for the next run (rebuilt when the
index code changes). The script prints:

- the build time and the size of the library on disk;
- in-process medians of ``Library.search_keys`` (every hit) and ``Library.search``
  (records loaded, limit 20) per kind of query (targets: word, phrase, prefix and
  field+year under 20 ms at 100,000 records);
- whole-process medians of ``sarcref search ... --format keys`` against ``python -c pass``
  (target: within 6x), and the peak memory of a search process (target: under 150 MB),
  then a few large results in other formats (3 runs each);
- with ``--upgrade``, the time migration 2 takes to rebuild the index of that library.

Run it from a source checkout with ``PYTHONPATH=src`` (or with sarcref installed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sarcref import Library, Record

SOURCE = Path("/work/shared/bench/jgrey-bibliography-10k.csl.json.xz")
CACHE = Path(__file__).resolve().parent / ".cache"
SRC = Path(__file__).resolve().parent.parent / "src" / "sarcref"

# Each kind: typical queries, from rare to common (hits at 100,000 records in comments).
QUERIES = {
    "word": ["game", "narrative", "zombie", "garcia"],  # 2730, 980, 10, 230
    "phrase": ['"artificial intelligence"', '"design patterns"', '"social media"'],
    "prefix": ["narrat*", "comput*", "simulat*", "ontolog*"],  # 1110, 6910, ...
    "field+year": [
        "author:smith year:2010..2015",
        "title:game year:2015",
        "journal:ai year:..1999",
    ],
    "boolean": ["game -design", "(agent OR agents) logic", "sarcoma OR trump"],
    # Beyond the targets: results of a tenth of the library and more, and filters only.
    "stress": ["ga*", "a*", "type:book year:2020..", "-game"],
}
TARGET_MS = 20.0
PROCESS_QUERIES = ["game", '"artificial intelligence"', "narrat*", "author:smith year:2010..2015"]


def fingerprint() -> str:
    """Changes when the code that builds the index changes, so a stale cache is rebuilt."""
    digest = hashlib.sha256()
    for name in ("store.py", "folding.py", "records.py"):
        digest.update((SRC / name).read_bytes())
    return digest.hexdigest()[:12]


def build(path: Path, count: int) -> float:
    """Build a library of *count* records at *path*; return the seconds it took."""
    start = time.perf_counter()
    with lzma.open(SOURCE, "rt", encoding="utf-8") as handle:
        items = json.load(handle)
    with Library(path, seed=False) as library, library.transaction():
        for i in range(count):
            item = dict(items[i % len(items)])
            copy = i // len(items)
            item["id"] = f"{item['id']}~{copy}" if copy else item["id"]
            library.store.insert(Record.from_json(item))
    return time.perf_counter() - start


def library_for(count: int, rebuild: bool) -> tuple[Path, float | None]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"search-{count}-{fingerprint()}.sqlite"
    if rebuild or not path.exists():
        for old in CACHE.glob(f"search-{count}-*.sqlite*"):
            old.unlink()
        seconds = build(path, count)
        with Library(path) as library:  # fold the write-ahead log into the file
            library.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return path, seconds
    return path, None


def median_ms(function: object, runs: int) -> float:
    assert callable(function)
    function()  # warm the page cache and SQLite's statement cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process(path: Path, runs: int) -> None:
    print(f"\nin-process medians over {runs} runs (target: under {TARGET_MS:.0f} ms)")
    print(f"{'kind':<11} {'query':<32} {'hits':>7} {'keys ms':>8} {'top 20 ms':>10}")
    with Library(path) as library:
        for kind, queries in QUERIES.items():
            per_query = []
            for query in queries:
                hits = len(library.search_keys(query))
                keys = median_ms(lambda q=query: library.search_keys(q), runs)
                top = median_ms(lambda q=query: library.search(q, limit=20), runs)
                per_query.append(keys)
                print(f"{kind:<11} {query:<32} {hits:>7} {keys:>8.1f} {top:>10.1f}")
            middle = statistics.median(per_query)
            print(f"{kind:<11} {'(median of the above)':<32} {'':>7} {middle:>8.1f}")


def process_ms(
    command: list[str], baseline: list[str], env: dict[str, str], runs: int
) -> tuple[float, float]:
    """Medians of *command* and *baseline* run alternately, so both see the same load."""
    for _ in range(2):
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
    times: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for which, argv in enumerate((baseline, command)):
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
            times[which].append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1]), statistics.median(times[0])


def peak_rss_mb(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of *command*, measured by a fresh parent that only waits."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True
    )
    return int(done.stdout) / 1024


def whole_process(path: Path, runs: int) -> None:
    sarcref = shutil.which("sarcref", path=str(Path(sys.executable).parent))
    command = [sarcref] if sarcref else [sys.executable, "-m", "sarcref"]
    env = {**os.environ, "SARCREF_LIBRARY": str(path)}
    env.pop("NO_COLOR", None)
    # Measure what an installed copy does: byte-code cached after the warm-up runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    python = [sys.executable, "-c", "pass"]
    print(f"\nwhole process, medians over {runs} runs (target: within 6x of python -c pass)")
    print(f"{'command':<58} {'ms':>7} {'python ms':>9} {'ratio':>6} {'peak MB':>8}")
    for argv, times in [(["search", q, "--format", "keys"], runs) for q in PROCESS_QUERIES] + [
        (["search", "game"], 5),  # piped: tab-separated lines
        (["search", "game", "--format", "json"], 5),
        (["search", "ga*", "--format", "json"], 3),  # 12% of the library
        (["search", "a*", "--format", "keys"], 3),  # most of it
        (["search", "a*", "--format", "tsv"], 3),
    ]:
        ms, baseline = process_ms([*command, *argv], python, env, times)
        peak = peak_rss_mb([*command, *argv], env)
        label = "sarcref " + " ".join(argv)
        print(f"{label:<58} {ms:>7.1f} {baseline:>9.1f} {ms / baseline:>6.1f} {peak:>8.1f}")


def upgrade_seconds(path: Path) -> float:
    """Time migration 2 (rebuild the search index) on a copy of the library."""
    import sqlite3
    import tempfile

    from sarcref.store import MIGRATIONS

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite"
        shutil.copy(path, copy)
        db = sqlite3.connect(copy, isolation_level=None)
        for index in ("records_id_key", "records_key_nocase", "records_type_year"):
            db.execute(f"DROP INDEX {index}")
        start = time.perf_counter()
        db.execute("BEGIN")
        MIGRATIONS[1](db)
        db.execute("COMMIT")
        seconds = time.perf_counter() - start
        db.close()
    return seconds


def disk_report(path: Path) -> None:
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with Library(path) as library:
        records = len(library)
        db = library.store.db
        try:
            fts = db.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'records_fts%'"
            ).fetchone()[0]
        except Exception:  # dbstat is an optional SQLite feature
            fts = None
    shown = f" (search index {fts / 1e6:.1f} MB)" if fts else ""
    print(f"library: {records} records, {size / 1e6:.1f} MB on disk{shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--upgrade", action="store_true", help="also time migration 2")
    args = parser.parse_args()
    path, seconds = library_for(args.records, args.rebuild)
    if seconds is not None:
        print(f"built {path.name} in {seconds:.1f} s")
    disk_report(path)
    if args.upgrade:
        print(
            f"upgrading a library to the folded index (migration 2): {upgrade_seconds(path):.1f} s"
        )
    in_process(path, args.runs)
    whole_process(path, args.runs)
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nthis script's own peak RSS (library built in-process): {parent:.0f} MB")


if __name__ == "__main__":
    main()
