"""`sarcref add` of a batch of DOIs against local stand-ins for doi.org and a registrar.

Usage: python benchmarks/add_bench.py [--count 200] [--runs 3]

Two local HTTP servers play doi.org (which redirects every DOI) and the registration agency
(which answers CSL-JSON), as in production: each DOI costs two requests, on two hosts. For
each run, a fresh library and cache folder; the batch is added through the core
(``adding.add_identifiers``), then added again into a second fresh library, which the cache
must answer without a request. Printed: wall time, requests, connections opened.

Two modes:
- ``polite``: the real clock and the real spacing (10 requests a second per host, the
  Crossref polite pool's limit): what a user waits for, dominated by the spacing.
- ``unspaced``: the same client with spacing turned off: sarcref's own cost per DOI.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from sarcref import Library  # noqa: E402
from sarcref.adding import add_identifiers  # noqa: E402
from sarcref.web.cache import ResponseCache  # noqa: E402
from sarcref.web.http import HttpClient  # noqa: E402
from tests.web.server import FakeServices, Reply  # noqa: E402


def item(n: int, doi: str) -> dict[str, object]:
    return {
        "type": "article-journal",
        "title": [f"Outcomes of <jats:italic>sarcoma</jats:italic> cohort {n}"],
        "author": [
            {"given": "Ada", "family": f"Author{n}", "sequence": "first", "affiliation": []},
            {"given": "Ben", "family": "Second", "sequence": "additional", "affiliation": []},
        ],
        "container-title": ["Journal of Sarcoma Research"],
        "volume": str(n % 40 + 1),
        "issue": "2",
        "page": f"{n}-{n + 9}",
        "issued": {"date-parts": [[2000 + n % 25, 5]]},
        "DOI": doi,
        "ISSN": ["1040-8703"],
        "source": "Crossref",
        "reference-count": 30,
        "link": [{"URL": f"https://example.org/{n}.pdf"}],
    }


def serve(count: int) -> tuple[FakeServices, FakeServices, list[str]]:
    doi_org, agency = FakeServices().start(), FakeServices().start()
    dois = [f"10.5555/bench.{n}" for n in range(count)]
    for n, doi in enumerate(dois):
        location = f"{agency.url}/works/{doi}/transform"
        doi_org.add(f"/{doi}", Reply(302, headers={"Location": location}))
        agency.add(f"/works/{doi}/transform", Reply(200, json.dumps(item(n, doi)).encode()))
    return doi_org, agency, dois


def run(count: int, spaced: bool) -> dict[str, float]:
    doi_org, agency, dois = serve(count)
    try:
        with tempfile.TemporaryDirectory() as folder:
            environ = {"SARCREF_DOI_URL": doi_org.url}
            cache = ResponseCache(Path(folder) / "cache")
            sleep = time.sleep if spaced else (lambda seconds: None)
            figures: dict[str, float] = {}
            for phase in ("first", "cached"):
                before = doi_org.count() + agency.count()
                with Library(Path(folder) / f"{phase}.sqlite", seed=False) as library:
                    with HttpClient(
                        email="bench@example.org", environ=environ, cache=cache, sleep=sleep
                    ) as client:
                        started = time.perf_counter()
                        report = add_identifiers(library, dois, client=client)
                        figures[f"{phase} s"] = time.perf_counter() - started
                        figures[f"{phase} connections"] = client.stats.connections
                    assert len(report.added_keys) == count, report.messages()
                    assert len(library) == count
                figures[f"{phase} requests"] = doi_org.count() + agency.count() - before
            return figures
    finally:
        doi_org.stop()
        agency.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--polite-runs", type=int, default=1)
    args = parser.parse_args()
    for mode, runs in (("unspaced", args.runs), ("polite", args.polite_runs)):
        results = [run(args.count, spaced=mode == "polite") for _ in range(runs)]
        print(f"{mode}: {args.count} DOIs, {runs} run(s)")
        for name in results[0]:
            values = sorted(r[name] for r in results)
            if name.endswith(" s"):
                median = statistics.median(values)
                per = median / args.count * 1000
                print(
                    f"  {name[:-2]:7s} wall  median {median:6.2f} s "
                    f"({values[0]:.2f}-{values[-1]:.2f}), {per:.1f} ms per DOI"
                )
            else:
                print(
                    f"  {name:19s} {int(values[0])}"
                    + ("" if values[0] == values[-1] else f"-{int(values[-1])}")
                )


if __name__ == "__main__":
    main()
