"""CSL-JSON as the DOI registration agencies send it, made into clean CSL-JSON.

Crossref's CSL is close to CSL but not quite: ``title``, ``container-title`` and friends may
be lists, titles and abstracts carry HTML/JATS markup, dates may be ``[[null]]``, names carry
affiliations and ORCIDs, and some twenty Crossref fields (``indexed``, ``link``, ``license``,
...) are not CSL variables at all. DataCite and mEDRA have quirks of their own. Only CSL
variables are kept, each in the shape CSL-JSON gives it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..records import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES
from .markup import fix_mojibake, rich_text
from .names import clean_name

# CSL 1.0.2's standard (text and number) variables.
TEXT_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-key citation-label collection-number collection-title
    container-title container-title-short dimensions division DOI edition event-title
    event-place genre ISBN ISSN issue jurisdiction keyword language license medium note number
    number-of-pages number-of-volumes original-publisher original-publisher-place
    original-title page page-first part-number part-title PMCID PMID printing-number publisher
    publisher-place references reviewed-genre reviewed-title scale section source status
    supplement-number title title-short URL version volume volume-title
    volume-title-short""".split()
)
RICH_VARIABLES = frozenset({"title", "container-title", "original-title", "title-short"})

# Types some agencies send that CSL does not have, as Zotero's Crossref translator maps them.
TYPE_MAP = {
    "journal-article": "article-journal",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book-track": "book",
    "book-series": "book",
    "book-set": "book",
    "edited-book": "book",
    "monograph": "book",
    "reference-book": "book",
    "reference-entry": "entry",
    "proceedings-article": "paper-conference",
    "proceedings": "book",
    "proceedings-series": "book",
    "posted-content": "article",
    "preprint": "article",
    "dissertation": "thesis",
    "report-component": "report",
    "report-series": "report",
    "peer-review": "review",
    "database": "dataset",
    "component": "article",
    "text": "article",
    "other": "document",
}
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)


def clean_csl(item: Mapping[str, Any], *, doi: str | None = None) -> dict[str, Any]:
    """The CSL variables of *item*, cleaned; *doi* (as the user wrote it) replaces a DOI that
    differs only in case, and drops a ``URL`` that merely links to the DOI."""
    csl: dict[str, Any] = {"type": csl_type(item.get("type"))}
    title = _first_text(item.get("title"))
    subtitle = _first_text(item.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title.rstrip()}{'' if title.rstrip().endswith(':') else ':'} {subtitle}"
    if title:
        csl["title"] = rich_text(title)
    for variable, value in item.items():
        if variable in ("type", "title", "subtitle", "id"):
            continue
        if variable in NAME_VARIABLES:
            names = _names(value)
            if names:
                csl[variable] = names
        elif variable in DATE_VARIABLES:
            date = clean_date(value)
            if date:
                csl[variable] = date
        elif variable in TEXT_VARIABLES:
            text = _text(variable, value)
            if text:
                csl[variable] = text
    _aliases(item, csl)
    print_date = clean_date(item.get("published-print"))
    if print_date:  # the printed issue's date matches its volume (as Zotero prefers it)
        csl["issued"] = print_date
    if doi is not None:
        given = str(csl.get("DOI", ""))
        if not given or given.lower() == doi.lower():
            csl["DOI"] = doi
    url = str(csl.get("URL", ""))
    if url and csl.get("DOI") and _DOI_URL.sub("", url).lower() == str(csl["DOI"]).lower():
        del csl["URL"]  # styles print the DOI already; the same link twice is noise
    return csl


def csl_type(value: Any) -> str:
    text = str(value or "").strip()
    if text in CSL_TYPES:
        return text
    return TYPE_MAP.get(text.lower(), "document" if text else "article-journal")


def clean_date(value: Any) -> dict[str, Any] | None:
    """A CSL date with whole-number date-parts (``[[null]]`` and friends dropped)."""
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list):
        cleaned = []
        for part in parts[:2]:
            if not isinstance(part, list):
                continue
            numbers = []
            for number in part[:3]:
                try:
                    numbers.append(int(number))
                except (TypeError, ValueError):
                    break
            if numbers:
                cleaned.append(numbers)
        if cleaned:
            return {"date-parts": cleaned}
    for text_key in ("literal", "raw"):
        text = value.get(text_key)
        if isinstance(text, str) and text.strip():
            return {text_key: text.strip()}
    return None


def _aliases(item: Mapping[str, Any], csl: dict[str, Any]) -> None:
    """Crossref's names for CSL variables."""
    aliases = {
        "short-container-title": "container-title-short",
        "short-title": "title-short",
        "publisher-location": "publisher-place",
        "article-number": "number",
        "edition-number": "edition",
    }
    for crossref_name, variable in aliases.items():
        if variable not in csl:
            text = _first_text(item.get(crossref_name))
            if text:
                csl[variable] = rich_text(text)
    if csl.get("container-title-short") == csl.get("container-title"):
        csl.pop("container-title-short", None)
    event = item.get("event")
    if isinstance(event, Mapping):
        if event.get("name") and "event-title" not in csl:
            csl["event-title"] = rich_text(str(event["name"]))
        if event.get("location") and "event-place" not in csl:
            csl["event-place"] = rich_text(str(event["location"]))
    elif isinstance(event, str) and event.strip() and "event-title" not in csl:
        csl["event-title"] = rich_text(event)
    categories = item.get("categories")
    if "keyword" not in csl and isinstance(categories, list):
        words = [str(c).strip() for c in categories if isinstance(c, str) and c.strip()]
        if words:
            csl["keyword"] = ", ".join(words)


def _names(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    names = (clean_name(n) for n in value if isinstance(n, Mapping))
    return [n for n in names if n]


def _first_text(value: Any) -> str:
    """A string, or the first non-empty string of a list (Crossref's titles are lists)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _text(variable: str, value: Any) -> str:
    if isinstance(value, list):
        if variable in ("ISSN", "ISBN", "keyword"):
            return ", ".join(str(v).strip() for v in value if isinstance(v, (str, int)) and v)
        value = _first_text(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    text = str(value).strip()
    if variable == "abstract":
        return rich_text(text, abstract=True)
    if variable in RICH_VARIABLES:
        return rich_text(text)
    return " ".join(fix_mojibake(text).split())
