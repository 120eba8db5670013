"""Duplicates across databases: two 10,000-record exports of the same works, one MEDLINE and
one RIS with other keys and other spellings, imported together.

Usage: python benchmarks/dedup.py [--count 10000] [--runs 3]

Inputs come from ../shared/bench/jgrey-bibliography-10k.csl.json.xz through the writers of
benchmarks/medline_bench.py (``write_medline`` with one copy, ``write_ris_variant``): work n
of the MEDLINE file and entry ``var{n}`` of the RIS file are one work, spelled differently
(titles in capitals or with a period, initials, journal in capitals, DOIs as links in
capitals, the year alone). The script imports both into a fresh library, in this process to
read the report, and as a whole `sarcref import A B` process to time it (target, issue 14:
at least 99% of the pairs found, no false merges, at most 10 s), and prints:

- pairs found: RIS entries skipped as a duplicate of their own MEDLINE record;
- missed: RIS entries added as new records;
- other matches: RIS entries matched to another work's record, split into those whose works
  are the same (the corpus repeats some works: same DOI, or same title, year and authors)
  and false merges (different works);
- duplicates within the MEDLINE file itself (works the corpus holds twice).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from medline_bench import DEFAULT_JSON, load_items, write_medline, write_ris_variant  # noqa: E402


def same_work(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two corpus items are one work (the corpus holds some twice)."""
    from sarcref.duplicates import normalised_doi, normalised_title

    doi_one, doi_other = normalised_doi(one.get("DOI")), normalised_doi(other.get("DOI"))
    if doi_one and doi_other:
        return doi_one == doi_other

    def names(item: Mapping[str, Any]) -> list[str]:
        return [
            str(n.get("family") or n.get("literal") or "").lower() for n in item.get("author") or []
        ]

    def year(item: Mapping[str, Any]) -> Any:
        return ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]

    return (
        normalised_title(str(one.get("title", ""))) == normalised_title(str(other.get("title", "")))
        and names(one) == names(other)
        and year(one) == year(other)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from sarcref import Library
    from sarcref.importing import Source

    items = load_items(DEFAULT_JSON)[: args.count]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        medline, ris = folder / "pubmed.txt", folder / "scopus.ris"
        write_medline(items, medline, copies=1)
        write_ris_variant(items, ris, count=len(items))
        sources = [Source(str(p), p.read_text(encoding="utf-8")) for p in (medline, ris)]
        with Library.in_memory() as library:
            started = time.perf_counter()
            report = library.import_sources(sources)
            in_process = time.perf_counter() - started
        # The n-th MEDLINE record is work n; its key is what the import gave it.
        work_of_key: dict[str, int] = {}
        medline_items = [i for i in report.added if i.source == str(medline)]
        for item in medline_items:
            pmid = int(item.record.csl["PMID"])
            work_of_key[item.record.key] = pmid - 30_000_000 - 1
        within_medline = 0
        found = missed = same = false = 0
        false_examples = []
        for match in report.skipped:
            if match.item.source == str(medline):
                within_medline += 1
                continue
            # A skipped entry keeps the key its file gave it (var00001 is work 1).
            n = int(match.item.record.key.removeprefix("var")) - 1
            matched = work_of_key.get(match.existing_key)
            if matched is None:  # matched a MEDLINE record that was itself a duplicate
                matched = -1
            if matched == n:
                found += 1
            elif matched >= 0 and same_work(items[n], items[matched]):
                same += 1
            else:
                false += 1
                if len(false_examples) < 5:
                    false_examples.append((items[n].get("title"), match.existing_key, match.reason))
        missed = sum(1 for i in report.added if i.source == str(ris))
        pairs = len(items)
        times = []
        for run in range(args.runs):
            target = folder / f"run{run}.sqlite"
            started = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sarcref",
                    "--library",
                    str(target),
                    "import",
                    str(medline),
                    str(ris),
                ],
                capture_output=True,
                text=True,
                env={**os.environ},
            )
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
        print(f"works in each export              {pairs}")
        print(f"duplicates within the MEDLINE file {within_medline}")
        print(f"pairs found                        {found} ({found / pairs:.2%})")
        print(f"RIS entries added as new (missed)  {missed}")
        print(f"matched to another copy of the work {same}")
        print(f"false merges                       {false}")
        for example in false_examples:
            print(f"  {example}")
        print(f"in-process import                  {in_process:.2f} s")
        print(
            f"whole process, median of {args.runs}        {statistics.median(times):.2f} s"
            f" ({', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
