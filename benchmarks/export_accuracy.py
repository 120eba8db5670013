"""Field accuracy of the database-export readers: the same two articles read from every export
fixture, compared field by field with what the articles are.

Usage: python benchmarks/export_accuracy.py

References: Lerman & Randall 2015 is the bundled record (data/lerman2015local.json; its
month is left out, as the exports give none); the PRISMA statement (Moher et al. 2009) is
written below from the article. A field counts when the reader gives it and it is right:
titles and journal titles compared without regard to letter case (Web of Science writes
titles in title case), authors by family names and initials, dates by year, languages by
their primary subtag.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "formats" / "fixtures"

PRISMA: dict[str, Any] = {
    "title": "Preferred reporting items for systematic reviews and meta-analyses: the PRISMA "
    "statement",
    "author": [
        {"family": "Moher", "given": "David"},
        {"family": "Liberati", "given": "Alessandro"},
        {"family": "Tetzlaff", "given": "Jennifer"},
        {"family": "Altman", "given": "Douglas G."},
    ],
    "container-title": "PLoS Medicine",
    "volume": "6",
    "issue": "7",
    "page": "e1000097",
    "issued": {"date-parts": [[2009, 7, 21]]},
    "DOI": "10.1371/journal.pmed.1000097",
    "PMID": "19621072",
    "language": "en",
}
FIELDS = ("title", "author", "container-title", "volume", "issue", "page", "issued", "DOI")
FIELDS += ("PMID", "language", "abstract", "keyword")

FILES = [
    ("medline", "medline/pubmed-export.txt"),
    ("pubmed-xml", "pubmed_xml/pubmed-export.xml"),
    ("endnote-xml", "endnote_xml/library.xml"),
    ("wos", "web_of_science/savedrecs.txt"),
    ("wos-tab", "web_of_science/savedrecs-tab.txt"),
    ("csv scopus", "csv/scopus.csv"),
    ("csv pubmed", "csv/pubmed.csv"),
    ("csv embase", "csv/embase.csv"),
    ("csv wos", "csv/wos.csv"),
]


def _people(names: Any) -> list[tuple[str, str]]:
    people = []
    for name in names or []:
        if "literal" in name:
            continue  # groups: not every database lists them
        initials = "".join(w[0] for w in str(name.get("given", "")).replace("-", " ").split())
        people.append((str(name.get("family", "")), initials))
    return people


def _year(date: Any) -> int | None:
    parts = (date or {}).get("date-parts") or [[None]]
    return parts[0][0] if isinstance(parts[0][0], int) else None


SAME: dict[str, Callable[[Any, Any], bool]] = {
    "title": lambda a, b: str(a).casefold() == str(b).casefold(),
    "container-title": lambda a, b: str(a).casefold() == str(b).casefold(),
    "author": lambda a, b: _people(a) == _people(b),
    "issued": lambda a, b: _year(a) == _year(b),
    "DOI": lambda a, b: str(a).lower() == str(b).lower(),
    "language": lambda a, b: str(a).split("-")[0] == str(b).split("-")[0],
}


def score(record: Mapping[str, Any], reference: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    expected = [f for f in FIELDS if f in reference]
    wrong = []
    for field in expected:
        same = SAME.get(field, lambda a, b: a == b)
        if field not in record or not same(record[field], reference[field]):
            wrong.append(field)
    return len(expected) - len(wrong), len(expected), wrong


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from sarcref.formats import read_source

    lerman = json.loads((ROOT / "data" / "lerman2015local.json").read_text(encoding="utf-8"))
    lerman["PMID"] = "25490690"
    references = {"25490690": lerman, "19621072": PRISMA}
    total_right = total = 0
    print(f"{'export':<12} {'article':<8} {'right':>7}  missing or different")
    for label, name in FILES:
        result = read_source(FIXTURES / name)
        for item in result.records:
            csl = item.record.csl
            pmid = str(csl.get("PMID") or item.record.extra.get("source", {}).get("accession"))
            reference = references.get(pmid)
            if reference is None and str(csl.get("title", "")).casefold().startswith(
                "preferred reporting"
            ):
                reference = PRISMA  # an EndNote record whose PMID is its accession only
            if reference is None:
                continue
            right, out_of, wrong = score(csl, reference)
            total_right += right
            total += out_of
            who = "Lerman" if reference is lerman else "PRISMA"
            print(f"{label:<12} {who:<8} {right:>3}/{out_of:<3}  {', '.join(wrong) or '-'}")
    print(f"all: {total_right}/{total} fields right ({100 * total_right / total:.0f}%)")


if __name__ == "__main__":
    main()
