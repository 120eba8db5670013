"""MEDLINE / PubMed tagged text (PubMed's "PubMed" format, ``.nbib``, efetch
``rettype=medline``) to CSL records.

A record is a run of lines ``TAG - value`` (the tag left-justified in four columns), a value
going on over lines that start with spaces; a blank line (or the next ``PMID-``) ends it.
The fields are NLM's "MEDLINE/PubMed Data Element (Field) Descriptions"; their mapping to
CSL is ``pubmed_citation``'s, shared with the PubMed XML reader. Fields that mapping leaves
unused are kept in the record's sarcref fields (``extra["medline"]``, tag -> values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DataError
from . import collect
from .model import ReadResult
from .person_names import from_initials, from_inverted, orcid
from .pubmed_citation import Author, Citation, to_csl

FORMAT = "medline"
EXTRA = "medline"

# "TI  - value"; sloppy copies have "TI - value" or "TI- value".
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_QUALIFIED = re.compile(r"(.*?)\s*\[([a-z-]+)\]\s*$")
_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]")
# Tags the mapping reads; every other tag is kept in extra["medline"].
_USED = frozenset(
    """PMID TI BTI CTI TT AB CI FAU AU CN AD AUID FED ED JT TA IS ISBN VI IP PG DP DEP LA PT
    MH OT KW PMC PB EN""".split()
)


class MedlineError(DataError):
    """A file that holds no MEDLINE record at all."""


@dataclass
class MedlineEntry:
    """One record: its fields in file order, each value with its continuation lines joined."""

    fields: list[tuple[str, str]]
    line: int

    def first(self, tag: str) -> str:
        return next((v for t, v in self.fields if t == tag), "")


def looks_like_medline(head: str) -> bool:
    """True when the text's first field is ``PMID-`` (PubMed) or ``OWN -`` (ERIC)."""
    for line in head.lstrip("\ufeff \t\r\n").splitlines()[:3]:
        if re.match(r"(?:PMID|OWN ) {0,2}- ", line):
            return True
    return False


def parse(text: str, source: str, result: ReadResult) -> list[MedlineEntry]:
    """The records of a MEDLINE text; lines that belong to none become warnings."""
    entries: list[MedlineEntry] = []
    fields: list[tuple[str, list[str]]] = []
    start = 0

    def close() -> None:
        if fields:
            joined = [(tag, " ".join(pieces)) for tag, pieces in fields]
            entries.append(MedlineEntry(joined, start))
            fields.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.isspace():
            close()
            continue
        if line[0] in " \t":
            if fields:
                fields[-1][1].append(line.strip())
            else:
                collect.warn(result, source, number, None, "a continued line outside a record")
            continue
        tag = line[:4].rstrip()
        if line[4:6] == "- " and tag.isalnum() and tag.isupper():
            value = line[6:]
        else:
            match = _TAG_LINE.fullmatch(line.rstrip())
            if match is None:
                if fields:
                    fields[-1][1].append(line.strip())
                    reason = f"line {number} has no MEDLINE tag; read as part of the field before"
                    collect.warn(result, source, number, None, reason)
                else:
                    collect.warn(result, source, number, None, "a line outside any record")
                continue
            tag, value = match.groups()
        if tag == "PMID" and fields:
            close()  # records not separated by a blank line
        if not fields:
            start = number
        fields.append((tag, [value.strip()]))
    close()
    return entries


def read(text: str, source: str) -> ReadResult:
    """The records of a MEDLINE text, in file order, and the records it could not read."""
    result = ReadResult(FORMAT)
    entries = parse(text, source, result)
    if not entries and text.strip():
        raise MedlineError(
            f"{source}: no MEDLINE record (PMID- ...) found",
            hint="is it another format? try --format",
        )
    for entry in entries:
        pmid = entry.first("PMID")
        label = f"PMID {pmid}" if pmid else None
        citation, rest = entry_to_citation(entry)
        csl, extra = to_csl(citation)
        if rest:
            extra[EXTRA] = rest
        for warning in citation.warnings:
            collect.warn(result, source, entry.line, label, warning)
        collect.add_record(result, csl, extra, source, entry.line, label)
    return result


