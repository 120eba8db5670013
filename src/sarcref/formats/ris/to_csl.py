"""RIS records to CSL records, as Zotero's RIS translator reads them.

Each tag means what ``mapping`` says for the record's kind. Tags without a CSL variable,
values a variable already had, and the RIS type are kept in the record's sarcref fields
(``extra["ris"]``) and written back on export: nothing a file held is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import DataError
from ...identifiers import find_doi
from ...records import DATE_VARIABLES, Record, validate_csl
from .. import dates as csl_dates
from ..gc_pause import gc_paused
from ..model import Problem, ReadResult, SourceRecord
from . import mapping, names, tagged
from .dates import parse_date, year_of
from .tagged import RisEntry

RIS_EXTRA = "ris"

_JOURNAL_KINDS = frozenset({"journalArticle", "magazineArticle", "newspaperArticle"})
# Web of Science's publication types, for records that have PT and no TY.
_WOS_TYPES = {"J": "JOUR", "B": "BOOK", "S": "SER", "C": "CONF", "P": "PAT"}
_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_LINK_TAGS = ("UR", "L1", "L2", "L3", "L4")
# Scopus: "20411723 (ISSN)"; Ovid: "1878-0849 (Electronic)".
_NUMBER_NOTE = re.compile(r"\s*\((?:ISSN|ISBN|Print|Electronic|Linking)\)$", re.IGNORECASE)
_ISSN = re.compile(r"\d{7}[\dXx]")
_ISBN = re.compile(r"\d{9}[\dXx]|97[89]\d{10}")
# What EndNote puts in M1 of a journal article when it means the issue: short, with a digit.
_ISSUE_LIKE = re.compile(r"(?=.*\d)[\w.\-/ ()]{1,20}")
_KEYWORD_BREAKS = re.compile(r"\s*(?:[\r\n;]\s*)+")
_UNEVEN_BREAK = re.compile(r"\s\n|\n\s")
_COMMAS = re.compile(r"(?:\s*,\s*)+")
# EPPI-Reviewer's ST is a label, "Brownstein (2024)", not a short title.
_LABEL = re.compile(r"(.+?)(?: et al\.?)? \((\d{4})[a-z]?\)")


def read(text: str, source: str) -> ReadResult:
    """The records of a RIS text, in file order, the records refused and the guesses."""
    with gc_paused():
        return _read(text, source)


def _read(text: str, source: str) -> ReadResult:
    parsed = tagged.ParsedRis()
    result = ReadResult("ris")
    notes = []
    for entry in tagged.entries(text, source, parsed):
        key = entry.first("ID") or None
        try:
            record, warnings = entry_to_record(entry)
            validate_csl(record.csl, where="\x00")
        except DataError as error:
            reason = error.message.removeprefix("\x00: ")
            result.problems.append(Problem(source, entry.line, key, reason))
            continue
        result.records.append(SourceRecord(record, source, entry.line))
        notes += [Problem(source, entry.line, key, warning) for warning in warnings]
    if not result.records and not result.problems and not parsed.problems and text.strip():
        raise tagged.RisError(
            f"{source}: no RIS record (TY  - ... ER  -) found",
            hint="is it another format? try --format",
        )
    result.problems = sorted(result.problems + parsed.problems, key=lambda p: p.line or 0)
    result.warnings = sorted(parsed.warnings + notes, key=lambda p: p.line or 0)
    return result


def standard_number(value: str) -> str | None:
    """``ISSN`` or ``ISBN`` when *value* has the shape of one (8, or 10 or 13, digits).

    SN holds either; Zotero decides by the type, which puts a conference's ISSN (as Scopus
    writes it) in its ISBN. The shape decides first here, the type only when it cannot.
    """
    digits = value.replace("-", "").replace(" ", "")
    if _ISSN.fullmatch(digits):
        return "ISSN"
    if _ISBN.fullmatch(digits):
        return "ISBN"
    return None


def entry_to_record(entry: RisEntry) -> tuple[Record, list[str]]:
    """The CSL record of one RIS record, and what was read with a guess or left out."""
    return _Builder(entry).build()


class _Builder:
    def __init__(self, entry: RisEntry) -> None:
        self.entry = entry
        self.warnings: list[str] = []
        self.written_ty = self._ris_type()
        self.ty = (
            self.written_ty if self.written_ty in mapping.RIS_TYPES else mapping.DEFAULT_RIS_TYPE
        )
        self.kind, csl_type = mapping.RIS_TYPES[self.ty]
        self.csl: dict[str, Any] = {"type": csl_type}
        self.keywords: list[str] = []
        self.texts: dict[str, list[str]] = {}  # notes and annotations, one a line
        self.kept: dict[str, list[str]] = {}
        self.start_page: str | None = None
        self.end_pages: list[str] = []
        self.years: list[str] = []
        self.year = next(
            (y for y in map(year_of, entry.values("PY") + entry.values("Y1")) if y), None
        )
        self.skipped_t2 = self._t2_is_not_the_container()

    def _ris_type(self) -> str:
        written = self.entry.first("TY")
        if written is None:
            wos = _WOS_TYPES.get((self.entry.first("PT") or "").strip().upper())
            if wos:
                return wos
            self.warnings.append("no TY line: read as a journal article (JOUR)")
            return mapping.DEFAULT_RIS_TYPE
        ty = written.strip().upper()
        if ty not in mapping.RIS_TYPES:
            self.warnings.append(f"unknown RIS type '{written}': read as a journal article")
        return ty

    def _t2_is_not_the_container(self) -> bool:
        """Whether T2 is another title (a translation, in EBSCO's records) and not the
        journal: the full journal name JF, or EBSCO's JO, is there and differs."""
        if self.kind not in _JOURNAL_KINDS or not self.entry.first("T2"):
            return False
        if self.entry.first("JF"):
            return True
        from_ebsco = any("EBSCO" in v.upper() for v in self.entry.values("DP")) or any(
            "ebscohost" in v for v in self.entry.values("UR")
        )
        return from_ebsco and bool(self.entry.first("JO"))

    # -- reading ---------------------------------------------------------------------------

    def build(self) -> tuple[Record, list[str]]:
        pairs = self.entry.pairs
        ids = [v for t, v in pairs if t == "ID" and v.strip()]
        for deferred in (False, True):
            for tag, value in pairs:
                if (tag in mapping.DEFERRED) != deferred or tag == "ID":
                    continue
                value = value.strip()
                if value:
                    self._keep(tag, self._apply(tag, value))
        self._complete()
        key = ids[0].strip() if ids else ""
        # A number is a database's record number, not a key: it is kept as a field.
        kept_ids = ids[1:] if key and not key.isdigit() else ids
        if kept_ids:
            self.kept = {"ID": kept_ids, **self.kept}
        self.csl["id"] = key
        own: dict[str, Any] = {"type": self.written_ty}
        if self.kept:
            own["tags"] = self.kept
        return Record(key=key, csl=self.csl, extra={RIS_EXTRA: own}), self.warnings

    def _keep(self, tag: str, values: list[str]) -> None:
        if values:
            self.kept.setdefault(tag, []).extend(values)

    def _apply(self, tag: str, value: str) -> list[str]:
        """Put one value in the record; the values left for the RIS fields."""
        if tag == "TY":
            return []  # the first is the type; the parser ends the record at a second
        if tag == "EP":
            self.end_pages.append(value)
            return []
        if tag == "PY":
            self.years.append(value)
            return []
        if tag == "UR":
            return self._url(value)
        if tag == "C3" and re.fullmatch(r"PUBMED\s+\d+", value):
            return self._text("PMID", value.split()[1])  # Cochrane
        if tag == "C5" and value.isdigit() and self._from_embase():
            return self._text("PMID", value)
        if tag == "T2" and self.skipped_t2:
            return [value]
        if tag == "AU" and self.ty == "EDBOOK":
            return self._name("@editor", value, tag)
        variable = mapping.target(self.kind, tag)
        if variable is None:
            return [value]
        if variable.startswith("@"):
            return self._name(variable, value, tag)
        if variable in DATE_VARIABLES:
            return self._date(variable, value)
        return self._variable(tag, variable, value)

    def _variable(self, tag: str, variable: str, value: str) -> list[str]:
        if variable == "keyword":
            # Several keywords a value, a line each or between semicolons (Zotero).
            if ";" in value or "\n\n" in value or _UNEVEN_BREAK.search(value):
                value = _KEYWORD_BREAKS.sub(", ", value)
            else:  # the common case: str.replace keeps no string per keyword meanwhile
                value = value.replace("\n", ", ")
            self.keywords.append(value.strip(", "))
            return []
        if variable in ("annote", "note"):
            self.texts.setdefault(variable, []).append(value)
            return []
        if variable == "DOI":
            doi = find_doi(value)
            return self._text("DOI", doi) if doi else [value]
        if variable == "PMID":
            if value.upper().startswith("PMC"):
                return self._text("PMCID", value)
            return self._text("PMID", value) if value.isdigit() else [value]
        if variable in ("ISSN", "ISBN"):
            value = _NUMBER_NOTE.sub("", value)
            return self._text(standard_number(value) or variable, value)
        if variable == "issue" and tag == "M1" and not _ISSUE_LIKE.fullmatch(value):
            return [value]
        if variable == "page" and tag == "SP":
            if self.start_page is not None:
                return [value]
            self.start_page = value
            return []
        return self._text(variable, value)

    def _text(self, variable: str, value: str) -> list[str]:
        if variable not in self.csl:
            self.csl[variable] = value
            return []
        return [] if self.csl[variable] == value else [value]

    def _name(self, role: str, value: str, tag: str) -> list[str]:
        name = names.parse_name(value)
        if name is None:
            self.warnings.append(f"{tag} '{value}' is not one name: kept in the RIS fields")
            return [value]
        self.csl.setdefault(role[1:], []).append(name)
        return []

    def _date(self, variable: str, value: str) -> list[str]:
        date, whole = parse_date(value, self.year)
        if date is None:
            date, whole = {"literal": value}, True
        if variable not in self.csl:
            self.csl[variable] = date
            return [] if whole else [value]
        return [] if self.csl[variable] == date and whole else [value]

    def _url(self, value: str) -> list[str]:
        if value.startswith("PM:"):  # Reference Manager's PubMed IDs
            return self._text("PMID", value[3:].strip())
        # RefWorks and EPPI-Reviewer put several links in one UR, between spaces.
        links = value.split() if " " in value and value.startswith("http") else [value]
        if not all(link.startswith(("http:", "https:", "ftp:")) for link in links):
            links = [value]
        left = []
        for link in links:
            left += self._text("URL", link)
        return left

    def _from_embase(self) -> bool:
        return any("embase" in v.lower() for v in self.entry.values("DB"))

    def _is_a_label(self, value: str) -> bool:
        match = _LABEL.fullmatch(value)
        if not match:
            return False
        authors = self.csl.get("author") or []
        first = authors[0] if authors else {}
        family = str(first.get("family") or first.get("literal") or "")
        return bool(family) and match.group(1).strip() == family

    # -- what is decided once every tag is read -------------------------------------------

    def _complete(self) -> None:
        # EndNote repeats the title as a note.
        annotes = [a for a in self.texts.get("annote", []) if a != self.csl.get("title")]
        for variable, lines in (("annote", annotes), ("note", self.texts.get("note", []))):
            if lines:
                self.csl[variable] = "\n".join(lines)
        self._pages()
        self._year()
        if "DOI" not in self.csl:
            self._doi_from_links()
        if self.kind == "journalArticle" and "container-title" not in self.csl:
            # Nature and Cochrane give the abbreviation only.
            short = self.csl.get("container-title-short")
            if short:
                self.csl["container-title"] = short
        if self._is_a_label(str(self.csl.get("title-short") or "")):
            self.kept.setdefault("ST", []).insert(0, self.csl.pop("title-short"))
        if "title" not in self.csl and "title-short" in self.csl:
            self.csl["title"] = self.csl["title-short"]  # EndNote exports without TI
        keywords = [k for k in self.keywords if k]
        if len(keywords) == 1 and keywords == self.entry.values("KW"):
            # One keyword line and no line breaks or semicolons: commas part the keywords.
            keywords = [_COMMAS.sub(", ", keywords[0]).strip(", ")]
        if keywords:
            self.csl["keyword"] = ", ".join(keywords)

    def _pages(self) -> None:
        start, ends = self.start_page, self.end_pages
        if start is None:
            if ends and mapping.target(self.kind, "SP") == "page":
                self._text("page", ends[0])
                ends = ends[1:]
        elif not ends or ends[0] == start:
            self.csl["page"] = start
            ends = ends[1:]
        elif "-" in start:
            self.csl["page"] = start
            if start.rsplit("-", 1)[1].strip() == ends[0]:
                ends = ends[1:]
        else:
            self.csl["page"] = f"{start}-{ends[0]}"
            ends = ends[1:]
        self._keep("EP", ends)

    def _year(self) -> None:
        """PY is the year of DA: it fills a date DA lacks, or is kept if it differs."""
        for value in self.years:
            issued = self.csl.get("issued")
            if issued is None:
                self._keep("PY", self._date("issued", value))
                continue
            year = year_of(value)
            known = csl_dates.first_parts(issued)
            literal = str(issued.get("literal") or "")
            same = year is not None and (
                (known and known[0] == year) or (not known and str(year) in literal)
            )
            if not same:
                self._keep("PY", [value])

    def _doi_from_links(self) -> None:
        for tag in _LINK_TAGS:
            for whole in self.entry.values(tag):
                value = whole.strip()
                if tag == "L3" and find_doi(value) and not value.startswith("http"):
                    self.csl["DOI"] = find_doi(value)  # EBSCO puts the DOI in L3
                    kept = self.kept.get("L3", [])
                    if value in kept:
                        kept.remove(value)
                        if not kept:
                            del self.kept["L3"]
                    return
                for link in value.split():
                    if _DOI_LINK.match(link) and find_doi(link):
                        self.csl["DOI"] = find_doi(link)
                        return
