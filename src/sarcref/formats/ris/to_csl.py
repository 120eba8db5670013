"""RIS records to CSL records.

Tags with a CSL counterpart are mapped; the RIS type and every other tag are kept in the
record's sarcref fields (``extra["ris"]``) and written back on export.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import DataError
from ...records import Record, validate_csl
from .. import dates
from ..model import Problem, ReadResult, SourceRecord
from . import tagged
from .tagged import RisEntry

RIS_EXTRA = "ris"

TYPES_TO_CSL = {
    "ABST": "article",
    "ADVS": "motion_picture",
    "AGGR": "dataset",
    "ANCIENT": "classic",
    "ART": "graphic",
    "BILL": "bill",
    "BLOG": "post-weblog",
    "BOOK": "book",
    "CASE": "legal_case",
    "CHAP": "chapter",
    "CHART": "figure",
    "CLSWK": "classic",
    "COMP": "software",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "CTLG": "document",
    "DATA": "dataset",
    "DBASE": "dataset",
    "DICT": "entry-dictionary",
    "EBOOK": "book",
    "ECHAP": "chapter",
    "EDBOOK": "book",
    "EJOUR": "article-journal",
    "ELEC": "webpage",
    "ENCYC": "entry-encyclopedia",
    "EQUA": "figure",
    "FIGURE": "figure",
    "GEN": "document",
    "GOVDOC": "report",
    "GRANT": "document",
    "HEAR": "hearing",
    "ICOMM": "personal_communication",
    "INPR": "article-journal",
    "JFULL": "periodical",
    "JOUR": "article-journal",
    "LEGAL": "regulation",
    "MANSCPT": "manuscript",
    "MAP": "map",
    "MGZN": "article-magazine",
    "MPCT": "motion_picture",
    "MULTI": "document",
    "MUSIC": "musical_score",
    "NEWS": "article-newspaper",
    "PAMP": "pamphlet",
    "PAT": "patent",
    "PCOMM": "personal_communication",
    "RPRT": "report",
    "SER": "periodical",
    "SLIDE": "speech",
    "SOUND": "song",
    "STAND": "standard",
    "STAT": "legislation",
    "THES": "thesis",
    "UNPB": "manuscript",
    "VIDEO": "motion_picture",
    "WEB": "webpage",
}
BOOK_TYPES = {"BOOK", "CHAP", "EBOOK", "ECHAP", "EDBOOK"}
_GENRE_TYPES = {"THES", "RPRT", "GOVDOC", "MAP", "ELEC", "WEB", "COMP"}

# Tag -> CSL variable for plain text, first listed wins where several mean the same.
_PLAIN = [
    ("TI", "title"),
    ("T1", "title"),
    ("T2", "container-title"),
    ("JF", "container-title"),
    ("JO", "container-title"),
    ("JA", "container-title-short"),
    ("J2", "container-title-short"),
    ("T3", "collection-title"),
    ("ST", "title-short"),
    ("VL", "volume"),
    ("IS", "issue"),
    ("PB", "publisher"),
    ("CY", "publisher-place"),
    ("PP", "publisher-place"),
    ("ET", "edition"),
    ("LA", "language"),
    ("NV", "number-of-volumes"),
    ("CN", "call-number"),
    ("DO", "DOI"),
    ("AB", "abstract"),
    ("N2", "abstract"),
]
_NAMES = [("AU", "author"), ("A1", "author"), ("A2", "editor"), ("ED", "editor")]
_NAMES += [("A3", "collection-editor"), ("A4", "translator")]
_RIS_DATE = re.compile(r"(-?\d{1,4})(?:[/-](\d{0,2})(?:[/-](\d{0,2}))?)?(?:/.*)?")


def read(text: str, source: str) -> ReadResult:
    """The records of a RIS text, in file order, and the records it could not read."""
    entries, problems = tagged.parse(text, source)
    if not entries and not problems and text.strip():
        raise tagged.RisError(
            f"{source}: no RIS record (TY  - ... ER  -) found",
            hint="is it another format? try --format",
        )
    result = ReadResult("ris", problems=problems)
    for entry in entries:
        try:
            record = entry_to_record(entry)
            validate_csl(record.csl, where="\x00")
        except DataError as error:
            reason = error.message.removeprefix("\x00: ")
            key = entry.tags.get("ID", [None])[0]
            result.problems.append(Problem(source, entry.line, key, reason))
            continue
        result.records.append(SourceRecord(record, source, entry.line))
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def parse_name(text: str) -> dict[str, str]:
    """RIS's "Family, Given[, Suffix]"; a name without a comma is a literal."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1:
        return {"literal": text.strip()}
    name = {"family": parts[0]}
    if parts[1]:
        name["given"] = parts[1]
    if len(parts) > 2 and parts[2]:
        name["suffix"] = ", ".join(parts[2:])
    return name


