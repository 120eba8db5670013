"""Import a 20,000-record MEDLINE (PubMed) export, and time the MEDLINE reader alone.

Usage: python benchmarks/medline_bench.py [--json FILE.csl.json[.xz]] [--runs N]
       python benchmarks/medline_bench.py --ris-variant OUT.ris [--count 10000]

Input: ../shared/bench/jgrey-bibliography-10k.csl.json.xz (real data without a licence:
used here only, never in the product or the tests). Each CSL record is written as a MEDLINE
record twice, with distinct PMIDs (``write_medline``), into a temporary folder; then

- ``sarcref --library TMP import FILE`` runs as a real process on a fresh library, N times
  (target, issue 14: at most 10 s), and every record must land;
- the reader alone (``sarcref.formats.medline.read``) reads the first 5k, 10k, 20k records and
  the 20k file twice over (40k), in this process: time per record stays flat if it is linear.

``--ris-variant`` writes instead a RIS export of the same records with other keys and other
spellings of the same fields (``write_ris_variant``), for testing duplicate detection across
databases.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_FILE = Path("shared") / "bench" / "jgrey-bibliography-10k.csl.json.xz"
# ../shared from a checkout; ../../shared from a worktree under wt/.
DEFAULT_JSON = next(
    (p / BENCH_FILE for p in (ROOT.parent, ROOT.parent.parent) if (p / BENCH_FILE).exists()),
    ROOT.parent / BENCH_FILE,
)
TARGET_SECONDS = 10.0
MONTHS = "- Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
}

_PUBLICATION_TYPES = {
    "article-journal": "Journal Article",
    "book": "Book",
    "chapter": "Book Chapter",
    "report": "Technical Report",
    "dataset": "Dataset",
    "article-newspaper": "Newspaper Article",
}


def load_items(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.suffix == ".xz":
        data = lzma.decompress(data)
    items: list[dict[str, Any]] = json.loads(data)
    return items


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _field(tag: str, value: Any) -> list[str]:
    """A MEDLINE field: the tag in four columns, wrapped at 80 with six-space continuations."""
    text = _one_line(value)
    if not text:
        return []
    lines = textwrap.wrap(text, 74, break_long_words=False, break_on_hyphens=False) or [text]
    return [f"{tag:<4}- {lines[0]}"] + [f"      {line}" for line in lines[1:]]


def _short_name(name: Mapping[str, Any]) -> str:
    initials = "".join(part[0] for part in str(name.get("given", "")).split() if part[:1].isalpha())
    return f"{name.get('family', '')} {initials}".strip()


def medline_record(item: Mapping[str, Any], pmid: int) -> str:
    """One CSL item as a MEDLINE record (the fields PubMed writes for such a work)."""
    lines = _field("PMID", pmid) + _field("OWN", "NLM") + _field("STAT", "MEDLINE")
    kind = str(item.get("type", ""))
    issued = item.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0] if isinstance(issued, Mapping) else []
    if parts:
        date = " ".join([str(parts[0])] + ([MONTHS[int(parts[1])]] if len(parts) > 1 else []))
        lines += _field("DP", date)
    lines += _field("VI", item.get("volume", ""))
    lines += _field("IP", item.get("issue", ""))
    title = _one_line(item.get("title", ""))
    if kind == "chapter" and item.get("container-title"):
        lines += _field("TI", title) + _field("BTI", item["container-title"])
    elif kind == "book":
        lines += _field("BTI", title)
    else:
        lines += _field("TI", title if title.endswith(".") else f"{title}.")
    lines += _field("PG", str(item.get("page", "")).replace("–", "-"))
    lines += _field("AB", item.get("abstract", ""))
    for name in item.get("author") or []:
        if name.get("literal"):
            lines += _field("CN", name["literal"])
        elif name.get("family"):
            lines += _field("FAU", ", ".join(p for p in (name["family"], name.get("given")) if p))
            lines += _field("AU", _short_name(name))
    for name in item.get("editor") or []:
        if name.get("family"):
            lines += _field("FED", ", ".join(p for p in (name["family"], name.get("given")) if p))
    lines += _field("LA", "eng")
    lines += _field("PT", _PUBLICATION_TYPES.get(kind, "Journal Article"))
    if kind not in ("book", "chapter"):
        lines += _field("JT", item.get("container-title", ""))
    lines += _field("PB", item.get("publisher", "") if kind in ("book", "chapter") else "")
    lines += _field("ISBN", item.get("ISBN", ""))
    if item.get("DOI"):
        lines += _field("AID", f"{item['DOI']} [doi]")
    lines += _field("EDAT", "2020/01/01 06:00")
    lines += _field("SO", _one_line(item.get("container-title", "")))
    return "\n".join(lines) + "\n"


def write_medline(items: Iterable[Mapping[str, Any]], path: Path, copies: int = 2) -> int:
    """Write each item *copies* times with distinct PMIDs; the number of records written."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for number, item in enumerate(items, 1):
                out.write(medline_record(item, 30_000_000 + copy * 1_000_000 + number))
                out.write("\n")
                written += 1
    return written


