"""How closely sarcref's BibTeX/BibLaTeX import agrees with pandoc's, field by field.

Usage: python benchmarks/bibtex_vs_pandoc.py FILE.bib[.xz] [--bibtex] [--show [VAR ...]]

Reads FILE with sarcref (the reader ``import`` uses) and with ``pandoc -f biblatex -t
csljson`` (``-f bibtex`` with ``--bibtex``), pairs the records by key and compares every
CSL variable either side has. A variable counts as equal when both sides give the same
value after whitespace is collapsed and numbers are written as text; the "text" column
also forgives letter case and CSL markup (pandoc turns English titles into sentence case,
sarcref keeps titles as written: see docs/bibtex.md). ``--show`` lists the disagreements
(of the variables named, or of all).

pandoc is a reference, not the truth: docs/bibtex.md says where and why sarcref differs.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_MARKUP = re.compile(r"</?(?:i|b|sup|sub|sc)>|<span[^>]*>|</span>")
_SPACES = re.compile(r"\s+")


def sarcref_records(path: Path) -> dict[str, dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "src"))
    from sarcref.formats import read_source

    result = read_source(path, "bibtex")
    return {item.record.key: item.record.to_csl() for item in result.records}


def pandoc_records(path: Path, variant: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """pandoc's records, and the entries pandoc refused.

    pandoc stops at the first entry it cannot parse (a key with a combining accent is
    enough): the entry it names is left out and the file tried again (whole, so that
    crossref parents and children stay together).
    """
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=@)", text)
    strings = [b for b in blocks if re.match(r"@\s*string\b", b, re.IGNORECASE)]
    entries = [b for b in blocks if b not in strings]
    records: dict[str, dict[str, Any]] = {}
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        chunk = Path(tmp) / "chunk.bib"
        for batch in [entries]:
            while batch:
                head = "\n".join(strings) + "\n"
                chunk.write_text(head + "\n".join(batch), encoding="utf-8")
                done = subprocess.run(
                    ["pandoc", "-f", variant, "-t", "csljson", str(chunk)],
                    capture_output=True,
                    text=True,
                )
                if done.returncode == 0:
                    records.update({str(r["id"]): r for r in json.loads(done.stdout)})
                    break
                where = re.search(r"line (\d+)", done.stderr)
                if not where:
                    raise SystemExit(f"pandoc failed: {done.stderr}")
                line = int(where.group(1)) - head.count("\n")
                at = 0
                for index, entry in enumerate(batch):
                    at += entry.count("\n") + 1
                    if at >= line:
                        refused.append(entry.split("\n", 1)[0][:80])
                        del batch[index]
                        break
                else:
                    raise SystemExit(f"pandoc failed: {done.stderr}")
    return records, refused


def normal(value: Any, *, loose: bool) -> Any:
    """A value in a form both sides can be compared in."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", _SPACES.sub(" ", value).strip())
        if loose:
            text = _MARKUP.sub("", text).casefold().replace("’", "'")
        return text
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [normal(v, loose=loose) for v in value]
    if isinstance(value, dict):
        return {k: normal(v, loose=loose) for k, v in value.items() if v not in ("", None)}
    return value


def compare(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> tuple[Counter[str], Counter[str], Counter[str], list[tuple[str, str, Any, Any]]]:
    total: Counter[str] = Counter()
    equal: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    differences = []
    for key in sorted(ours.keys() & theirs.keys()):
        a, b = ours[key], theirs[key]
        for variable in sorted((a.keys() | b.keys()) - {"id"}):
            x, y = a.get(variable), b.get(variable)
            total[variable] += 1
            if normal(x, loose=False) == normal(y, loose=False):
                equal[variable] += 1
                loose[variable] += 1
                continue
            if normal(x, loose=True) == normal(y, loose=True):
                loose[variable] += 1
            differences.append((key, variable, x, y))
    return total, equal, loose, differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--bibtex", action="store_true", help="pandoc -f bibtex")
    parser.add_argument("--show", nargs="*", metavar="VAR", help="list the disagreements")
    args = parser.parse_args()
    path: Path = args.file
    with tempfile.TemporaryDirectory() as tmp:
        if path.suffix == ".xz":
            plain = Path(tmp) / path.stem
            plain.write_bytes(lzma.decompress(path.read_bytes()))
            path = plain
        ours = sarcref_records(path)
        theirs, refused = pandoc_records(path, "bibtex" if args.bibtex else "biblatex")
    total, equal, loose, differences = compare(ours, theirs)
    only_ours = sorted(ours.keys() - theirs.keys())
    only_theirs = sorted(theirs.keys() - ours.keys())
    both = len(ours.keys() & theirs.keys())
    print(f"records: sarcref {len(ours)}, pandoc {len(theirs)}, both {both}")
    if refused:
        print(f"  pandoc refused {len(refused)} entries, e.g. {refused[:3]}")
    if only_ours or only_theirs:
        print(f"  only sarcref: {only_ours[:10]}; only pandoc: {only_theirs[:10]}")
    print(f"{'variable':<26} {'equal':>13} {'text':>13}")
    for variable in sorted(total, key=lambda v: (-total[v], v)):
        n = total[variable]
        print(
            f"{variable:<26} {equal[variable]:>5}/{n:<5} {100 * equal[variable] / n:3.0f}%"
            f" {loose[variable]:>5}/{n:<5} {100 * loose[variable] / n:3.0f}%"
        )
    n, e, t = sum(total.values()), sum(equal.values()), sum(loose.values())
    print(f"{'all':<26} {e:>5}/{n:<5} {100 * e / n:.1f}% {t:>5}/{n:<5} {100 * t / n:.1f}%")
    if args.show is not None:
        wanted = set(args.show)
        for key, variable, x, y in differences:
            if wanted and variable not in wanted:
                continue
            print(f"\n{key} {variable}:\n  sarcref: {json.dumps(x, ensure_ascii=False)}")
            print(f"  pandoc:  {json.dumps(y, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
