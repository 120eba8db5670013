"""Hostile BibTeX files: time and peak memory of `sarcref import` on each (issue 11).

Usage: python benchmarks/hostile_bibtex.py [--sizes 25,50,100,200] [--runs N]

Generates, in a temporary folder:

- string-bomb.bib: @string definitions that double at every step (707 bytes expanding
  to 268 MB): refused with exit 3 before it grows (a value may hold 1 MB);
- crossref-5000.bib: a crossref chain 5,000 entries deep: read without recursion;
- field-N-MB.bib: one entry with a single N MB field, for each size: refused with exit 3
  (over the 1 MB cap), in time linear in N and memory within a few times N;
- unclosed-5000.bib: 5,000 entries each missing its closing brace: recovered, with a
  warning each.

For each it runs `sarcref --library TMP import FILE` as a real process and prints the
wall time, the peak resident memory of the process tree, the exit code and the last
line of its output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import sarcref_command, tree_rss_kib  # noqa: E402


def string_bomb() -> str:
    lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, 25)]
    lines.append("@book{bomb, title = s24}")
    return "\n".join(lines) + "\n"


def crossref_chain(depth: int) -> str:
    entries = [f"@book{{e{i}, crossref = {{e{i + 1}}}}}" for i in range(depth)]
    entries.append(f"@book{{e{depth}, title = {{Root}}, publisher = {{P}}, year = 2001}}")
    return "\n".join(entries) + "\n"


def huge_field(megabytes: int) -> str:
    line = "All work and no play makes Jack a dull boy. " * 2 + "\n"
    body = line * (megabytes * 1_000_000 // len(line))
    return "@book{big, title = {Big}, abstract = {" + body + "}}\n"


def unclosed(count: int) -> str:
    return (
        "".join(
            f"@article{{u{i}, title = {{Entry {i}}}, year = {{2001}},\n\n" for i in range(count)
        )
        + "@book{last, title = {Last}}\n"
    )


def run(command: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak MiB of the process tree, exit code, last line of output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    lines = [line for line in output.strip().splitlines() if line.strip()]
    shown = next((line for line in lines if "error" in line.lower()), lines[-1] if lines else "")
    return elapsed, peak // 1024, process.returncode, shown[:150]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200", help="MB sizes of the big field")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files: list[tuple[str, Path]] = []
        for name, text in [
            ("string-bomb.bib", string_bomb()),
            ("crossref-5000.bib", crossref_chain(5000)),
            ("unclosed-5000.bib", unclosed(5000)),
            *((f"field-{n}-MB.bib", huge_field(n)) for n in sizes),
        ]:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            files.append((name, path))
        print(f"{'file':<20} {'size':>9} {'time':>8} {'peak':>9} {'x size':>7}  exit  output")
        for name, path in files:
            size = path.stat().st_size
            times, peaks = [], []
            for run_number in range(args.runs):
                library = folder / f"lib-{name}-{run_number}.sqlite"
                command = [*sarcref_command(), "--library", str(library), "import", str(path)]
                seconds, peak, code, last = run(command, env)
                times.append(seconds)
                peaks.append(peak)
            ratio = max(peaks) * 1024 * 1024 / size
            print(
                f"{name:<20} {size / 1e6:7.1f}MB {statistics.median(times):7.2f}s "
                f"{max(peaks):6d}MiB {ratio:6.1f}x  {code:4d}  {last}"
            )
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
