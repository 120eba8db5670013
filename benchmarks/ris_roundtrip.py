"""Export a real library to RIS and import it back: which records change, and how.

Usage: python benchmarks/ris_roundtrip.py [FILE.bib|FILE.json[.xz]] [--show N]

Default input: ../shared/bench/jgrey-bibliography-main.bib.xz (real data without a
licence: used here only). The file is read as ``cite --input`` reads it, every record is
written with the RIS exporter and the text read back. A record has changed when its CSL
differs. Each changed variable is counted, and sorted into what RIS cannot carry for the
record's type (docs/ris.md lists it) and what it can carry but came back different (a
defect). ``--show N`` prints N changed records of the second sort.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import DEFAULT_BIB, bib_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_BIB)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    from sarcref.formats import export, read_records

    try:
        from sarcref.formats.ris.mapping import carried
    except ImportError:  # an older sarcref: count changes only
        carried = None

    records = read_records(bib_file(args.file))
    again = {r.key: r for r in read_records(export(records, "ris"), "ris")}
    changed = 0
    lost: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    shown = 0
    for record in records:
        back = again.get(record.key)
        before = {k: v for k, v in record.csl.items() if k != "id"}
        after = {k: v for k, v in back.csl.items() if k != "id"} if back else {}
        if before == after:
            continue
        changed += 1
        keeps = carried(record.type) if carried else None
        differing = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        for variable in differing:
            if keeps is not None and variable != "type" and variable not in keeps:
                lost[variable] += 1
            else:
                wrong[variable] += 1
        if shown < args.show and any(v in wrong for v in differing):
            shown += 1
            print(f"--- {record.key}")
            for variable in sorted(differing):
                print(
                    f"  {variable}: {_short(before.get(variable))} -> {_short(after.get(variable))}"
                )
    print(f"{len(records)} records, {changed} changed by export to RIS and import")
    if carried:
        print(f"variables RIS cannot carry for the record's type: {_listing(lost)}")
        print(f"variables RIS carries that came back different: {_listing(wrong)}")
    else:
        print(f"variables that changed: {_listing(wrong)}")


def _listing(counts: Counter[str]) -> str:
    return ", ".join(f"{v} {n}" for v, n in counts.most_common()) or "none"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 90 else text[:87] + "..."


if __name__ == "__main__":
    main()