def write_ris_variant(
    items: list[Mapping[str, Any]], path: Path, count: int = 10_000, seed: int = 14
) -> int:
    """A RIS export of the first *count* items, as another database would spell them.

    The same works with other keys (``ID  - var00001``) and other spellings: titles in
    capitals or with a closing period, given names as initials (``Lerman, D. M.``), the
    journal's title in capitals, DOIs as ``https://doi.org/`` links in capitals, page ranges
    with ``--``, the year alone. Seeded: the same file every time.
    """
    chance = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for number, item in enumerate(items[:count], 1):
            ris_type = RIS_TYPES.get(str(item.get("type")), "JOUR")
            tags: list[tuple[str, str]] = [("TY", ris_type), ("ID", f"var{number:05d}")]
            title = _one_line(item.get("title", ""))
            title = title.upper() if chance.random() < 0.3 else f"{title}."
            tags.append(("TI", title))
            for name in item.get("author") or []:
                if name.get("literal"):
                    tags.append(("AU", str(name["literal"])))
                    continue
                given = " ".join(f"{p[0]}." for p in str(name.get("given", "")).split() if p)
                tags.append(("AU", ", ".join(x for x in (name.get("family"), given) if x)))
            for name in item.get("editor") or []:
                given = " ".join(f"{p[0]}." for p in str(name.get("given", "")).split() if p)
                family = name.get("family") or name.get("literal")
                tags.append(("ED", ", ".join(x for x in (family, given) if x)))
            if item.get("container-title"):
                tags.append(("T2", _one_line(item["container-title"]).upper()))
            issued = item.get("issued") or {}
            parts = (issued.get("date-parts") or [[]])[0] if isinstance(issued, Mapping) else []
            if parts:
                tags.append(("PY", str(parts[0])))
            page = str(item.get("page", "")).replace("–", "-")
            if page:
                first, _, last = page.partition("-")
                tags.append(("SP", first))
                if last:
                    tags.append(("EP", last))
            for tag, variable in (("VL", "volume"), ("IS", "issue"), ("PB", "publisher")):
                if item.get(variable):
                    tags.append((tag, _one_line(item[variable])))
            if item.get("DOI"):
                tags.append(("DO", f"https://doi.org/{str(item['DOI']).upper()}"))
            out.writelines(f"{tag}  - {value}\n" for tag, value in tags)
            out.write("ER  - \n\n")
            written += 1
    return written


def sarcref_command() -> list[str]:
    found = shutil.which("sarcref", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "sarcref"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_import(path: Path, expected: int, runs: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of each import: CPU is the work, whatever else the machine does."""
    sys.path.insert(0, str(ROOT / "src"))
    from sarcref import Library

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            library = Path(tmp) / f"run{run}.sqlite"
            Library(library, seed=False).close()
            cpu_before = children_cpu()
            start = time.perf_counter()
            done = subprocess.run(
                [*sarcref_command(), "--library", str(library), "import", str(path)],
                env=env,
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - start
            cpu = children_cpu() - cpu_before
            if done.returncode != 0:
                raise SystemExit(f"import failed:\n{done.stderr}")
            with Library(library, seed=False) as lib:
                landed = len(lib)
            print(
                f"import run {run + 1}: {elapsed:.2f} s ({cpu:.2f} s CPU), "
                f"landed {landed}/{expected}"
            )
            if landed != expected:
                raise SystemExit("not every record landed")
            seconds.append((elapsed, cpu))
    return seconds


def time_reader(text: str, runs: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from sarcref.formats.medline import read

    records = [chunk for chunk in text.split("\n\n") if chunk.strip()]
    for size in (5_000, 10_000, 20_000, 40_000):
        part = "\n\n".join((records * 2)[:size]) + "\n"
        timings, cpus = [], []
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            result = read(part, "bench.txt")
            timings.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        assert len(result.records) == size and not result.problems
        median, cpu_median = statistics.median(timings), statistics.median(cpus)
        print(
            f"reader alone, {size:>6} records: median {median:.2f} s "
            f"(min {min(timings):.2f}, max {max(timings):.2f}); CPU median {cpu_median:.2f} s, "
            f"{cpu_median / size * 1e6:.0f} µs CPU per record"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ris-variant", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    items = load_items(args.json)
    if args.ris_variant:
        written = write_ris_variant(items, args.ris_variant, args.count)
        print(f"wrote {written} RIS records to {args.ris_variant}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pubmed-export.txt"
        written = write_medline(items, path)
        print(f"input: {written} MEDLINE records, {path.stat().st_size / 1e6:.1f} MB")
        runs = time_import(path, written, args.runs)
        walls = [wall for wall, _ in runs]
        median = statistics.median(walls)
        cpu = statistics.median(cpu for _, cpu in runs)
        verdict = "within" if median <= TARGET_SECONDS else "OVER"
        print(
            f"import: median {median:.2f} s (min {min(walls):.2f}, max {max(walls):.2f}), "
            f"{verdict} the {TARGET_SECONDS:.0f} s target; CPU median {cpu:.2f} s"
        )
        time_reader(path.read_text(encoding="utf-8"), args.runs)


if __name__ == "__main__":
    main()
