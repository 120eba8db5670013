"""How many fixtures of the CSL test suite ``cite --input`` can read, and why the others fail.

Usage:
    python benchmarks/csl_suite_input.py PATH [--show-failures]

PATH is a folder of ``category_Name.txt`` fixtures. Each fixture's INPUT (CSL-JSON items)
is written to a temporary ``.json`` file and read the way ``cite --input FILE`` reads it
(``sarcref.formats.read_records``). Prints the count read, the count refused grouped by
the reason (the field at fault), and the warnings given.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

_INPUT = re.compile(r">>=+\s*INPUT\s*=+>>\n?(.*?)\n?<<=+\s*INPUT\s*=+<<", re.S)
_FIELD = re.compile(r"(field '[^']+'|not valid JSON|name \d+|[a-z ]+ is [a-z]+, not)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()

    from sarcref.errors import DataError
    from sarcref.formats import read_source

    read = 0
    refused: Counter[str] = Counter()
    warned: Counter[str] = Counter()
    failures = []
    fixtures = sorted(args.path.glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for fixture in fixtures:
            match = _INPUT.search(fixture.read_text(encoding="utf-8"))
            if not match:
                continue
            path = Path(folder) / f"{fixture.stem}.json"
            path.write_text(match.group(1), encoding="utf-8")
            try:
                result = read_source(path)
            except DataError as error:
                refused[_reason(error.message)] += 1
                failures.append((fixture.stem, error.message))
                continue
            if result.problems:
                refused[_reason(result.problems[0].reason)] += 1
                failures.append((fixture.stem, str(result.problems[0])))
                continue
            read += 1
            for warning in result.warnings:
                warned[_reason(warning.reason)] += 1
    total = read + sum(refused.values())
    print(f"{total} fixtures with INPUT: {read} read, {sum(refused.values())} refused")
    for reason, count in refused.most_common():
        print(f"  refused  {count:4d}  {reason}")
    for reason, count in warned.most_common():
        print(f"  warning  {count:4d}  {reason}")
    if args.show_failures:
        for name, message in failures:
            print(f"{name}: {message}")


def _reason(message: str) -> str:
    found = _FIELD.search(message)
    return found.group(1) if found else message[:60]


if __name__ == "__main__":
    main()
