"""Import a real 10 MB BibLaTeX library, export it and import it again.

Usage: python benchmarks/import_bench.py [--bib FILE.bib[.xz]] [--runs N]

Default input: ../shared/bench/jgrey-bibliography-main.bib.xz (real data without a licence:
used here only, never in the product or the tests). For each run, a fresh library is
created empty and `sarcref import FILE` runs as a real process; the script prints its wall
time, the peak memory of the import (the command and its helper process together), and
checks that every entry landed. Then the whole library is exported to BibTeX and imported
into a second library, and the two are compared record by record.

Targets (issue 5): every entry lands; at most 6 s including parsing; under 500 MB.
"""

from __future__ import annotations

import argparse
import lzma
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_FILE = Path("shared") / "bench" / "jgrey-bibliography-main.bib.xz"
# ../shared from a checkout; ../../shared from a worktree under wt/.
DEFAULT_BIB = next(
    (p / BENCH_FILE for p in (ROOT.parent, ROOT.parent.parent) if (p / BENCH_FILE).exists()),
    ROOT.parent / BENCH_FILE,
)
CACHE = ROOT / "benchmarks" / ".cache"


def bib_file(path: Path) -> Path:
    if path.suffix != ".xz":
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / path.stem
    if not target.exists():
        target.write_bytes(lzma.decompress(path.read_bytes()))
    return target


def sarcref_command() -> list[str]:
    found = shutil.which("sarcref", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "sarcref"]


def tree_rss_kib(pid: int) -> int:
    """Resident memory of *pid* and its descendants, from /proc (Linux)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        proc = Path(f"/proc/{current}")
        try:
            status = (proc / "status").read_text()
            for task in (proc / "task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue  # the process ended meanwhile
        match = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(match.group(1)) if match else 0
    return total


def children_cpu() -> float:
    """CPU seconds (user + system) of the waited-for child processes and theirs, so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds and peak resident MiB of the process tree, and stderr.

    CPU time says how much work the import is whatever else the machine runs meanwhile;
    wall time on a busy machine says more about the machine.
    """
    cpu_before = children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            if Path("/proc").is_dir():
                peak = max(peak, tree_rss_kib(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return elapsed, children_cpu() - cpu_before, peak // 1024, stderr


def count_entries(path: Path) -> int:
    """Entries by the file's own account: @ blocks that are not @comment/@string/@preamble."""
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"^\s*@\s*([A-Za-z]+)\s*[{(]", text, re.MULTILINE)
    return sum(1 for b in blocks if b.lower() not in ("comment", "string", "preamble"))


def bibtexparser_seconds(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of bibtexparser.parse_string on the file (default middlewares)."""
    code = (
        "import time, bibtexparser, sys\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "t, c = time.perf_counter(), time.process_time(); bibtexparser.parse_string(text)\n"
        "print(time.perf_counter() - t, time.process_time() - c)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, default=DEFAULT_BIB)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = bib_file(args.bib)
    sys.path.insert(0, str(ROOT / "src"))
    from sarcref import Library

    expected = count_entries(path)
    print(f"input: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {expected} entries")
    parse_seconds, parse_cpu = bibtexparser_seconds(path)
    print(
        f"bibtexparser.parse_string alone (default middlewares): {parse_seconds:.2f} s"
        f" ({parse_cpu:.2f} s CPU)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NO_COLOR", None)
    times, cpus, peaks = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            library = Path(tmp) / f"run{run}.sqlite"
            Library(library, seed=False).close()
            # keep-both: every entry lands (the file repeats some works, which an import
            # otherwise leaves out as duplicates: that count is printed below).
            seconds, cpu, peak, stderr = run_measured(
                [
                    *sarcref_command(),
                    "--library",
                    str(library),
                    "import",
                    str(path),
                    "--on-duplicate",
                    "keep-both",
                ],
                env,
            )
            with Library(library, seed=False) as lib:
                landed = len(lib)
            times.append(seconds)
            cpus.append(cpu)
            peaks.append(peak)
            print(
                f"run {run + 1}: {seconds:.2f} s ({cpu:.2f} s CPU in two processes), "
                f"peak {peak} MiB, landed {landed}/{expected}"
                f" ({stderr.strip().splitlines()[-1]})"
            )
            if landed != expected:
                raise SystemExit("not every entry landed")
        first = Path(tmp) / "run0.sqlite"
        exported = Path(tmp) / "exported.bib"
        start = time.perf_counter()
        subprocess.run(
            [
                *sarcref_command(),
                "--library",
                str(first),
                "export",
                "-f",
                "bibtex",
                "-o",
                str(exported),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        export_seconds = time.perf_counter() - start
        second = Path(tmp) / "reimported.sqlite"
        Library(second, seed=False).close()
        reimport_seconds, _, _, _ = run_measured(
            [
                *sarcref_command(),
                "--library",
                str(second),
                "import",
                str(exported),
                "--on-duplicate",
                "keep-both",
            ],
            env,
        )

        def content(record: Any) -> tuple[Any, Any]:
            # Where a record came from (its `sources`, the key a file gave a renamed record)
            # is not its content.
            kept = {k: v for k, v in record.extra.items() if k not in ("sources", "file-key")}
            return record.csl, kept

        with Library(first, seed=False) as a, Library(second, seed=False) as b:
            left = {r.key: content(r) for r in a.all()}
            right = {r.key: content(r) for r in b.all()}
        differ = [k for k in left if left[k] != right.get(k)]
        print(f"export to BibTeX: {export_seconds:.2f} s; re-import: {reimport_seconds:.2f} s")
        print(
            f"export + re-import: {len(right)} records, {len(differ)} differ from the first "
            f"import{' (' + ', '.join(differ[:5]) + ')' if differ else ''}"
        )
    wall, cpu = statistics.median(times), statistics.median(cpus)
    print(
        f"import median {wall:.2f} s, best {min(times):.2f} s (target <= 6 s; median"
        f" {wall / parse_seconds:.2f}x bibtexparser alone), {cpu:.2f} s CPU"
        f" ({cpu / parse_cpu:.2f}x), peak {max(peaks)} MiB (target < 500 MiB)"
    )


if __name__ == "__main__":
    main()
