"""RIS inputs made to hurt: one record of 10^5 or 10^6 lines, and 10,000 records.

Usage: python benchmarks/hostile_ris.py [--runs N] [--sizes 100000,1000000]

For each input, ``sarcref --library TMP import FILE`` runs as a real process: the script
prints its wall and CPU time and the peak resident memory of the process tree (the
baseline is an import of a one-record file: Python, sarcref and SQLite). Then the reader
alone (``sarcref.formats.read_source``, in this process) is timed, with the peak of the
memory Python allocates while reading (tracemalloc) against the input's size.

A record of N lines comes in three shapes: a title of N continuation lines (what made
rispy quadratic: 20,000 lines took 0.33 s, 40,000 1.75 s), an abstract of N continuation
lines and N keyword lines. Targets (issue 11.8): linear in N, and the reader's
peak memory within 4x the input.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from import_bench import run_measured, sarcref_command  # noqa: E402


def long_abstract(lines: int) -> str:
    body = "".join(f"continued line {i} of a very long abstract\n" for i in range(lines))
    return f"TY  - JOUR\nTI  - A long abstract\nAU  - Doe, Jane\nAB  - start\n{body}ER  - \n"


def long_title(lines: int) -> str:
    """The shape rispy was quadratic on: continuation lines of a tag it keeps one value of."""
    body = "".join(f"continued line {i} of a very long title\n" for i in range(lines))
    return f"TY  - JOUR\nTI  - start\n{body}AU  - Doe, Jane\nER  - \n"


def many_keywords(lines: int) -> str:
    body = "".join(f"KW  - keyword {i}\n" for i in range(lines))
    return f"TY  - JOUR\nTI  - Many keywords\nAU  - Doe, Jane\n{body}ER  - \n"


def many_records(count: int) -> str:
    abstract = "Survival rates for children with metastatic sarcoma have remained dismal. " * 12
    records = []
    for i in range(count):
        records.append(
            f"TY  - JOUR\nID  - rec{i}\nAU  - Lerman, Daniel M.\nAU  - Randall, R. Lor\n"
            f"AU  - Smith, Jane {i}\nTI  - Local control of metastatic sarcoma, part {i}\n"
            "T2  - Current Opinion in Pediatrics\nJ2  - Curr Opin Pediatr\n"
            f"PY  - {1990 + i % 30}\nDA  - {1990 + i % 30}/01/15/\nVL  - {i % 40}\nIS  - 1\n"
            f"SP  - {i % 900}\nEP  - {i % 900 + 8}\nDO  - 10.1097/MOP.{i:010d}\n"
            f"UR  - https://example.org/{i}\nKW  - sarcoma\nKW  - metastasis\n"
            f"AB  - {abstract}\nSN  - 1040-8703\nPB  - Wolters Kluwer\nDB  - Scopus\n"
            "N1  - Export Date: 15 October 2020\nER  - \n\n"
        )
    return "".join(records)


def reader_figures(path: Path, runs: int) -> tuple[float, float, int]:
    """Median CPU seconds of read_source, peak MiB allocated while reading, records read."""
    from sarcref.formats import read_source

    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        result = read_source(path)
        times.append(time.process_time() - start)
        count = len(result.records)
        del result
    gc.collect()
    tracemalloc.start()
    result = read_source(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return statistics.median(times), peak / 2**20, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    inputs: list[tuple[str, Callable[[], str]]] = [("one record", lambda: many_records(1))]
    for size in sizes:
        inputs.append((f"title of {size:,} lines", lambda s=size: long_title(s)))
        inputs.append((f"abstract of {size:,} lines", lambda s=size: long_abstract(s)))
        inputs.append((f"{size:,} KW lines", lambda s=size: many_keywords(s)))
    inputs.append(("10,000 records", lambda: many_records(10_000)))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in inputs:
            path = Path(tmp) / "input.ris"
            path.write_text(make(), encoding="utf-8")
            mib = path.stat().st_size / 2**20
            walls, cpus, peaks = [], [], []
            for run in range(args.runs):
                library = Path(tmp) / f"lib{run}.sqlite"
                wall, cpu, peak, _ = run_measured(
                    [*sarcref_command(), "--library", str(library), "import", str(path)], env
                )
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
                library.unlink()
            seconds, allocated, count = reader_figures(path, args.runs)
            print(
                f"{name}: {mib:.1f} MiB; import {statistics.median(walls):.2f} s "
                f"(range {min(walls):.2f}-{max(walls):.2f}; CPU {statistics.median(cpus):.2f} s), "
                f"peak RSS {max(peaks)} MiB; reader alone {seconds:.2f} s CPU, "
                f"allocated at peak {allocated:.1f} MiB = {allocated / mib:.1f}x the input, "
                f"{count} record(s)"
            )


if __name__ == "__main__":
    main()
