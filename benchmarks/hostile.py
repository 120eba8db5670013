"""Hostile inputs: time, peak memory and exit code of sarcref on each (issue 11).

Usage: python benchmarks/hostile.py [--only NAME[,NAME...]] [--big-mb 200]

Every input is generated in a temporary folder. Each case runs as a whole process
(`sarcref --library NEW import FILE`, or the command shown) and prints its wall time, its
peak memory next to the input's size, its exit code and the first line it wrote on
standard error. What each must do: finish in time linear in its input, within 4x the input
in memory, and end with a documented exit code (0, or 2/3 with a message), never 70.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def sarcref() -> str:
    return shutil.which("sarcref", path=str(Path(sys.executable).parent)) or "sarcref"


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sarcref(), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    first = next((line for line in err.splitlines() if line.strip()), "")
    return (
        time.perf_counter() - start,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        first,
    )


def string_doubling(folder: Path, big_mb: int) -> Path:
    lines = ['@string{s0 = "aaaaaaaa"}']
    lines += [f"@string{{s{n} = s{n - 1} # s{n - 1}}}" for n in range(1, 26)]
    lines.append("@misc{boom, title = s25}")
    path = folder / "doubling.bib"
    path.write_text("\n".join(lines) + "\n")
    return path


def shared_stem_ris(folder: Path, big_mb: int) -> Path:
    record = "TY  - JOUR\nTI  - Untitled\nER  - \n"
    path = folder / "stem.ris"
    path.write_text(record * 10_000)
    return path


# Big inputs are written a megabyte at a time: this process stays small, so the processes
# it starts do not inherit a large peak (Linux counts a child's memory from its fork on).
def _repeat(out: Any, piece: str, total: int) -> None:
    chunk = piece * max(1, 1_000_000 // len(piece))
    written = 0
    while written + len(chunk) <= total:
        out.write(chunk)
        written += len(chunk)
    out.write(piece * ((total - written) // len(piece)))


def big_field_bibtex(folder: Path, big_mb: int) -> Path:
    path = folder / "field.bib"
    with path.open("w") as out:
        out.write("@article{big, title = {Big}, abstract = {")
        _repeat(out, "sarcoma ", big_mb * 1_000_000)
        out.write("}}\n")
    return path


def big_field_json(folder: Path, big_mb: int) -> Path:
    path = folder / "field.json"
    with path.open("w") as out:
        out.write('[{"id": "big", "type": "book", "title": "Big", "abstract": "')
        _repeat(out, "sarcoma ", big_mb * 1_000_000)
        out.write('"}]\n')
    return path


def long_ris_record(folder: Path, big_mb: int) -> Path:
    path = folder / "long.ris"
    line = "continued line of a note\n"
    with path.open("w") as out:
        out.write("TY  - JOUR\nTI  - Long\nN1  - start\n")
        _repeat(out, line, len(line) * 1_000_000)
        out.write("ER  - \n")
    return path


def deep_json(folder: Path, big_mb: int) -> Path:
    path = folder / "deep.json"
    depth = 100_000
    path.write_text(
        '[{"id": "d", "type": "book", "title": "T", "x": ' + "[" * depth + "]" * depth + "}]"
    )
    return path


def surrogate_json(folder: Path, big_mb: int) -> Path:
    path = folder / "surrogate.json"
    path.write_text('[{"id": "s", "type": "book", "title": "bad \\ud800 text"}]')
    return path


def crossref_chain(folder: Path, big_mb: int) -> Path:
    path = folder / "chain.bib"
    entries = ["@book{c0, title = {Root}, year = {2000}}"]
    entries += [
        f"@inbook{{c{n}, crossref = {{c{n - 1}}}, title = {{Level {n}}}}}" for n in range(1, 5000)
    ]
    path.write_text("\n".join(entries) + "\n")
    return path


CASES: dict[str, tuple[Callable[[Path, int], Path], str]] = {
    "string-doubling": (string_doubling, "707-byte BibTeX whose @string macros double 25 times"),
    "shared-stem-ris": (shared_stem_ris, "10,000 RIS records with one key stem"),
    "big-field-bibtex": (big_field_bibtex, "one BibTeX field of BIG MB"),
    "big-field-json": (big_field_json, "one CSL-JSON field of BIG MB"),
    "long-ris-record": (long_ris_record, "one RIS record of 10^6 lines"),
    "deep-json": (deep_json, "JSON nested 10^5 deep"),
    "surrogate-json": (surrogate_json, "a lone surrogate \\ud800 in JSON"),
    "crossref-chain": (crossref_chain, "a crossref chain 5,000 deep"),
}


def queries(library: Path, env: dict[str, str]) -> None:
    for label, query in (
        ("query: 400 x 'a OR'", " OR ".join(["a"] * 400)),
        ("query: 400 distinct words OR'ed", " OR ".join(f"w{n}" for n in range(400))),
        ("query: 50 nested NOT", "NOT " * 50 + "sarcoma"),
        ("query: 40 nested -( AND year:)", "-(b AND year:2000 AND " * 40 + "c" + ")" * 40),
    ):
        seconds, peak, code, first = measure(
            ["--library", str(library), "search", query, "--format", "keys"], env
        )
        print(f"{label:<44} {'':>9} {seconds:>8.2f} {peak:>8.0f} {code:>5}  {first[:70]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="")
    parser.add_argument("--big-mb", type=int, default=200)
    args = parser.parse_args()
    chosen = [c for c in args.only.split(",") if c] or list(CASES)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ}
        print(f"{'case':<44} {'input MB':>9} {'seconds':>8} {'peak MB':>8} {'exit':>5}  message")
        for name in chosen:
            if name not in CASES:
                continue
            make, label = CASES[name]
            path = make(folder, args.big_mb)
            library = folder / f"{name}.sqlite"
            seconds, peak, code, first = measure(
                ["--library", str(library), "import", str(path)], env
            )
            size = path.stat().st_size / 1e6
            label = label.replace("BIG", str(args.big_mb))
            print(f"{label:<44} {size:>9.1f} {seconds:>8.2f} {peak:>8.0f} {code:>5}  {first[:70]}")
        if not args.only or "queries" in chosen:
            library = folder / "queries.sqlite"
            records = [
                {"id": f"r{n}", "type": "book", "title": f"a study {n} of a sarcoma"}
                for n in range(10_000)
            ]
            source = folder / "records.json"
            source.write_text(json.dumps(records))
            measure(["--library", str(library), "import", str(source)], env)
            queries(library, env)


if __name__ == "__main__":
    main()