def entry_to_citation(entry: MedlineEntry) -> tuple[Citation, dict[str, list[str]]]:
    """The record's citation, and the fields it leaves unused (tag -> values)."""
    citation = Citation(FORMAT)
    rest: dict[str, list[str]] = {}
    book = any(tag == "BTI" for tag, _ in entry.fields)
    # FAU comes first and AU repeats it short; AU alone (records before 2002) is the name.
    authors_from_full = False
    editors_from_full = False
    for tag, value in entry.fields:
        if tag not in _USED and not (tag == "PL" and book):
            if tag in ("AID", "LID") and _identifier(value, "doi"):
                citation.doi = citation.doi or _identifier(value, "doi")
                continue
            if tag == "OWN" and value == "ERIC":
                citation.database = "ERIC"
            rest.setdefault(tag, []).append(value)
            continue
        if tag == "FAU":
            citation.authors.append(Author(from_inverted(value)))
            authors_from_full = True
        elif tag == "AU":
            if not authors_from_full:
                citation.authors.append(Author(from_initials(value)))
            authors_from_full = False
        elif tag == "CN":
            citation.authors.append(Author({"literal": value}))
            authors_from_full = False
        elif tag == "AD" and citation.authors:
            citation.authors[-1].affiliations.append(value)
        elif tag == "AUID" and citation.authors:
            citation.authors[-1].orcid = orcid(value) or citation.authors[-1].orcid
        elif tag == "FED":
            citation.editors.append(from_inverted(value))
            editors_from_full = True
        elif tag == "ED":
            if not editors_from_full:
                citation.editors.append(from_initials(value))
            editors_from_full = False
        elif tag == "IS":
            _issn(citation, value)
        else:
            _plain(citation, tag, value)
    return citation, rest


# MEDLINE tags that set one attribute of the citation, and those that add to a list.
_SINGLE = {
    "PMID": "pmid",
    "TI": "title",
    "BTI": "book_title",
    "CTI": "collection_title",
    "TT": "vernacular_title",
    "CI": "copyright",
    "JT": "journal",
    "TA": "journal_abbreviation",
    "VI": "volume",
    "IP": "issue",
    "PG": "pages",
    "DP": "published",
    "DEP": "electronic",
    "PMC": "pmcid",
    "PB": "publisher",
    "PL": "place",
    "EN": "edition",
}
_LISTS = {
    "ISBN": "isbn",
    "LA": "languages",
    "PT": "publication_types",
    "MH": "mesh",
    "OT": "keywords",
    "KW": "keywords",
}


def _plain(citation: Citation, tag: str, value: str) -> None:
    if tag == "AB":  # an abstract may come in several AB fields: one text
        citation.abstract = f"{citation.abstract} {value}".strip()
    elif tag in _SINGLE:
        setattr(citation, _SINGLE[tag], value)
    elif tag in _LISTS:
        getattr(citation, _LISTS[tag]).append(value)


def _identifier(value: str, kind: str) -> str:
    """The identifier in ``10.1097/MOP.0000000000000172 [doi]`` when its kind is *kind*."""
    match = _QUALIFIED.fullmatch(value)
    return match.group(1) if match and match.group(2) == kind else ""


def _issn(citation: Citation, value: str) -> None:
    """``1531-698X (Electronic)``, ``(Print)``, ``(Linking)``; a book's ISBN goes to isbn."""
    match = _ISSN.match(value.strip())
    if match is None or len(re.sub(r"\W", "", value.split("(")[0])) > 8:
        citation.isbn.append(value.split("(")[0].strip())
        return
    number = match.group().upper()
    if "-" not in number:
        number = f"{number[:4]}-{number[4:]}"
    kind = "print"
    for word in ("electronic", "linking", "print"):
        if word in value.lower():
            kind = word
            break
    citation.issn.setdefault(kind, number)
