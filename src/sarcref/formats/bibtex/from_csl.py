"""CSL records -> BibTeX text: the inverse of ``to_csl``.

Whatever import kept (the entry type, fields CSL has no variable for, a date written
with more than CSL holds) is written back, and every mapped variable goes to the field
import reads it from, so that importing the export gives the same records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...records import CSL_TYPES, Record
from .. import dates
from . import latex, localisation, names
from .languages import babel_name, lbx_language
from .to_csl import (
    ARTICLE_SUBTYPES,
    ARTICLE_TYPES,
    BIBTEX_EXTRA,
    CHAPTER_TYPES,
    DATE_FIELDS,
    DEFAULT_TYPE_KEYS,
    LIST_SEPARATOR,
    PLAIN_FIELDS,
    ROLE_VARIABLES,
    SERIES_NUMBERED_TYPES,
    csl_type,
    date_value,
    eprint_variables,
    short_title,
)

# CSL type -> (BibTeX type, entrysubtype). A CSL type biblatex has no entry type for is a
# @misc (or the nearest type) with the CSL type as its entrysubtype, which import reads
# back; biblatex ignores entrysubtype.
TYPES_FROM_CSL: dict[str, tuple[str, str | None]] = {
    "article": ("misc", "article"),
    "article-journal": ("article", None),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "bill": ("legislation", "bill"),
    "book": ("book", None),
    "chapter": ("incollection", None),
    "dataset": ("dataset", None),
    "document": ("misc", None),
    "entry": ("inreference", "entry"),
    "entry-dictionary": ("inreference", "entry-dictionary"),
    "entry-encyclopedia": ("inreference", None),
    "figure": ("image", "figure"),
    "graphic": ("artwork", None),
    "legal_case": ("jurisdiction", None),
    "legislation": ("legislation", None),
    "manuscript": ("unpublished", None),
    "motion_picture": ("video", None),
    "pamphlet": ("booklet", None),
    "paper-conference": ("inproceedings", None),
    "patent": ("patent", None),
    "performance": ("performance", None),
    "periodical": ("periodical", None),
    "personal_communication": ("letter", None),
    "post": ("online", "post"),
    "post-weblog": ("online", "post-weblog"),
    "regulation": ("legislation", "regulation"),
    "report": ("report", None),
    "review": ("review", None),
    "review-book": ("review", "review-book"),
    "software": ("software", None),
    "song": ("audio", None),
    "speech": ("unpublished", "speech"),
    "standard": ("standard", None),
    "thesis": ("thesis", None),
    "treaty": ("legal", None),
    "webpage": ("online", None),
}
for _csl_type in CSL_TYPES - TYPES_FROM_CSL.keys():
    TYPES_FROM_CSL[_csl_type] = ("misc", _csl_type)

# Where import reads the publisher from, by entry type (it reads all of these).
_PUBLISHER_FIELD = {
    "report": "institution",
    "techreport": "institution",
    "thesis": "institution",
    "phdthesis": "school",
    "mastersthesis": "school",
}
_TYPE_KEYS = tuple(
    """bathesis mathesis phdthesis candthesis techreport resreport software datacd audiocd
    patent patentde patenteu patentfr patentuk patentus
    patreq patreqde patreqeu patreqfr patrequk patrequs""".split()
)
_PUBSTATE_KEYS = ("inpreparation", "submitted", "forthcoming", "inpress", "prepublished")
_COUNTRY_KEYS = ("countryde", "countryeu", "countryfr", "countryuk", "countryus")
# Kept fields that are not LaTeX text (paths, URLs, keys): written as the file had them,
# even in an ASCII export.
_VERBATIM_KEPT = frozenset(
    """file pdf url doi eprint verba verbb verbc urlraw ids crossref xref xdata related
    entryset sentelink biburl bibsource""".split()
)
_LIST_WORD = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def entry_type_of(record: Record) -> tuple[str, str | None]:
    """The BibTeX type and entrysubtype: the file's own type while it still means the
    record's CSL type."""
    own = record.extra.get(BIBTEX_EXTRA)
    if isinstance(own, dict) and isinstance(own.get("type"), str):
        kept = str(own["type"])
        fields = own.get("fields") or {}
        subtype = fields.get("entrysubtype") if isinstance(fields, dict) else None
        event = any(record.csl.get(v) for v in ("event-title", "event-date", "event-place"))
        if csl_type(kept, subtype, event=event) == record.type:
            return kept, None
        candidates = [k for k, v in ARTICLE_SUBTYPES.items() if v == record.type]
        for candidate in (*candidates, record.type):
            if csl_type(kept, candidate, event=event) == record.type:
                return kept, candidate
    entry_type, subtype = TYPES_FROM_CSL.get(record.type, ("misc", None))
    event = any(record.csl.get(v) for v in ("event-title", "event-date", "event-place"))
    if csl_type(entry_type, subtype, event=event) != record.type:
        subtype = record.type  # a manuscript with an event: not a speech
    return entry_type, subtype


