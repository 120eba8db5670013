"""BibTeX/BibLaTeX entries <-> CSL records.

Import maps what CSL can hold and keeps everything else: the entry type and every field
without a CSL counterpart go to the record's sarcref fields (``extra["bibtex"]``), as
written in the file, and export writes them back.
"""

from __future__ import annotations

import re
from typing import Any

from ..records import Record
from . import dates, latex, names
from .bibtex import BibEntry

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
_ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

TYPES_FROM_CSL = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "webpage": "online",
    "post-weblog": "online",
    "post": "online",
    "manuscript": "unpublished",
    "pamphlet": "booklet",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference",
    "entry": "inreference",
    "legal_case": "jurisdiction",
    "legislation": "legislation",
    "standard": "standard",
    "periodical": "periodical",
    "motion_picture": "video",
    "song": "audio",
    "musical_score": "musicscore",
    "graphic": "artwork",
    "personal_communication": "letter",
    "review": "review",
    "review-book": "review",
}

# BibTeX field -> CSL variable, for fields whose text maps one to one.
_PLAIN = {
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
_RICH = {"title", "shorttitle", "booktitle", "journal", "journaltitle", "series", "eventtitle"}
_NAMES = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
_DATES = {"urldate": "accessed", "eventdate": "event-date", "origdate": "original-date"}
# Verbatim fields: no LaTeX in them, only escaped specials.
_VERBATIM = {"doi": "DOI", "url": "URL"}
_VERBATIM_ESCAPES = re.compile(r"\\([_%&#$~])")
# Where CSL has one variable and BibTeX several candidates: the first present wins,
# the others stay in the bibtex fields.
_CONTAINER = ("journaltitle", "journal", "booktitle")
_PUBLISHER = ("publisher", "institution", "school", "organization")
_PLACE = ("location", "address")
_SHORT_CONTAINER = ("shortjournal", "journalabbreviation")
_GROUPS = (_CONTAINER, _PUBLISHER, _PLACE, _SHORT_CONTAINER)


# Entry types whose title is the booktitle of the entries that cross-reference them.
_CONTAINER_TYPES = frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference "
    "periodical".split()
)
# Fields a child never inherits through crossref.
_NOT_INHERITED = frozenset("crossref xref ids entryset related sortkey label".split())


def inherit_crossrefs(entries: list[BibEntry]) -> None:
    """Fill in what an entry lacks from the entry its ``crossref`` names (in the same file).

    A field is not inherited when the child already has another field that means the same
    CSL variable (its own journal stops the parent's title from becoming a booktitle).
    """
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key.casefold(), entry)
    for entry in entries:
        target = entry.fields.get("crossref")
        parent = by_key.get(target.strip().casefold()) if target else None
        if parent is None or parent is entry:
            continue
        had_container = any(name in entry.fields for name in _CONTAINER)
        for name, value in parent.fields.items():
            if name in _NOT_INHERITED:
                continue
            if name in ("title", "subtitle") and parent.entry_type in _CONTAINER_TYPES:
                name = "book" + name  # a proceedings' title is its paper's booktitle
            if name == "booksubtitle" and had_container:
                continue  # the subtitle of a title the child does not take
            if name in entry.fields or any(
                name in group and any(other in entry.fields for other in group) for group in _GROUPS
            ):
                continue
            entry.fields[name] = value


