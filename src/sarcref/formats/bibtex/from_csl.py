"""CSL records -> BibTeX text: the inverse of ``to_csl``.

Whatever import kept (the entry type, fields CSL has no variable for) is written back,
and every mapped variable goes to the field import reads it from, so that importing the
export gives the same records.
"""

from __future__ import annotations

import re
from typing import Any

from ...records import Record
from .. import dates
from . import latex, names
from .to_csl import (
    ARTICLE_SUBTYPES,
    BIBTEX_EXTRA,
    CONTAINER_FIELDS,
    DATE_FIELDS,
    PLACE_FIELDS,
    PLAIN_FIELDS,
    PUBLISHER_FIELDS,
    RICH_FIELDS,
    SHORT_CONTAINER_FIELDS,
    VERBATIM_FIELDS,
    csl_type,
)

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


def entry_type_of(record: Record) -> str:
    """The BibTeX type: the file's own when it still means the record's CSL type."""
    own = record.extra.get(BIBTEX_EXTRA)
    if isinstance(own, dict) and isinstance(own.get("type"), str):
        kept = str(own["type"])
        subtype = (own.get("fields") or {}).get("entrysubtype")
        if csl_type(kept, subtype) == record.type or (
            kept == "article" and record.type in ARTICLE_SUBTYPES.values()
        ):
            return kept
    return TYPES_FROM_CSL.get(record.type, "misc")


def record_to_fields(
    record: Record, *, ascii_only: bool = False, biblatex: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """The BibTeX type and (field, LaTeX value) pairs of a record, in a conventional order.

    *biblatex* writes BibLaTeX's field names: ``journaltitle``, ``location`` and ``date``.
    """
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
        journal = "journaltitle" if biblatex else "journal"
        name = _name_for(
            journal if entry_type == "article" else "booktitle", CONTAINER_FIELDS, kept
        )
        if ("booksubtitle" if name == "booktitle" else "journalsubtitle") in kept:
            # Import would join a kept subtitle to this title: write it where it does not.
            other = "journal" if name == "booktitle" else "booktitle"
            name = _name_for(other, CONTAINER_FIELDS, kept)
        add(name, container)
    add(_name_for("shortjournal", SHORT_CONTAINER_FIELDS, kept), text("container-title-short"))
    add("series", text("collection-title", rich=True))
    issued = csl.get("issued")
    if isinstance(issued, dict):
        # A year or month the file gave besides a different date is kept as written.
        only_date = biblatex or any(name in kept for name in ("year", "month", "day"))
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
    add(_name_for(_publisher_field(entry_type), PUBLISHER_FIELDS, kept), text("publisher"))
    place = "location" if biblatex else "address"
    add(_name_for(place, PLACE_FIELDS, kept), text("publisher-place"))
    for name, variable in PLAIN_FIELDS.items():
        if name in ("annotation", "langid"):
            continue
        add(name, text(variable, rich=name in RICH_FIELDS))
    for name, variable in VERBATIM_FIELDS.items():
        value = csl.get(variable)
        if value:
            add(name, str(value))
    for name, variable in DATE_FIELDS.items():
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


def write(records: list[Record], *, ascii_only: bool = False, biblatex: bool = False) -> str:
    """Records as a BibTeX file: Unicode text unless *ascii_only*, then LaTeX escapes;
    BibLaTeX's field names with *biblatex*."""
    chunks = []
    for record in records:
        entry_type, fields = record_to_fields(record, ascii_only=ascii_only, biblatex=biblatex)
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
