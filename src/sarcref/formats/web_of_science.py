"""Web of Science exports to CSL records: plain text (``.ciw``, "Other file formats > Plain
text") and tab-delimited (``.txt`` with a header row of field tags).

Plain text: ``FN``/``VR`` header lines, then records from ``PT J`` to ``ER``, a field per
two-letter tag, continued on lines that start with three spaces (one author, address or
cited reference per line; titles and abstracts wrapped), ``EF`` at the end. Tab-delimited:
the same tags as column names, one record per row, lists separated by ``; ``. Both go through
one mapping; fields it leaves unused are kept in ``extra["wos"]`` (tag -> values).
"""

from __future__ import annotations

import csv
import re
from typing import Any

from ..errors import DataError
from . import collect
from .journal_titles import journal_title
from .languages import bcp47
from .model import Problem, ReadResult
from .person_names import from_inverted
from .text_dates import parse_text_date

FORMAT = "wos"
EXTRA = "wos"
DATABASE = "Web of Science"

# Tags whose continuation lines are further values, not wrapped text.
LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "C3", "CR", "RP", "EM"})
# In the tab-delimited form, lists are one cell with "; " between values.
_SPLIT_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR", "EM"})
# Tags the mapping always reads; AU, J9, EI and AR only when AF, JI, SN or BP are missing.
_USED = frozenset(
    """PT DT TI AF CA GP BE SO SE JI PY PD EA VL IS BP EP PG DI PM UT SN BN PU PI CT CL LA AB
    DE ID""".split()
)
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])(?: (.*))?")


class WosError(DataError):
    """A file that holds no Web of Science record."""


def looks_like_wos(head: str) -> bool:
    """Plain text: an ``FN`` header or a first record's ``PT J`` line."""
    for line in head.lstrip("\ufeff \t\r\n").splitlines()[:2]:
        if line.startswith("FN ") or re.match(r"PT [A-Z]\s*$", line):
            return True
    return False


def looks_like_wos_tab(head: str) -> bool:
    """Tab-delimited: a header row of tags that starts with ``PT``."""
    first = head.lstrip("\ufeff \r\n").split("\n", 1)[0]
    tags = set(first.rstrip("\r").split("\t"))
    return first.startswith("PT\t") and {"AU", "TI", "SO"} <= tags


def read(text: str, source: str) -> ReadResult:
    """The records of a Web of Science export (plain text or tab-delimited)."""
    if looks_like_wos_tab(text[:4000]):
        result = ReadResult(FORMAT)
        entries = parse_tab(text, source)
        form = "wos-tab"
    else:
        result = ReadResult(FORMAT)
        entries = parse_tagged(text, source, result.problems)
        form = "wos"
    if not entries and not result.problems and text.strip():
        raise WosError(
            f"{source}: no Web of Science record (PT ... ER) found",
            hint="is it another format? try --format",
        )
    for tags, line in entries:
        label = tags.get("UT", [None])[0]
        csl, extra, warnings = tags_to_csl(tags, form)
        for warning in warnings:
            collect.warn(result, source, line, label, warning)
        collect.add_record(result, csl, extra, source, line, label)
    return result


def parse_tagged(
    text: str, source: str, problems: list[Problem]
) -> list[tuple[dict[str, list[str]], int]]:
    """The records of the plain-text form, each as tag -> values, with its first line."""
    entries: list[tuple[dict[str, list[str]], int]] = []
    tags: dict[str, list[str]] | None = None
    start = 0
    tag = ""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("   ") or line[0] == "\t":
            if tags is not None and tag:
                value = line.strip()
                if tag in LIST_TAGS:
                    tags[tag].append(value)
                else:
                    tags[tag][-1] = f"{tags[tag][-1]} {value}".strip()
            continue
        match = _TAG_LINE.fullmatch(line.rstrip())
        if match is None:
            continue  # not a field: nothing in the format's files looks like this
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "PT":
            if tags is not None:
                reason = f"no ER line before the next record (line {number})"
                problems.append(Problem(source, start, _ut(tags), reason))
            tags, start = {}, number
        if tags is None:
            continue  # FN, VR and EF lines, outside the records
        if tag == "ER":
            entries.append((tags, start))
            tags, tag = None, ""
            continue
        tags.setdefault(tag, []).append(value)
    if tags is not None:
        reason = "the record has no ER line: the file ends inside it (truncated?)"
        problems.append(Problem(source, start, _ut(tags), reason))
    return entries


def parse_tab(text: str, source: str) -> list[tuple[dict[str, list[str]], int]]:
    """The rows of the tab-delimited form, each as tag -> values, with its line."""
    lines = text.lstrip("\ufeff").splitlines()
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader, [])]
    entries = []
    for number, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise WosError(
                f"{source}:{number}: the row has {len(row)} cells, the header {len(header)}",
                hint="a tab inside a field? export the records again",
            )
        tags: dict[str, list[str]] = {}
        for tag, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if not tag or not cell:
                continue
            if tag in _SPLIT_TAGS:
                tags[tag] = [v.strip() for v in cell.split("; ") if v.strip()]
            elif tag == "C1" and cell.startswith("["):
                tags[tag] = [v.strip() for v in re.split(r";\s*(?=\[)", cell) if v.strip()]
            else:
                tags[tag] = [cell]
        entries.append((tags, number))
    return entries