def csl_type(entry_type: str, subtype: str | None = None) -> str:
    if entry_type == "article" and subtype:
        return _ARTICLE_SUBTYPES.get(subtype.strip().lower(), "article-journal")
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
            latex.decode(title, rich=True), latex.decode(subtitle, rich=True) if subtitle else None
        )
    for name, variable in _NAMES.items():
        value = pop(name, None)
        if value is not None:
            parsed = names.parse_names(value)
            if parsed:
                csl[variable] = parsed
    container = _first(fields, _CONTAINER)
    if container is not None:
        name, value = container
        sub = pop("booksubtitle" if name == "booktitle" else "journalsubtitle", None)
        csl["container-title"] = _join_subtitle(
            latex.decode(value, rich=True), latex.decode(sub, rich=True) if sub else None
        )
    for group, variable in (
        (_PUBLISHER, "publisher"),
        (_PLACE, "publisher-place"),
        (_SHORT_CONTAINER, "container-title-short"),
    ):
        found = _first(fields, group)
        if found is not None:
            csl[variable] = latex.decode(found[1])
    for name, variable in (("shorttitle", "title-short"), ("series", "collection-title")):
        value = pop(name, None)
        if value is not None:
            csl[variable] = latex.decode(value, rich=True)
    for name, variable in _PLAIN.items():
        if name in fields and variable not in csl:
            csl[variable] = latex.decode(pop(name), rich=name in _RICH)
    _map_number(fields, item_type, csl)
    pages = pop("pages", None)
    if pages is not None:
        csl["page"] = latex.decode(pages.replace("--", "-"))
    for name, variable in _VERBATIM.items():
        value = pop(name, None)
        if value is not None:
            value = value.strip()
            csl[variable] = _VERBATIM_ESCAPES.sub(r"\1", value) if "\\" in value else value
    issued = _issued(fields)
    if issued is not None:
        csl["issued"] = issued
    for name, variable in _DATES.items():
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
            csl["issue"] = latex.decode(found[1])
        return
    issue = fields.pop("issue", None)
    if issue is not None:
        csl["issue"] = latex.decode(issue)
    number = fields.pop("number", None)
    if number is None:
        return
    if item_type in ("book", "chapter", "paper-conference") and "collection-title" in csl:
        csl["collection-number"] = latex.decode(number)
    else:
        csl["number"] = latex.decode(number)


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
            number = dates.month_number(value) if name == "month" else _int(value)
            if len(head) > index and number == head[index]:
                del fields[name]
        return parsed
    year = fields.pop("year", None)
    if year is None:
        return None
    month, day = fields.pop("month", None), fields.pop("day", None)
    return dates.from_year_month(latex.decode(year), month, day)


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None


# -- export ---------------------------------------------------------------------------


def entry_type_of(record: Record) -> str:
    """The BibTeX type: the file's own when it still means the record's CSL type."""
    own = record.extra.get(BIBTEX_EXTRA)
    if isinstance(own, dict) and isinstance(own.get("type"), str):
        kept = str(own["type"])
        subtype = (own.get("fields") or {}).get("entrysubtype")
        if csl_type(kept, subtype) == record.type or (
            kept == "article" and record.type in _ARTICLE_SUBTYPES.values()
        ):
            return kept
    return TYPES_FROM_CSL.get(record.type, "misc")