def parse_date(text: str) -> dict[str, Any] | None:
    """``2015``, ``2015///``, ``2015/01/15/``, ``2015-01-15`` as a CSL date."""
    match = _RIS_DATE.fullmatch(text.strip())
    if not match:
        return None
    numbers = [int(match.group(1))]
    for group in match.groups()[1:]:
        if not group:
            break
        numbers.append(int(group))
    if not dates.valid_parts(*numbers):
        return None
    return {"date-parts": [numbers]}


def entry_to_record(entry: RisEntry) -> Record:
    tags = entry.tags
    # How many values of each tag the mapping used; the rest stay in extra["ris"].
    taken: dict[str, int] = {"TY": 1, "ID": 1}
    ris_type = (tags.get("TY") or ["GEN"])[0].strip().upper()
    csl: dict[str, Any] = {"type": TYPES_TO_CSL.get(ris_type, "document")}
    for tag, variable in _PLAIN:
        if tag in tags and variable not in csl:
            whole = variable == "abstract"
            csl[variable] = "\n".join(tags[tag]) if whole else tags[tag][0]
            taken[tag] = len(tags[tag]) if whole else 1
    for tag, variable in _NAMES:
        if tag in tags:
            csl.setdefault(variable, []).extend(parse_name(v) for v in tags[tag])
            taken[tag] = len(tags[tag])
    # M3 is the kind of a thesis or report; databases use it for other things elsewhere.
    if "M3" in tags and ris_type in _GENRE_TYPES:
        csl["genre"] = tags["M3"][0]
        taken["M3"] = 1
    if "SN" in tags:
        csl["ISBN" if ris_type in BOOK_TYPES else "ISSN"] = tags["SN"][0]
        taken["SN"] = 1
    if "KW" in tags:
        csl["keyword"] = ", ".join(tags["KW"])
        taken["KW"] = len(tags["KW"])
    if "UR" in tags:
        csl["URL"] = tags["UR"][0]
        taken["UR"] = 1
    if "N1" in tags:
        csl["note"] = "\n".join(tags["N1"])
        taken["N1"] = len(tags["N1"])
    _pages(tags, taken, csl)
    _issued(tags, taken, csl)
    if "Y2" in tags:
        accessed = parse_date(tags["Y2"][0])
        if accessed is not None:
            csl["accessed"] = accessed
            taken["Y2"] = 1
    key = tags["ID"][0].strip() if "ID" in tags else ""
    csl["id"] = key
    own: dict[str, Any] = {"type": ris_type}
    rest = {t: v[taken.get(t, 0) :] for t, v in tags.items() if v[taken.get(t, 0) :]}
    if rest:
        own["tags"] = rest
    return Record(key=key, csl=csl, extra={RIS_EXTRA: own})


def _pages(tags: dict[str, list[str]], taken: dict[str, int], csl: dict[str, Any]) -> None:
    start = tags.get("SP", [""])[0]
    end = tags.get("EP", [""])[0]
    if start:
        taken["SP"] = 1
        csl["page"] = f"{start}-{end}" if end and end != start else start
        if end:
            taken["EP"] = 1
    elif end:
        taken["EP"] = 1
        csl["page"] = end


def _issued(tags: dict[str, list[str]], taken: dict[str, int], csl: dict[str, Any]) -> None:
    candidates = [(t, parse_date(tags[t][0])) for t in ("DA", "PY", "Y1") if t in tags]
    parsed = [(t, d) for t, d in candidates if d is not None]
    if not parsed:
        if candidates:
            tag = candidates[0][0]
            csl["issued"] = {"literal": tags[tag][0].strip()}
            taken[tag] = 1
        return
    best = max(parsed, key=lambda item: len(dates.first_parts(item[1])))
    csl["issued"] = best[1]
    head = dates.first_parts(best[1])
    for tag, date in parsed:
        # A PY of 2015 says no more than a DA of 2015/01/15: both are used.
        if head[: len(dates.first_parts(date))] == dates.first_parts(date):
            taken[tag] = 1
