"""Name parsing over every author and editor field of a real library (issue 12).

Usage: python benchmarks/bibtex_names.py [--bib FILE.bib[.xz]] [--runs N] [--src DIR]

Parses the file once, then times, over all its author and editor fields, the splitting of
name lists (``split_names``) and the parsing of every name without the parse cache
(``parse_names``), and prints medians and minimums. ``--src`` points at another checkout's
``src`` to compare (for example the code before a change).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from import_bench import DEFAULT_BIB, bib_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, default=DEFAULT_BIB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", type=Path, default=HERE.parent / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from sarcref.formats.bibtex import latex, names, parse

    text = bib_file(args.bib).read_text(encoding="utf-8")
    parsed = parse.parse(text, "bench")
    entries = parsed.entries if hasattr(parsed, "entries") else parsed[0]
    values = [e.fields[f] for e in entries for f in ("author", "editor") if f in e.fields]
    split_times, parse_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        for value in values:
            names.split_names(value)
        split_times.append(time.perf_counter() - start)
        # A new decoder function each run: names parsed with it are not in the cache yet.
        decode = lambda v: latex.decode(v)  # noqa: E731
        start = time.perf_counter()
        for value in values:
            names.parse_names(value, decode)
        parse_times.append(time.perf_counter() - start)
    print(f"{len(values)} name fields from {args.src}")
    for label, times in (("split_names", split_times), ("parse_names, uncached", parse_times)):
        median, best = statistics.median(times) * 1000, min(times) * 1000
        print(f"{label}: median {median:.1f} ms, min {best:.1f} ms")


if __name__ == "__main__":
    main()
