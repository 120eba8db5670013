"""Whole-process timings of ``sarcref cite`` against pandoc and ``python -c pass``.

Usage: python benchmarks/cite.py [--count 1000] [--runs 15]

Records: the first COUNT items of shared/bench/jgrey-bibliography-10k.csl.json.xz (a random
sample of a real library). Every command runs once a round, RUNS rounds, interleaved (a
machine that slows down mid-run slows them all alike). Prints medians of:
- pandoc --citeproc rendering the same items in APA (the anchor; skipped if not installed);
- sarcref's first rendering of that bibliography (cache emptied before each run), and the
  same with its work kept in one process (``SARCREF_WORKERS=1``);
- a repeat of the same bibliography (served from the library's cache);
- `sarcref cite KEY` for one cached record;
- `python -c pass`.
Targets (issue 3): first rendering <= 1/2 of pandoc; repeat and one cached KEY <= 6x python.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DATA = BENCH / "jgrey-bibliography-10k.csl.json.xz"


@dataclass
class Measure:
    """One command line to time, and what to do (untimed) before each run of it."""

    label: str
    command: list[str]
    env: dict[str, str]
    before: Callable[[], None] = lambda: None
    times: list[float] = field(default_factory=list)

    def run_once(self) -> None:
        self.before()
        start = time.perf_counter()
        done = subprocess.run(
            self.command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(self.command)} failed: {done.stderr.decode()[-500:]}")

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def interleaved(measures: list[Measure], rounds: int) -> None:
    """Run every measure once a round, so that a machine slowing down or speeding up
    mid-benchmark affects all of them alike and their ratios stay fair."""
    for _ in range(rounds):
        for measure in measures:
            measure.run_once()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    items = json.loads(lzma.open(args.data).read())[: args.count]
    sarcref = shutil.which("sarcref", path=str(Path(sys.executable).parent)) or "sarcref"
    from sarcref import Library, Record
    from sarcref.style_catalogue import resolve

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library_path = folder / "library.sqlite"
        with Library(library_path, seed=False) as library, library.transaction():
            for item in items:
                library.add(Record.from_json(item))
        items_path = folder / "items.json"
        items_path.write_text(json.dumps(items), "utf-8")
        env = {**os.environ, "SARCREF_LIBRARY": str(library_path)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed copy has its byte code cached

        def empty_cache() -> None:
            with sqlite3.connect(library_path) as db:
                db.execute("DELETE FROM citation_cache")

        def nothing() -> None:
            pass

        python = Measure("python -c pass", [sys.executable, "-c", "pass"], env)
        cite = [sarcref, "cite", "--style", "apa"]
        first = Measure(
            f"sarcref cite, {args.count} entries, first rendering", cite, env, empty_cache
        )
        alone = Measure(
            "  the same in one process (SARCREF_WORKERS=1)", cite,
            {**env, "SARCREF_WORKERS": "1"}, empty_cache,
        )  # fmt: skip
        # (runs after `alone`, whose output is then in the cache)
        repeat = Measure(f"sarcref cite, {args.count} entries, repeat (cached)", cite, env)
        key_cite = [sarcref, "cite", items[0]["id"]]

        def cache_the_key() -> None:
            subprocess.run(key_cite, env=env, stdout=subprocess.DEVNULL, check=True)

        one = Measure("sarcref cite KEY (cached)", key_cite, env, cache_the_key)
        measures = [python, first, alone, repeat, one]
        pandoc: Measure | None = None
        if shutil.which("pandoc"):
            markdown = folder / "nocite.md"
            markdown.write_text("---\nnocite: '@*'\n---\n", "utf-8")
            pandoc_line = [
                "pandoc", str(markdown), "-t", "plain", "--citeproc",
                "--csl", str(resolve("apa").path), "--bibliography", str(items_path),
            ]  # fmt: skip
            pandoc = Measure(f"pandoc --citeproc, {args.count} APA entries", pandoc_line, env)
            measures.insert(1, pandoc)
        interleaved(measures, args.runs)

    base = python.median
    print(f"{'what':<52} {'median ms':>10} {'x python':>9}")
    for measure in measures:
        print(f"{measure.label:<52} {measure.median:>10.1f} {measure.median / base:>9.1f}")
    if pandoc is not None:
        print(
            f"first rendering / pandoc: {first.median / pandoc.median:.2f} (target <= 0.5);"
            f" in one process: {alone.median / pandoc.median:.2f};"
            f" CPUs available: {len(os.sched_getaffinity(0))}"
        )
    print(
        f"repeat / python: {repeat.median / base:.1f}x,"
        f" one cached key: {one.median / base:.1f}x (targets <= 6x)"
    )


if __name__ == "__main__":
    main()
