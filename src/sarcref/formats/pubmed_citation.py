"""What a PubMed record says about a work, and its CSL record: shared by the MEDLINE text and
PubMed XML readers, so that one article read from either export gives the same record.

The mapping (NLM's element names in brackets, MEDLINE tags after them):

- PMID, PMCID, DOI (``AID``/``LID`` ``[doi]``, ``ArticleIdList``) to ``PMID``, ``PMCID``,
  ``DOI``; the title (``TI``, ``ArticleTitle``) without its closing period; the book of a
  chapter (``BTI``, ``BookTitle``) to ``container-title``.
- Authors (``FAU``, or ``AU`` in records before 2002; ``CN`` corporate authors as literals,
  in file order), editors (``FED``/``ED``); each author's ORCID (``AUID``) and affiliations
  (``AD``) in the record's sarcref fields (``author-details``, one entry per author).
- The journal's full title (``JT``) in title case and its abbreviation (``TA``,
  ``ISOAbbreviation``) to ``container-title`` and ``container-title-short``; volume, issue,
  pages (``6913-7`` written out as ``6913-6917``); the print ISSN (else the electronic one).
- Publication date (``DP``) to ``issued``, electronic publication (``DEP``, ``ArticleDate``)
  to ``available-date``; language (``LA``) as BCP 47.
- Publication types (``PT``) choose the CSL type and are kept as ``publication-types``: CSL
  ``genre`` would print "[Journal Article]" after the title in APA and Vancouver.
- MeSH headings (``MH``) and author keywords (``OT``) to ``keyword``; the headings as written
  (``Sarcoma/*secondary``) in ``mesh``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .journal_titles import journal_title
from .languages import bcp47
from .text_dates import parse_text_date

PUBLICATION_TYPES = {
    "preprint": "article",
    "newspaper article": "article-newspaper",
    "dataset": "dataset",
    "video-audio media": "motion_picture",
    "technical report": "report",
    "legal case": "legal_case",
    "legislation": "legislation",
    "dissertations/theses": "thesis",
    "book": "book",
    "books": "book",
}

_TRAILING_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:et al|etc|vs|spp|sp|ed|eds)\.$")
_PAGE_RANGE = re.compile(r"(\d+)-(\d+)")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_ONLY_INITIALS = re.compile(r"(?:[A-Z]\.[ -]?)+")


@dataclass
class Author:
    name: dict[str, str]
    orcid: str | None = None
    affiliations: list[str] = field(default_factory=list)

    def details(self) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        if self.orcid:
            shown["orcid"] = self.orcid
        if self.affiliations:
            shown["affiliations"] = list(self.affiliations)
        return shown


@dataclass
class Citation:
    """One PubMed record, as the readers find it (text values, as the file writes them)."""

    format: str
    database: str = "PubMed"
    pmid: str = ""
    pmcid: str = ""
    doi: str = ""
    title: str = ""
    vernacular_title: str = ""
    authors: list[Author] = field(default_factory=list)
    editors: list[dict[str, str]] = field(default_factory=list)
    journal: str = ""
    journal_abbreviation: str = ""
    issn: dict[str, str] = field(default_factory=dict)  # "print", "electronic", "linking"
    isbn: list[str] = field(default_factory=list)
    volume: str = ""
    issue: str = ""
    pages: str = ""
    published: str = ""
    electronic: str = ""
    languages: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    abstract: str = ""
    copyright: str = ""
    book_title: str = ""
    collection_title: str = ""
    publisher: str = ""
    place: str = ""
    edition: str = ""
    warnings: list[str] = field(default_factory=list)


def clean_title(title: str) -> str:
    """A title without the period NLM closes every title with (``et al.``, ``U.S.`` keep it)."""
    title = " ".join(title.split())
    if (
        title.endswith(".")
        and not title.endswith("..")
        and not _TRAILING_ABBREVIATION.search(title)
    ):
        return title[:-1]
    return title


def expand_pages(pages: str) -> str:
    """``6913-7`` as ``6913-6917``: NLM drops the digits the last page shares with the first."""

    def full(match: re.Match[str]) -> str:
        first, last = match.groups()
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        return f"{first}-{last}"

    return _PAGE_RANGE.sub(full, pages.strip())


def csl_type(citation: Citation) -> str:
    if citation.book_title:
        return "chapter" if citation.title else "book"
    for kind in citation.publication_types:
        mapped = PUBLICATION_TYPES.get(kind.casefold())
        if mapped:
            return mapped
    return "article-journal"


def to_csl(citation: Citation) -> tuple[dict[str, Any], dict[str, Any]]:
    """The CSL variables and the sarcref fields of a PubMed record (its key left empty)."""
    kind = csl_type(citation)
    csl: dict[str, Any] = {"type": kind, "id": ""}

    def put(variable: str, value: str) -> None:
        value = " ".join(value.split())
        if value:
            csl[variable] = value

    if kind == "book":
        put("title", clean_title(citation.book_title))
    else:
        put("title", clean_title(citation.title))
        put("container-title", clean_title(citation.book_title))
    people = [capitalised(a.name) for a in citation.authors]
    if people:
        csl["author"] = people
    if citation.editors:
        csl["editor"] = [capitalised(name) for name in citation.editors]
    if not citation.book_title:
        put("container-title", journal_title(citation.journal) if citation.journal else "")
        put("container-title-short", citation.journal_abbreviation)
    put("collection-title", citation.collection_title)
    put("volume", citation.volume)
    put("issue", citation.issue)
    put("page", expand_pages(citation.pages))
    put("edition", citation.edition)
    put("publisher", citation.publisher)
    if kind in ("book", "chapter", "report"):
        put("publisher-place", citation.place)
    _dates(citation, csl)
    put("PMID", citation.pmid)
    put("PMCID", citation.pmcid)
    put("DOI", citation.doi)
    issn = citation.issn
    # The linking ISSN (ISSN-L) is the print one when there is one: it ranks above electronic.
    put("ISSN", issn.get("print") or issn.get("linking") or issn.get("electronic") or "")
    if citation.isbn:
        put("ISBN", citation.isbn[0])
    languages = [bcp47(code) for code in citation.languages]
    if languages and languages[0]:
        csl["language"] = languages[0]
    for code, tag in zip(citation.languages, languages, strict=True):
        if tag is None:
            citation.warnings.append(f"language '{code}' is not a code sarcref knows; left out")
    put("abstract", citation.abstract)
    keywords = _unique([heading_descriptor(h) for h in citation.mesh] + citation.keywords)
    if keywords:
        csl["keyword"] = ", ".join(keywords)
    return csl, _extra(citation, languages)


def _dates(citation: Citation, csl: dict[str, Any]) -> None:
    published = parse_text_date(citation.published) if citation.published else None
    electronic = parse_text_date(citation.electronic) if citation.electronic else None
    if published is not None:
        csl["issued"] = published
    elif citation.published.strip():
        csl["issued"] = {"literal": " ".join(citation.published.split())}
        citation.warnings.append(f"publication date '{citation.published}' kept as text")
    elif electronic is not None:
        csl["issued"] = electronic
    if electronic is not None:
        csl["available-date"] = electronic


def _extra(citation: Citation, languages: list[str | None]) -> dict[str, Any]:
    source = {"database": citation.database, "format": citation.format}
    if citation.pmid:
        source["accession"] = citation.pmid
    extra: dict[str, Any] = {"source": source}
    if citation.publication_types:
        extra["publication-types"] = list(citation.publication_types)
    if citation.mesh:
        extra["mesh"] = list(citation.mesh)
    details = [a.details() for a in citation.authors]
    if any(details):
        extra["author-details"] = details
    if len(citation.issn) > 1:
        extra["issn"] = dict(citation.issn)
    if len(citation.isbn) > 1:
        extra["isbn"] = list(citation.isbn)
    if len(citation.languages) > 1:
        pairs = zip(languages, citation.languages, strict=True)
        extra["languages"] = [tag or code for tag, code in pairs]
    if citation.vernacular_title:
        extra["vernacular-title"] = clean_title(citation.vernacular_title)
    if citation.copyright:
        extra["copyright"] = citation.copyright
    return extra


def capitalised(name: dict[str, str]) -> dict[str, str]:
    """A name NLM wrote in capitals (``WATSON JD`` in records of the 1950s) in mixed case."""
    family = name.get("family", "")
    if len(family) < 2 or not family.isupper():
        return name
    shown = dict(name)
    shown["family"] = _NAME_WORD.sub(lambda m: m.group().capitalize(), family)
    given = name.get("given", "")
    if given.isupper() and not _ONLY_INITIALS.fullmatch(given):
        shown["given"] = _NAME_WORD.sub(lambda m: m.group().capitalize(), given)
    return shown


def heading_descriptor(heading: str) -> str:
    """The descriptor of a MeSH heading as MEDLINE writes it (``*Sarcoma/secondary``)."""
    return heading.split("/")[0].lstrip("*").strip()


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out