def _ut(tags: dict[str, list[str]]) -> str | None:
    return tags.get("UT", [None])[0]


def tags_to_csl(
    tags: dict[str, list[str]], form: str = FORMAT
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The CSL variables, sarcref fields and warnings of one record (tag -> values)."""
    warnings: list[str] = []

    def one(tag: str) -> str:
        return " ".join(" ".join(tags.get(tag, [])).split())

    document_types = [t.strip() for t in one("DT").split(";") if t.strip()]
    kind = _csl_type(one("PT"), document_types)
    csl: dict[str, Any] = {"type": kind, "id": ""}

    def put(variable: str, value: str) -> None:
        if value:
            csl[variable] = value

    put("title", one("TI"))
    # AF gives full names, AU short ones; "(Lerman, Daniel)" after a name is a variant of it.
    names = tags.get("AF") or tags.get("AU", [])
    people = [from_inverted(re.sub(r"\s*\(.*\)$", "", n)) for n in names]
    used = set(_USED) | ({"AU"} if not tags.get("AF") else set())
    people += [{"literal": n} for n in tags.get("CA", []) + tags.get("GP", [])]
    if people:
        csl["author"] = people
    editors = [from_inverted(n) for n in tags.get("BE", [])]
    if editors:
        csl["editor"] = editors
    put("container-title", journal_title(one("SO")) if one("SO") else "")
    put("collection-title", journal_title(one("SE")) if one("SE") else "")
    put("container-title-short", one("JI") or one("J9"))
    used |= {"J9"} if not one("JI") else set()
    _dates(one("PY"), one("PD"), one("EA"), csl, warnings)
    put("volume", one("VL"))
    put("issue", one("IS"))
    first, last = one("BP"), one("EP")
    put("page", f"{first}-{last}" if first and last and last != first else first or one("AR"))
    used |= {"AR"} if not first else set()
    put("number-of-pages", one("PG"))
    put("DOI", one("DI"))
    put("PMID", one("PM"))
    put("ISSN", one("SN") or one("EI"))
    used |= {"EI"} if not one("SN") else set()
    put("ISBN", one("BN").split(";")[0].strip())
    put("publisher", journal_title(one("PU")) if one("PU").isupper() else one("PU"))
    put("publisher-place", journal_title(one("PI")) if one("PI").isupper() else one("PI"))
    put("event-title", one("CT"))
    put("event-place", one("CL"))
    languages = [name.strip() for name in one("LA").split(";") if name.strip()]
    tags_of = [bcp47(name) for name in languages]
    if languages and tags_of[0]:
        csl["language"] = tags_of[0]
    for name, tag in zip(languages, tags_of, strict=True):
        if tag is None:
            warnings.append(f"language '{name}' is not one sarcref knows; kept in wos fields")
    put("abstract", one("AB"))
    keywords = [k.strip() for k in one("DE").split(";") if k.strip()]
    # Keywords Plus are written in capitals: lower case reads as the words they are.
    keywords += [k.strip().lower() if k.isupper() else k.strip() for k in one("ID").split(";")]
    keywords = list(dict.fromkeys(k for k in keywords if k))
    if keywords:
        csl["keyword"] = ", ".join(keywords)
    source = {"database": DATABASE, "format": form}
    if one("UT"):
        source["accession"] = one("UT")
    extra: dict[str, Any] = {"source": source}
    if document_types:
        extra["publication-types"] = document_types
    if len(languages) > 1:
        extra["languages"] = [tag or name for tag, name in zip(tags_of, languages, strict=True)]
    rest = {t: v for t, v in tags.items() if t not in used and v}
    if None in tags_of:
        rest["LA"] = tags["LA"]
    if rest:
        extra[EXTRA] = rest
    return csl, extra, warnings


def _csl_type(publication_type: str, document_types: list[str]) -> str:
    lowered = {t.casefold() for t in document_types}
    if "proceedings paper" in lowered:
        return "paper-conference"
    if "book chapter" in lowered:
        return "chapter"
    if "book" in lowered or publication_type == "B":
        return "book" if not lowered - {"book"} else "chapter"
    if publication_type == "P":
        return "patent"
    if publication_type == "S":
        return "chapter"
    return "article-journal"


def _dates(year: str, day: str, early: str, csl: dict[str, Any], warnings: list[str]) -> None:
    text = day if re.search(r"\b\d{4}\b", day) else f"{day} {year}".strip()
    date = parse_text_date(text) if text else None
    if date is None and year:
        date = parse_text_date(year)
        if day:
            warnings.append(f"publication date '{day}' not understood; the year is kept")
    if date is not None:
        csl["issued"] = date
    available = parse_text_date(early) if early else None
    if available is not None:
        csl["available-date"] = available
        csl.setdefault("issued", available)
