"""Whole-process timings of ``sarcref cite`` against pandoc and ``python -c pass``.

Usage: python benchmarks/cite.py [--count 1000] [--runs 5]

Records: the first COUNT items of shared/bench/jgrey-bibliography-10k.csl.json.xz (a random
sample of a real library). Prints medians of:
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
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DATA = BENCH / "jgrey-bibliography-10k.csl.json.xz"


def timed(command: list[str], env: dict[str, str], runs: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    items = json.loads(lzma.open(args.data).read())[: args.count]
    sarcref = shutil.which("sarcref", path=str(Path(sys.executable).parent)) or "sarcref"
    from sarcref import Library, Record
    from sarcref.styles import resolve

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

        rows: list[tuple[str, float]] = []
        python_ms = timed([sys.executable, "-c", "pass"], env, 20, nothing)
        rows.append(("python -c pass", python_ms))
        pandoc_ms = None
        if shutil.which("pandoc"):
            markdown = folder / "nocite.md"
            markdown.write_text("---\nnocite: '@*'\n---\n", "utf-8")
            pandoc = [
                "pandoc",
                str(markdown),
                "-t",
                "plain",
                "--citeproc",
                "--csl",
                str(resolve("apa").path),
                "--bibliography",
                str(items_path),
            ]
            pandoc_ms = timed(pandoc, env, args.runs, nothing)
            rows.append((f"pandoc --citeproc, {args.count} APA entries", pandoc_ms))
        first = timed([sarcref, "cite", "--style", "apa"], env, args.runs, empty_cache)
        rows.append((f"sarcref cite, {args.count} entries, first rendering", first))
        alone = timed(
            [sarcref, "cite", "--style", "apa"], {**env, "SARCREF_WORKERS": "1"}, args.runs,
            empty_cache,
        )  # fmt: skip
        rows.append(("  the same in one process (SARCREF_WORKERS=1)", alone))
        repeat = timed([sarcref, "cite", "--style", "apa"], env, max(args.runs, 10), nothing)
        rows.append((f"sarcref cite, {args.count} entries, repeat (cached)", repeat))
        key = items[0]["id"]
        subprocess.run([sarcref, "cite", key], env=env, stdout=subprocess.DEVNULL, check=True)
        one = timed([sarcref, "cite", key], env, 20, nothing)
        rows.append(("sarcref cite KEY (cached)", one))

    print(f"{'what':<52} {'median ms':>10} {'x python':>9}")
    for label, ms in rows:
        print(f"{label:<52} {ms:>10.1f} {ms / python_ms:>9.1f}")
    if pandoc_ms:
        print(
            f"first rendering / pandoc: {first / pandoc_ms:.2f} (target <= 0.5); in one process:"
            f" {alone / pandoc_ms:.2f}; CPUs available: {len(os.sched_getaffinity(0))}"
        )
    print(
        f"repeat / python: {repeat / python_ms:.1f}x, one cached key: {one / python_ms:.1f}x"
        " (targets <= 6x)"
    )


if __name__ == "__main__":
    main()
