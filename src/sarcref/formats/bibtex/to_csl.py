"""BibTeX/BibLaTeX entries <-> CSL records.

Import maps what CSL can hold and keeps everything else: the entry type and every field
without a CSL counterpart go to the record's sarcref fields (``extra["bibtex"]``), as
written in the file; ``from_csl`` writes them back.
"""

from __future__ import annotations

import re
from typing import Any

from ...records import Record
from .. import dates
from . import latex, names
from .parse import BibEntry

BIBTEX_EXTRA = "bibtex"

TYPES_TO_CSL = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "manual": "report",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "misc": "document",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "blog": "post-weblog",
    "patent": "patent",
    "periodical": "periodical",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "video": "motion_picture",
    "movie": "motion_picture",
    "audio": "song",
    "music": "song",
    "musicscore": "musical_score",
    "artwork": "graphic",
    "image": "graphic",
    "letter": "personal_communication",
    "review": "review",
    "judicial": "legal_case",
    "jurisdiction": "legal_case",
    "case": "legal_case",
    "law": "legislation",
    "legislation": "legislation",
    "legal": "legislation",
    "performance": "performance",
    "map": "map",
    "interview": "interview",
    "speech": "speech",
    "lecture": "speech",
}
ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

# BibTeX field -> CSL variable, for fields whose text maps one to one.
PLAIN_FIELDS = {
    "volume": "volume",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "chapter": "chapter-number",
    "edition": "edition",
    "abstract": "abstract",
    "keywords": "keyword",
    "note": "note",
    "annote": "annote",
    "annotation": "annote",
    "language": "language",
    "langid": "language",
    "type": "genre",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "version": "version",
    "eventtitle": "event-title",
    "venue": "event-place",
}
# Title-like fields keep case protection ({DNA}) and emphasis as CSL markup.
RICH_FIELDS = {
    "title",
    "shorttitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "eventtitle",
}
NAME_FIELDS = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
DATE_FIELDS = {"urldate": "accessed", "eventdate": "event-date", "origdate": "original-date"}
# Verbatim fields: no LaTeX in them, only escaped specials.
VERBATIM_FIELDS = {"doi": "DOI", "url": "URL"}
VERBATIM_ESCAPES = re.compile(r"\\([_%&#$~])")
# Where CSL has one variable and BibTeX several candidates: the first present wins,
# the others stay in the bibtex fields.
CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle")
PUBLISHER_FIELDS = ("publisher", "institution", "school", "organization")
PLACE_FIELDS = ("location", "address")
SHORT_CONTAINER_FIELDS = ("shortjournal", "journalabbreviation")
# Fields that together say one thing: an entry with any of them inherits none of the others
# through crossref (its own date is not completed with its parent's month).
INHERITED_TOGETHER = (
    ("title", "subtitle"),
    (*CONTAINER_FIELDS, "journalsubtitle", "booksubtitle"),
    PUBLISHER_FIELDS,
    PLACE_FIELDS,
    SHORT_CONTAINER_FIELDS,
    ("date", "year", "month", "day"),
)


# Entry types whose title is the booktitle of the entries that cross-reference them.
CONTAINER_TYPES = frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference "
    "periodical".split()
)
# Fields a child never inherits through crossref.
_NOT_INHERITED = frozenset("crossref xref ids entryset related sortkey label".split())


def inherit_crossrefs(entries: list[BibEntry]) -> None:
    """Fill in what an entry lacks from the entry its ``crossref`` names (in the same file).

    A parent that has a crossref of its own inherits first (a chain of any length; a cycle
    stops where it closes). A field is not inherited when the child already has another
    field that means the same CSL variable (its own journal stops the parent's title from
    becoming a booktitle).
    """
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key.casefold(), entry)
    done: set[int] = set()

    def inherit(entry: BibEntry, chain: set[int]) -> None:
        if id(entry) in done:
            return
        done.add(id(entry))
        chain = chain | {id(entry)}
        target = entry.fields.get("crossref")
        parent = by_key.get(target.strip().casefold()) if target else None
        if parent is None or id(parent) in chain:
            return
        inherit(parent, chain)
        _take_from_parent(entry, parent)

    for entry in entries:
        inherit(entry, set())


def _take_from_parent(entry: BibEntry, parent: BibEntry) -> None:
    own = set(entry.fields)  # what the entry had before it inherited anything
    for name, value in parent.fields.items():
        if name in _NOT_INHERITED:
            continue
        if name in ("title", "subtitle") and parent.entry_type in CONTAINER_TYPES:
            name = "book" + name  # a proceedings' title is its paper's booktitle
        if name in entry.fields or any(
            name in group and not own.isdisjoint(group) for group in INHERITED_TOGETHER
        ):
            continue
        entry.fields[name] = value


# Fields whose line breaks mean something; elsewhere a run of spaces and line breaks is one
# space, as in BibTeX (a title written over two lines is one line).
MULTILINE_FIELDS = frozenset({"abstract", "note", "annote", "annotation"})
_SPACES = re.compile(r"[ \t\r\n]+")


def _text(value: str, *, rich: bool = False, lines: bool = False) -> str:
    text = latex.decode(value, rich=rich)
    return text if lines else _SPACES.sub(" ", text).strip()


