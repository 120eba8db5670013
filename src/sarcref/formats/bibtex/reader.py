"""A BibTeX file to CSL records: parse (``parse``), inherit (``inherit``), map (``to_csl``).

A big file is read in two halves at once, the second in another process (``workers``):
parsing and mapping are pure Python, and a second core halves their time. The halves give
the same records as reading the file in one piece: the second half starts with the
``@string`` macros the first defines, and entries taking part in ``crossref``, ``xdata``
or ``related`` (children and the entries they name) are mapped only once every half is in.

``@set`` and ``@xdata`` entries are not works: the set's members are the records, and an
``@xdata`` entry is data for the entries that name it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ...errors import DataError
from ...records import validate_csl
from ...workers import Aside
from ..model import Problem, ReadResult, SourceRecord
from . import inherit, parse, to_csl
from .parse import BibEntry

# From this size on, a file is read in two processes (starting one costs about 0.1 s).
PARALLEL_FROM_BYTES = 2_000_000

_LINK = re.compile(rb"(crossref|xdata|related)\s*=\s*[{\"]?([^{}\"=@]*)")
_LINK_FIELDS = ("crossref", "xdata", "related")

Progress = Callable[[int, int], None]

# What reading a part of a file gives: its records, the entries left for the end (linked
# entries, unmapped), its problems and warnings, and how many entries used each LaTeX
# command decoding kept as written.
Part = tuple[list[SourceRecord], list[BibEntry], list[Problem], list[Problem], Counter[str]]


def read(text: str, source: str, progress: Progress | None = None) -> ReadResult:
    """The records of a BibTeX text, in file order, the entries it could not read, and the
    entries read with a guess (warnings)."""
    linked = link_targets(text)
    split = parse.split_point(text) if len(text) >= PARALLEL_FROM_BYTES else None
    if split is None:
        parts = [read_part(text, source, 0, {}, linked, progress)]
    else:
        later = (text[split:], source, text.count("\n", 0, split))
        macros = parse.string_macros(text[:split])
        with Aside(__name__, "read_part", *later, macros, linked) as helper:
            first = read_part(text[:split], source, 0, {}, linked, progress)
            second = helper.result()
        if second is None:  # the helper failed (it should not): read that half here
            second = read_part(*later, macros, linked)
        parts = [first, second]
    records = [r for part in parts for r in part[0]]
    problems = [p for part in parts for p in part[2]]
    warnings = [w for part in parts for w in part[3]]
    unknown: Counter[str] = Counter()
    for part in parts:
        unknown.update(part[4])
    left = [e for part in parts for e in part[1]]
    if left:
        inherit.inherit(left)
        by_key: dict[str, BibEntry] = {}
        for entry in left:
            by_key.setdefault(entry.key.casefold(), entry)
        for entry in left:
            _add(entry, source, records, problems, unknown, by_key)
        records.sort(key=lambda r: r.line or 0)
    problems.sort(key=lambda p: p.line or 0)
    warnings.sort(key=lambda p: p.line or 0)
    if unknown:
        warnings.append(Problem(source, None, None, unknown_macros_warning(unknown)))
    return ReadResult("bibtex", records, problems, warnings)


def unknown_macros_warning(counts: Counter[str]) -> str:
    """``unknown LaTeX macros kept as text: \\foo (3 entries), \\bar``."""
    shown = [
        f"\\{name} ({n} entries)" if n > 1 else f"\\{name}"
        for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "unknown LaTeX macros kept as text: " + ", ".join(shown)


def link_targets(text: str) -> set[str]:
    """The keys ``crossref``, ``xdata`` and ``related`` fields name, case-folded (a quick
    scan of the raw text)."""
    # bytes.lower() changes ASCII letters only, in C: a case-blind regex over 10 MB takes
    # 0.3 s, str.lower() 0.13 s, this 0.03 s. Keys may be any Unicode: casefold() after.
    lowered = text.encode("utf-8", "surrogatepass").lower()
    targets: set[str] = set()
    for word in (b"crossref", b"xdata", b"related"):
        at = lowered.find(word)
        while at != -1:
            match = _LINK.match(lowered, at)
            if match:
                keys = match.group(2).decode("utf-8", "replace")
                targets.update(k.casefold() for k in inherit.key_list(keys))
            at = lowered.find(word, at + len(word))
    return targets


def read_part(
    text: str,
    source: str,
    line_offset: int,
    macros: dict[str, str],
    linked: set[str],
    progress: Progress | None = None,
) -> Part:
    """Parse and map a part of a file; linked entries are left unmapped."""
    parsed = parse.parse(text, source, line_offset=line_offset, strings=macros)
    entries, problems = parsed.entries, parsed.problems
    records: list[SourceRecord] = []
    left: list[BibEntry] = []
    unknown: Counter[str] = Counter()
    for done, entry in enumerate(entries, 1):
        if (
            entry.key.casefold() in linked
            or entry.entry_type == "xdata"
            or any(name in entry.fields for name in _LINK_FIELDS)
        ):
            left.append(entry)
        else:
            _add(entry, source, records, problems, unknown)
        if progress is not None and done % 500 == 0:
            progress(done, len(entries))
    return records, left, problems, parsed.warnings, unknown


def _add(
    entry: BibEntry,
    source: str,
    records: list[SourceRecord],
    problems: list[Problem],
    unknown: Counter[str],
    related: dict[str, BibEntry] | None = None,
) -> None:
    if entry.entry_type in to_csl.NOT_RECORDS:
        return
    try:
        mapped = to_csl.map_entry(entry, related)
        validate_csl(mapped.record.csl, where="\x00")
    except DataError as error:
        reason = error.message.removeprefix("\x00: ")
        problems.append(Problem(source, entry.line, entry.key or None, reason))
        return
    unknown.update(mapped.unknown_macros)
    records.append(SourceRecord(mapped.record, source, entry.line))
