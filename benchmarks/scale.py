"""Cost as the input grows: importing 10k to 100k records of each format, and `list` on the
100,000-record library.

Usage: python benchmarks/scale.py [--sizes 10000,20000,40000,100000] [--formats csl-json,bibtex,ris]
                                  [--runs N]

Inputs are made in a temporary folder from the benchmark corpus in ../shared/bench/ (never
copied into the project): CSL-JSON and RIS from the 10k CSL-JSON file, its records repeated
with distinct keys; BibTeX from the 16.5k-entry BibLaTeX file, its entries repeated with
distinct keys. Each import is a whole `sarcref --library NEW import FILE` process; the
script prints its wall time, seconds per 1,000 records (a column that rises with the size
is a step that rescans from the start) and the process's peak memory. Targets (issue 10):
100,000 CSL-JSON records in at most 30 s and 800 MB, 100,000 BibTeX records in at most 45 s;
on the 100k library `list --format keys` within 6x `python -c pass`, `list` (piped) within 10x.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
CSL_SOURCE = BENCH / "jgrey-bibliography-10k.csl.json.xz"
BIB_SOURCE = BENCH / "jgrey-bibliography-main.bib.xz"


def sarcref() -> str:
    return shutil.which("sarcref", path=str(Path(sys.executable).parent)) or "sarcref"


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    # GNU time measures the peak when it is there: a child forked from this process starts
    # with its memory (the generated inputs) counted as its own.
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as peak_file:
        prefix = (
            ["/usr/bin/time", "-f", "%M", "-o", peak_file.name]
            if Path("/usr/bin/time").exists()
            else []
        )
        start = time.perf_counter()
        process = subprocess.Popen(
            [*prefix, *command], env=env, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
        peak = usage.ru_maxrss / 1024
        if prefix:
            last = Path(peak_file.name).read_text().strip().splitlines()[-1:]
            peak = int(last[0]) / 1024 if last and last[0].isdigit() else peak
    return elapsed, peak


def csl_records(count: int) -> list[dict[str, object]]:
    base = json.loads(lzma.decompress(CSL_SOURCE.read_bytes()))
    out = []
    for n in range(count):
        item = dict(base[n % len(base)])
        copy = n // len(base)
        item["id"] = f"{item['id']}-r{copy}"
        if copy:  # another work: its own title, no identifier (not a duplicate to drop)
            item["title"] = f"Copy {copy} of {item.get('title', '')}"
            for identifier in ("DOI", "PMID", "PMCID", "ISBN"):
                item.pop(identifier, None)
        out.append(item)
    return out


def bib_text(count: int) -> str:
    text = lzma.decompress(BIB_SOURCE.read_bytes()).decode("utf-8")
    blocks = [b for b in re.split(r"\n(?=@)", text) if re.match(r"@\s*\w+\s*[{(]", b)]
    entries = [b for b in blocks if not re.match(r"@\s*(string|comment|preamble)", b, re.I)]
    strings = [b for b in blocks if re.match(r"@\s*string", b, re.I)]
    out = strings[:]
    for n in range(count):
        entry = entries[n % len(entries)]
        copy = n // len(entries)
        entry = re.sub(r"^(@\s*\w+\s*[{(]\s*)([^,\s]+)", rf"\g<1>\g<2>x{copy}", entry, count=1)
        if copy:  # another work: its own title, no identifier (not a duplicate to drop)
            entry = re.sub(
                r"(\n\s*title\s*=\s*[{\"])", rf"\g<1>Copy {copy} of ", entry, count=1, flags=re.I
            )
            entry = re.sub(r"\n\s*(doi|isbn|pmid)\s*=[^\n]*", "", entry, flags=re.I)
        out.append(entry)
    return "\n".join(out) + "\n"


def write_inputs(folder: Path, sizes: list[int], formats: list[str]) -> dict[tuple[str, int], Path]:
    from sarcref.formats import export
    from sarcref.records import Record

    files = {}
    largest = max(sizes)
    records = csl_records(largest) if {"csl-json", "ris"} & set(formats) else []
    for size in sizes:
        if "csl-json" in formats:
            path = folder / f"{size}.json"
            path.write_text(json.dumps(records[:size], ensure_ascii=False, indent=2))
            files["csl-json", size] = path
        if "ris" in formats:
            path = folder / f"{size}.ris"
            parsed = [Record.from_json(r) for r in records[:size]]
            path.write_text(export(parsed, "ris"))
            files["ris", size] = path
        if "bibtex" in formats:
            path = folder / f"{size}.bib"
            path.write_text(bib_text(size))
            files["bibtex", size] = path
    return files


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000,40000,100000")
    parser.add_argument("--formats", default="csl-json,bibtex,ris")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_inputs(folder, sizes, formats)
        env = {**os.environ, "SARCREF_PAGER": ""}
        print(
            f"{'format':<9} {'records':>8} {'file MB':>8} {'seconds':>8} {'s/1k':>6} {'peak MB':>8}"
        )
        for fmt in formats:
            for size in sizes:
                path = files[fmt, size]
                library = folder / f"{fmt}-{size}.sqlite"
                seconds, peak = run_measured(
                    [sarcref(), "--library", str(library), "import", str(path)], env
                )
                megabytes = path.stat().st_size / 1e6
                print(
                    f"{fmt:<9} {size:>8} {megabytes:>8.1f} {seconds:>8.2f}"
                    f" {seconds / size * 1000:>6.3f} {peak:>8.0f}"
                )
        big = folder / f"{formats[0]}-{max(sizes)}.sqlite"
        baseline = median_ms([sys.executable, "-c", "pass"], env, args.runs)
        print(f"\non the {max(sizes)}-record library ({formats[0]}):")
        print(f"{'python -c pass':<28} {baseline:>8.1f} ms")
        for argv in (["list", "--format", "keys"], ["list"], ["list", "--format", "tsv"]):
            ms = median_ms([sarcref(), "--library", str(big), *argv], env, args.runs)
            label = "sarcref " + " ".join(argv)
            print(f"{label:<28} {ms:>8.1f} ms  {ms / baseline:>5.1f}x")


if __name__ == "__main__":
    main()