def csl_type(entry_type: str, subtype: str | None = None) -> str:
    if entry_type == "article" and subtype:
        return ARTICLE_SUBTYPES.get(subtype.strip().lower(), "article-journal")
    return TYPES_TO_CSL.get(entry_type, "document")


def _join_subtitle(title: str, subtitle: str | None) -> str:
    if not subtitle:
        return title
    if not title:
        return subtitle
    return f"{title} {subtitle}" if title[-1] in "?!.:" else f"{title}: {subtitle}"


def entry_to_record(entry: BibEntry) -> Record:
    """The CSL record of a BibTeX entry; fields CSL cannot hold go to ``extra["bibtex"]``."""
    # Mapping pops what it uses; what is left over is kept as the entry's own fields.
    fields = {k: v for k, v in entry.fields.items() if v.strip()}
    pop = fields.pop
    subtype = fields.get("entrysubtype")
    item_type = csl_type(entry.entry_type, subtype)
    if entry.entry_type == "article" and subtype and item_type != "article-journal":
        pop("entrysubtype")
    csl: dict[str, Any] = {"id": entry.key, "type": item_type}

    title = pop("title", None)
    if title is not None:
        subtitle = pop("subtitle", None)
        csl["title"] = _join_subtitle(
            _text(title, rich=True), _text(subtitle, rich=True) if subtitle else None
        )
    for name, variable in NAME_FIELDS.items():
        value = pop(name, None)
        if value is not None:
            parsed = names.parse_names(value)
            if parsed:
                csl[variable] = parsed
    container = _first(fields, CONTAINER_FIELDS)
    if container is not None:
        name, value = container
        sub = pop("booksubtitle" if name == "booktitle" else "journalsubtitle", None)
        csl["container-title"] = _join_subtitle(
            _text(value, rich=True), _text(sub, rich=True) if sub else None
        )
    for group, variable in (
        (PUBLISHER_FIELDS, "publisher"),
        (PLACE_FIELDS, "publisher-place"),
        (SHORT_CONTAINER_FIELDS, "container-title-short"),
    ):
        found = _first(fields, group)
        if found is not None:
            csl[variable] = _text(found[1])
    for name, variable in (("shorttitle", "title-short"), ("series", "collection-title")):
        value = pop(name, None)
        if value is not None:
            csl[variable] = _text(value, rich=True)
    for name, variable in PLAIN_FIELDS.items():
        if name in fields and variable not in csl:
            csl[variable] = _text(
                pop(name), rich=name in RICH_FIELDS, lines=name in MULTILINE_FIELDS
            )
    _map_number(fields, item_type, csl)
    pages = pop("pages", None)
    if pages is not None:
        csl["page"] = _text(pages.replace("--", "-"))
    for name, variable in VERBATIM_FIELDS.items():
        value = pop(name, None)
        if value is not None:
            value = value.strip()
            csl[variable] = VERBATIM_ESCAPES.sub(r"\1", value) if "\\" in value else value
    issued = _issued(fields)
    if issued is not None:
        csl["issued"] = issued
    for name, variable in DATE_FIELDS.items():
        value = pop(name, None)
        if value is not None:
            csl[variable] = dates.parse_iso(value) or {"literal": value.strip()}

    own: dict[str, Any] = {"type": entry.entry_type}
    if fields:
        own["fields"] = fields
    return Record(key=entry.key, csl=csl, extra={BIBTEX_EXTRA: own})


def _first(fields: dict[str, str], candidates: tuple[str, ...]) -> tuple[str, str] | None:
    for name in candidates:
        if name in fields:
            return name, fields.pop(name)
    return None


def _map_number(fields: dict[str, str], item_type: str, csl: dict[str, Any]) -> None:
    if item_type.startswith("article") or item_type == "periodical":
        found = _first(fields, ("number", "issue"))
        if found is not None:
            csl["issue"] = _text(found[1])
        return
    issue = fields.pop("issue", None)
    if issue is not None:
        csl["issue"] = _text(issue)
    number = fields.pop("number", None)
    if number is None:
        return
    if item_type in ("book", "chapter", "paper-conference") and "collection-title" in csl:
        csl["collection-number"] = _text(number)
    else:
        csl["number"] = _text(number)


def _issued(fields: dict[str, str]) -> dict[str, Any] | None:
    date = fields.pop("date", None)
    if date is not None:
        parsed = dates.parse_iso(date)
        if parsed is None:
            return {"literal": date.strip()}
        # year/month/day that say the same as date are used up; others stay as fields.
        head = dates.first_parts(parsed)
        for name, index in (("year", 0), ("month", 1), ("day", 2)):
            value = fields.get(name)
            if value is None:
                continue
            number = dates.month_number(_text(value)) if name == "month" else _int(_text(value))
            if len(head) > index and number == head[index]:
                del fields[name]
        return parsed
    year = fields.pop("year", None)
    if year is None:
        return None
    month, day = fields.pop("month", None), fields.pop("day", None)
    return dates.from_year_month(
        _text(year), _text(month) if month else None, _text(day) if day else None
    )


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None