def record_to_fields(
    record: Record, *, ascii_only: bool = False, biblatex: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """The BibTeX type and (field, LaTeX value) pairs of a record, in a conventional order.

    *biblatex* writes BibLaTeX's field names: ``journaltitle``, ``location`` and ``date``
    (import reads both spellings).
    """
    return _Writer(record, ascii_only, biblatex).run()


class _Writer:
    def __init__(self, record: Record, ascii_only: bool, biblatex: bool = False) -> None:
        self.record = record
        self.biblatex = biblatex
        self.csl = record.csl
        self.ascii = ascii_only
        self.type, self.subtype = entry_type_of(record)
        own = record.extra.get(BIBTEX_EXTRA)
        kept = own.get("fields") if isinstance(own, dict) else None
        self.kept: dict[str, str] = (
            {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}
        )
        self.out: list[tuple[str, str]] = []
        self.lbx = lbx_language(str(self.csl.get("language") or "") or None)
        eprint = self.kept.get("eprint")
        kind = self.kept.get("eprinttype") or self.kept.get("archiveprefix")
        # What import derives from the eprint fields it keeps: not written again.
        self.derived = eprint_variables(kind.strip().lower(), eprint) if eprint and kind else {}

    # -- helpers ------------------------------------------------------------------------

    def text(self, variable: str, *, rich: bool = False, protect: bool = True) -> str | None:
        value = self.csl.get(variable)
        if value is None or value == "" or isinstance(value, (dict, list)):
            return None
        return latex.encode(str(value), rich=rich, ascii_only=self.ascii, protect=protect)

    def add(self, name: str, value: str | None) -> None:
        if value is not None and value != "" and all(name != written for written, _ in self.out):
            self.out.append((name, value))

    def items(self, variable: str) -> str | None:
        """A "; "-joined CSL value as a BibTeX literal list (``Durham and London``)."""
        value = self.csl.get(variable)
        if not value or not isinstance(value, str):
            return None
        items = value.split(LIST_SEPARATOR)
        if not all(item and item == item.strip() for item in items):
            items = [value]  # not a list import would make: one item, as it is
        shown = []
        for item in items:
            encoded = latex.encode(item, ascii_only=self.ascii)
            shown.append("{" + encoded + "}" if _LIST_WORD.search(item) else encoded)
        return " and ".join(shown)

    # -- the mapping --------------------------------------------------------------------

    def run(self) -> tuple[str, list[tuple[str, str]]]:
        if self.subtype:
            self.add("entrysubtype", self.subtype)
        self.people()
        self.titles()
        self.dates()
        self.numbers()
        self.publication()
        self.identifiers()
        self.notes()
        written = {name for name, _ in self.out}
        for name, value in self.kept.items():
            if name not in written:
                if self.ascii and name not in _VERBATIM_KEPT:
                    value = latex.ascii_latex(value)
                self.out.append((name, value))
        return self.type, self.out

    def people(self) -> None:
        everyone = [
            n
            for v in ROLE_VARIABLES.values()
            for n in (self.csl.get(v) or [])
            if isinstance(n, Mapping)
        ]
        everyone += [n for n in self.csl.get("container-author") or [] if isinstance(n, Mapping)]
        useprefix = names.prefers_useprefix(everyone, _kept_useprefix(self.kept.get("options")))
        options = _with_useprefix(self.kept.get("options"), useprefix)
        if options is not None:
            self.kept["options"] = options
        elif "options" in self.kept:
            del self.kept["options"]

        def listed(variable: str) -> str | None:
            value = self.csl.get(variable)
            if isinstance(value, list) and value:
                return names.format_names(value, ascii_only=self.ascii, useprefix=useprefix)
            return None

        self.add("author", listed("author"))
        self.add("bookauthor", listed("container-author"))
        self.add("editor", listed("editor"))
        self.add("translator", listed("translator"))
        slots = ["editor", "editora", "editorb", "editorc"]
        for variable in dict.fromkeys(
            v for v in ROLE_VARIABLES.values() if v not in ("editor", "translator")
        ):
            value = listed(variable)
            if value is None:
                continue
            role = next(r for r, v in ROLE_VARIABLES.items() if v == variable)
            slot = next(
                (s for s in slots if s not in self.kept and all(s != n for n, _ in self.out)), None
            )
            if slot is None:
                continue  # three secondary editors already: CSL has more roles than BibTeX
            self.add(slot, value)
            self.add(slot + "type", role)

    def titles(self) -> None:
        title = self.text("title", rich=True)
        volume_title = self.text("volume-title", rich=True)
        container = self.text("container-title", rich=True)
        chapter = self.type in CHAPTER_TYPES
        if self.type == "periodical" and container is not None:
            self.add("title", container)
            self.add("issuetitle", title)
            container = None
        elif volume_title is not None and not chapter and self.type not in ARTICLE_TYPES:
            self.add("title", volume_title)
            self.add("maintitle", title)
        else:
            self.add("title", title)
        short = self.csl.get("title-short")
        if short and short != short_title(str(self.csl.get("title") or "")):
            self.add("shorttitle", self.text("title-short", rich=True))
        if container is not None:
            if chapter:
                if volume_title is not None:
                    self.add("maintitle", container)
                    self.add("booktitle", volume_title)
                else:
                    self.add("booktitle", container)
            else:
                journal = "journaltitle" if self.biblatex else "journal"
                self.add(_name_for(journal, ("journaltitle", "journal"), self.kept), container)
        if self.type in ARTICLE_TYPES and self.type != "periodical":
            self.add("issuetitle", volume_title)
        self.add(
            _name_for("shortjournal", ("shortjournal", "journalabbreviation"), self.kept),
            self.text("container-title-short", rich=True),
        )
        self.add("series", self.text("collection-title", rich=True))
        self.add("eventtitle", self.text("event-title", rich=True))
        self.add("origtitle", self.text("original-title", rich=True))

    def dates(self) -> None:
        issued = self.csl.get("issued")
        if isinstance(issued, dict):
            self.out.extend(self.issued_fields(issued))
        for name, (variable, _) in DATE_FIELDS.items():
            value = self.csl.get(variable)
            if isinstance(value, dict):
                self.add(name, self.date_text(value, self.kept.get(name)))

    def date_text(self, value: dict[str, Any], raw: str | None) -> str | None:
        if raw is not None and date_value(raw) == value:
            return raw  # written with what CSL cannot hold (a time, "?"): as the file had it
        edtf = dates.to_edtf(value)
        if edtf is not None:
            return edtf
        literal = value.get("literal") or value.get("raw")
        return latex.encode(str(literal), ascii_only=self.ascii) if literal else None

    def issued_fields(self, issued: dict[str, Any]) -> list[tuple[str, str]]:
        raw = self.kept.get("date")
        if raw is not None and date_value(raw) == issued:
            return [("date", raw)]
        only_date = self.biblatex or any(
            name in self.kept for name in ("year", "month", "day", "date")
        )
        parts = issued.get("date-parts")
        head = dates.first_parts(issued)
        simple = (
            isinstance(parts, list)
            and len(parts) == 1
            and bool(head)
            and head[0] > 0
            and not issued.get("circa")
            and not issued.get("season")
        )
        if only_date or (isinstance(parts, list) and parts and not simple):
            text = self.date_text(issued, None)
            return [("date", text)] if text else []
        if not isinstance(parts, list) or not parts:
            literal = issued.get("literal") or issued.get("raw")
            return [("year", latex.encode(str(literal), ascii_only=self.ascii))] if literal else []
        # year and month for classic BibTeX; a day only date can hold, so date too.
        fields = [("year", str(head[0]))]
        if len(head) > 1:
            fields.append(("month", dates.MONTH_ABBREVIATIONS[head[1]]))
        if len(head) > 2:
            fields.append(("date", dates.to_edtf(issued) or ""))
        return fields

    def numbers(self) -> None:
        self.add("volume", self.text("volume"))
        if self.type in ARTICLE_TYPES:
            self.add("number", self.text("issue"))
        else:
            self.add("issue", self.text("issue"))
        if self.type in SERIES_NUMBERED_TYPES:
            self.add("number", self.text("collection-number"))
            self.add("eid", self.text("number"))
        elif self.type in ARTICLE_TYPES:
            self.add("eid", self.text("number"))  # an article's number field is its issue
        else:
            self.add("number", self.text("number"))
        page = self.csl.get("page")
        if page:
            self.add("pages", latex.encode(str(page), ascii_only=self.ascii).replace("-", "--"))

    def publication(self) -> None:
        self.add(_PUBLISHER_FIELD.get(self.type, "publisher"), self.items("publisher"))
        if self.type == "patent":
            self.add("location", self.keyed_items("jurisdiction", _COUNTRY_KEYS))
            self.add("address", self.items("publisher-place"))
        else:
            self.add(
                _name_for(
                    "location" if self.biblatex else "address", ("location", "address"), self.kept
                ),
                self.items("publisher-place"),
            )
        self.add("origpublisher", self.items("original-publisher"))
        self.add("origlocation", self.items("original-publisher-place"))
        genre = self.csl.get("genre")
        if isinstance(genre, str) and genre:
            key = localisation.key_for(genre, _TYPE_KEYS, self.lbx)
            default = DEFAULT_TYPE_KEYS.get(self.type)
            if key is None or key != default:
                self.add("type", key or self.text("genre"))
        status = self.csl.get("status")
        if isinstance(status, str) and status:
            self.add(
                "pubstate",
                localisation.key_for(status, _PUBSTATE_KEYS, self.lbx) or self.text("status"),
            )
        for name, variable in PLAIN_FIELDS.items():
            if self.csl.get(variable) != self.derived.get(variable):
                self.add(name, self.text(variable))
        language = self.csl.get("language")
        if isinstance(language, str) and language:
            self.add(
                _name_for("langid", ("langid", "hyphenation"), self.kept), babel_name(language)
            )

    def keyed_items(self, variable: str, keys: tuple[str, ...]) -> str | None:
        value = self.csl.get(variable)
        if not value or not isinstance(value, str):
            return None
        items = value.split(LIST_SEPARATOR)
        if not all(item and item == item.strip() for item in items):
            items = [value]
        shown = []
        for item in items:
            key = localisation.key_for(item, keys, self.lbx)
            encoded = key or latex.encode(item, ascii_only=self.ascii)
            shown.append("{" + encoded + "}" if _LIST_WORD.search(item) and not key else encoded)
        return " and ".join(shown)

    def identifiers(self) -> None:
        for name, variable in (("doi", "DOI"), ("url", "URL")):
            value = self.csl.get(variable)
            if value and value != self.derived.get(variable):
                self.add(name, str(value))

    def notes(self) -> None:
        # Running text: braces only group there, so case protection is \NoCaseChange.
        annote = self.text("annote", rich=True, protect=False)
        self.add("note", self.text("note", rich=True, protect=False))
        self.add(_name_for("annote", ("annotation", "annote"), self.kept), annote)
        self.add("abstract", self.text("abstract", rich=True, protect=False))
        self.add("keywords", self.text("keyword"))


def _name_for(preferred: str, group: tuple[str, ...], kept: dict[str, Any]) -> str:
    """The field to write a CSL variable to, so that import reads it back from there.

    Import takes the first field of *group* present; a field the file had besides (kept
    as it was) must not come first.
    """
    ranks = [group.index(name) for name in group if name in kept]
    if not ranks or group.index(preferred) < min(ranks):
        return preferred
    return group[max(min(ranks) - 1, 0)]


def _kept_useprefix(options: str | None) -> bool | None:
    if not options:
        return None
    for item in options.split(","):
        key, _, value = item.partition("=")
        if key.strip().lower() == "useprefix":
            return value.strip().lower() in ("", "true")
    return None


def _with_useprefix(options: str | None, useprefix: bool) -> str | None:
    """The entry's options with ``useprefix`` set as the names need (absent when false)."""
    if (_kept_useprefix(options) or False) == useprefix:
        return options  # already says it (or says nothing, meaning false): as written
    items = [i.strip() for i in (options or "").split(",") if i.strip()]
    items = [i for i in items if i.partition("=")[0].strip().lower() != "useprefix"]
    if useprefix:
        items.append("useprefix=true")
    elif _kept_useprefix(options) is False:
        items.append("useprefix=false")
    return ", ".join(items) if items else None


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
