"""Whole-process start-up times of sarcref commands against ``python -c pass``.

Usage: python benchmarks/startup.py [--runs N]

Each command runs N times (after two warm-up runs) against a fresh temporary library;
the script prints the median wall time and the ratio to ``python -c pass``.
Targets: --version within 5x, show within 6x (issue 2); the commands on a script's hot path
(cite, show, search, list, keys, export) answer piped output without Typer (issue 12);
`list --format keys` on a 100,000-record library within 6x and `list` within 10x
(benchmarks/scale.py measures those).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    for _ in range(2):
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    sarcref = shutil.which("sarcref", path=str(Path(sys.executable).parent)) or "sarcref"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SARCREF_LIBRARY": str(Path(tmp) / "library.sqlite")}
        env.pop("NO_COLOR", None)
        # Measure what an installed copy does: byte-code cached after the warm-up runs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sarcref, "list"], env=env, stdout=subprocess.DEVNULL, check=True)
        baseline = median_ms([sys.executable, "-c", "pass"], env, args.runs)
        print(f"{'command':<40} {'median ms':>10} {'x python':>9}")
        print(f"{'python -c pass':<40} {baseline:>10.1f} {1.0:>9.1f}")
        subprocess.run([sarcref, "cite"], env=env, stdout=subprocess.DEVNULL, check=True)
        for argv, target in (
            (["--version"], 5),
            (["--help"], None),
            (["list"], None),
            (["list", "--format", "keys"], 6),
            (["show", "lerman2015local"], 6),
            (["show", "lerman2015local", "--format", "json"], None),
            (["search", "sarcoma", "--format", "keys"], 6),
            (["search", "sarcoma"], None),
            (["cite"], 6),
            (["cite", "lerman2015local", "--mode", "citation"], None),
            (["export", "--format", "bibtex"], None),
            (["tag", "lerman2015local"], None),
            (["config"], None),
            (["styles", "lancet", "--format", "ids"], None),
        ):
            ms = median_ms([sarcref, *argv], env, args.runs)
            goal = f"  (target <= {target}x)" if target else ""
            label = "sarcref " + " ".join(argv)
            print(f"{label:<40} {ms:>10.1f} {ms / baseline:>9.1f}{goal}")


if __name__ == "__main__":
    main()
