"""The CSL-JSON reader alone on 10^4 to 10^5 records: time, memory, line numbers.

Usage: python benchmarks/csljson_reader.py [--json FILE.json[.xz]] [--runs N]

Default input: ../shared/bench/jgrey-bibliography-10k.csl.json.xz (real data without a
licence: used here only). Its 10,000 items are repeated (with fresh ids) to 20k, 40k and
100k items, written one item a few lines apart, and read with
``sarcref.formats.read_source`` in this process: median seconds, the peak of what
Python allocates while reading (tracemalloc, beyond the text), and a check that every
record's line is the line its item starts on. Target (issue 13): linear, and 100,000
records in well under 30 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import lzma
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BENCH_FILE = Path("shared") / "bench" / "jgrey-bibliography-10k.csl.json.xz"
DEFAULT = next(
    (p / BENCH_FILE for p in (ROOT.parent, ROOT.parent.parent) if (p / BENCH_FILE).exists()),
    ROOT.parent / BENCH_FILE,
)


def load(path: Path) -> list[dict[str, object]]:
    data = lzma.decompress(path.read_bytes()) if path.suffix == ".xz" else path.read_bytes()
    items: list[dict[str, object]] = json.loads(data)
    return items


def text_of(items: list[dict[str, object]], count: int) -> tuple[str, list[int]]:
    """The JSON list of *count* items (repeating *items*), and the line each starts on."""
    parts, lines, line = ["["], [], 2
    for n in range(count):
        item = {**items[n % len(items)], "id": f"item{n}"}
        block = json.dumps(item, ensure_ascii=False, indent=1)
        lines.append(line)
        parts.append(("\n" if n == 0 else ",\n") + block)
        line += block.count("\n") + 1
    parts.append("\n]\n")
    return "".join(parts), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from sarcref.formats import read_source

    items = load(args.json)
    for count in (10_000, 20_000, 40_000, 100_000):
        text, lines = text_of(items, count)
        times, cpus = [], []
        for _ in range(args.runs):
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            result = read_source(text, "csl-json")
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            del result
        gc.collect()
        tracemalloc.start()
        result = read_source(text, "csl-json")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        right = [r.line for r in result.records] == lines[: len(result.records)]
        mib = len(text.encode("utf-8")) / 2**20
        print(
            f"{count:>7,} items, {mib:.1f} MiB: {statistics.median(times):.2f} s "
            f"(range {min(times):.2f}-{max(times):.2f}; CPU {statistics.median(cpus):.2f} s), "
            f"{len(result.records)} records, "
            f"{len(result.problems)} refused, {len(result.warnings)} warnings, peak "
            f"{peak / 2**20:.0f} MiB allocated, lines {'right' if right else 'WRONG'}"
        )
        del result, text


if __name__ == "__main__":
    main()