def record_to_fields(
    record: Record, *, ascii_only: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """The BibTeX type and (field, LaTeX value) pairs of a record, in a conventional order."""
    csl = record.csl
    entry_type = entry_type_of(record)
    out: list[tuple[str, str]] = []
    own = record.extra.get(BIBTEX_EXTRA)
    kept = own.get("fields") if isinstance(own, dict) else None
    kept = kept if isinstance(kept, dict) else {}

    def text(variable: str, *, rich: bool = False) -> str | None:
        value = csl.get(variable)
        if value is None or value == "":
            return None
        return latex.encode(str(value), rich=rich, ascii_only=ascii_only)

    def add(name: str, value: str | None) -> None:
        if value is not None and all(name != written for written, _ in out):
            out.append((name, value))

    for variable in ("author", "editor", "translator", "container-author"):
        value = csl.get(variable)
        if isinstance(value, list) and value:
            name = {"container-author": "bookauthor"}.get(variable, variable)
            add(name, names.format_names(value, ascii_only=ascii_only))
    add("title", text("title", rich=True))
    add("shorttitle", text("title-short", rich=True))
    container = text("container-title", rich=True)
    if container is not None:
        name = _name_for("journal" if entry_type == "article" else "booktitle", _CONTAINER, kept)
        if ("booksubtitle" if name == "booktitle" else "journalsubtitle") in kept:
            # Import would join a kept subtitle to this title: write it where it does not.
            other = "journal" if name == "booktitle" else "booktitle"
            name = _name_for(other, _CONTAINER, kept)
        add(name, container)
    add(_name_for("shortjournal", _SHORT_CONTAINER, kept), text("container-title-short"))
    add("series", text("collection-title", rich=True))
    issued = csl.get("issued")
    if isinstance(issued, dict):
        # A year or month the file gave besides a different date is kept as written.
        only_date = any(name in kept for name in ("year", "month", "day"))
        out.extend(_date_fields(issued, only_date=only_date))
    add("volume", text("volume"))
    if entry_type == "article":
        add("number", text("issue"))
    else:
        add("issue", text("issue"))
    add("number", text("number") or text("collection-number"))
    page = csl.get("page")
    if page:
        add("pages", latex.encode(str(page), ascii_only=ascii_only).replace("-", "--"))
    add(_name_for(_publisher_field(entry_type), _PUBLISHER, kept), text("publisher"))
    add(_name_for("address", _PLACE, kept), text("publisher-place"))
    for name, variable in _PLAIN.items():
        if name in ("annotation", "langid"):
            continue
        add(name, text(variable, rich=name in _RICH))
    for name, variable in _VERBATIM.items():
        value = csl.get(variable)
        if value:
            add(name, str(value))
    for name, variable in _DATES.items():
        value = csl.get(variable)
        if isinstance(value, dict):
            add(name, dates.to_iso(value) or str(value.get("literal") or value.get("raw") or ""))
    written = {name for name, _ in out}
    out.extend((k, str(v)) for k, v in kept.items() if k not in written)
    return entry_type, out


def _name_for(preferred: str, group: tuple[str, ...], kept: dict[str, Any]) -> str:
    """The field to write a CSL variable to, so that import reads it back from there.

    Import takes the first field of *group* present; a field the file had besides (kept
    as it was) must not come first.
    """
    ranks = [group.index(name) for name in group if name in kept]
    if not ranks or group.index(preferred) < min(ranks):
        return preferred
    return group[max(min(ranks) - 1, 0)]


def _publisher_field(entry_type: str) -> str:
    return {
        "techreport": "institution",
        "report": "institution",
        "phdthesis": "school",
        "mastersthesis": "school",
        "thesis": "school",
    }.get(entry_type, "publisher")


def _date_fields(issued: dict[str, Any], *, only_date: bool) -> list[tuple[str, str]]:
    parts = issued.get("date-parts")
    if not isinstance(parts, list) or not parts:
        literal = issued.get("literal") or issued.get("raw")
        return [("date" if only_date else "year", latex.encode(str(literal)))] if literal else []
    if only_date:
        return [("date", dates.to_iso(issued) or "")]
    head = dates.first_parts(issued)
    fields = [("year", str(head[0]))]
    if len(head) > 1:
        fields.append(("month", dates.MONTH_ABBREVIATIONS[head[1]]))
    if len(head) > 2 or len(parts) > 1:
        fields.append(("date", dates.to_iso(issued) or ""))
    return fields


# Characters BibTeX cannot hold in a key; each becomes "_" on export.
_KEY_UNSAFE = re.compile(r"[\s,{}()\"'#%=\\~]")


def write(records: list[Record], *, ascii_only: bool = False) -> str:
    """Records as a BibTeX file: Unicode text unless *ascii_only*, then LaTeX escapes."""
    chunks = []
    for record in records:
        entry_type, fields = record_to_fields(record, ascii_only=ascii_only)
        key = _KEY_UNSAFE.sub("_", record.key)
        lines = [f"@{entry_type}{{{key},"]
        width = max((len(name) for name, _ in fields), default=0)
        for name, value in fields:
            if name == "month" and value in dates.MONTH_ABBREVIATIONS[1:]:
                shown = value  # a month macro is written bare: month = jan
            else:
                shown = "{" + value + "}"
            lines.append(f"  {name:<{width}} = {shown},")
        lines.append("}")
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n" if chunks else ""
