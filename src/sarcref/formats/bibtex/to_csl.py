"""BibTeX/BibLaTeX entries -> CSL records.

Import maps what CSL can hold and keeps everything else: the entry type and every field
without a CSL counterpart go to the record's sarcref fields (``extra["bibtex"]``), as
written in the file; ``from_csl`` writes them back. Where the biblatex manual is silent,
the mapping is pandoc's (``pandoc -f biblatex -t csljson``); docs/bibtex.md lists where
and why it differs.

Entries arrive with ``crossref`` and ``xdata`` already inherited (``inherit``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...identifiers import bare_doi
from ...records import CSL_TYPES, Record
from .. import dates
from . import latex, localisation, names, scan
from .inherit import key_list
from .languages import language_code, lbx_language
from .parse import BibEntry

BIBTEX_EXTRA = "bibtex"

TYPES_TO_CSL = {
    "article": "article-journal",
    "suppperiodical": "article-journal",
    "periodical": "periodical",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "commentary": "book",
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
    "unpublished": "manuscript",
    "dataset": "dataset",
    "data": "dataset",
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
    "letters": "personal_communication",
    "review": "review",
    "judicial": "legal_case",
    "jurisdiction": "legal_case",
    "case": "legal_case",
    "law": "legislation",
    "legislation": "legislation",
    "legal": "treaty",
    "performance": "performance",
    "map": "map",
    "interview": "interview",
    "speech": "speech",
    "lecture": "speech",
    "newsarticle": "article-newspaper",
}
ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
# Entries that are not works: an @set's members are the records, an @xdata is data for
# other entries.
NOT_RECORDS = frozenset({"set", "xdata"})

# Kinds of entry types, as the mapping tells them apart (pandoc's groups, plus the
# supplementary types biblatex treats as their aliases).
ARTICLE_TYPES = frozenset({"article", "periodical", "suppperiodical", "review"})
CHAPTER_TYPES = frozenset(
    {"inbook", "incollection", "inproceedings", "conference", "inreference", "bookinbook"}
    | {"suppbook", "suppcollection"}
)
# Books: their booktitle, if any, is no container (a @collection is no chapter of itself).
BOOK_TYPES = frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference".split()
)
# A number in these is the volume's number in its series.
SERIES_NUMBERED_TYPES = CHAPTER_TYPES | frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference".split()
)
# biblatex's aliases set a default type: @phdthesis is @thesis with type = {phdthesis}.
DEFAULT_TYPE_KEYS = {
    "phdthesis": "phdthesis",
    "mastersthesis": "mathesis",
    "techreport": "techreport",
}

# BibTeX field -> CSL variable, for fields whose text maps one to one.
PLAIN_FIELDS = {
    "pagetotal": "number-of-pages",
    "volumes": "number-of-volumes",
    "chapter": "chapter-number",
    "edition": "edition",
    "version": "version",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "library": "call-number",
    "venue": "event-place",
}
# Fields a style prints as running text: CSL rich text, without case protection.
TEXT_FIELDS = {
    "abstract": "abstract",
    "annotation": "annote",
    "annote": "annote",
}
# The CSL variables import fills with rich text (export writes their markup as LaTeX).
RICH_VARIABLES = frozenset(
    """title title-short container-title container-title-short volume-title collection-title
    event-title original-title reviewed-title note annote abstract""".split()
)
# Verbatim fields: no LaTeX in them, only escaped specials.
VERBATIM_ESCAPES = re.compile(r"\\([_%&#$~])")
# Fields whose line breaks mean something (a blank line is a paragraph); elsewhere a run of
# spaces and line breaks is one space, as in BibTeX.
MULTILINE_FIELDS = frozenset({"abstract", "note", "annote", "annotation", "addendum"})
# Date fields: CSL variable, and the field prefix of their legacy year/month/day parts.
DATE_FIELDS = {
    "urldate": ("accessed", "url"),
    "eventdate": ("event-date", "event"),
    "origdate": ("original-date", "orig"),
}
# Literal lists whose items CSL joins with "; " (pandoc's reading of biblatex's lists).
PUBLISHER_FIELDS = ("school", "institution", "organization", "howpublished", "publisher")
PLACE_FIELDS = ("location", "address")
LIST_SEPARATOR = "; "
# editortype values -> the CSL name variable that carries the role. The roles CSL has no
# variable for (founder, continuator, redactor, reviser) stay CSL editors.
ROLE_VARIABLES = {
    "editor": "editor",
    "compiler": "compiler",
    "organizer": "organizer",
    "director": "director",
    "collaborator": "contributor",
    "founder": "editor",
    "continuator": "editor",
    "redactor": "editor",
    "reviser": "editor",
    **{
        v: v
        for v in """chair composer curator editorial-director executive-producer guest host
        illustrator interviewer narrator performer producer script-writer series-creator
        translator""".split()
    },
}
# related = {key}, relatedtype = {...}: the relations CSL can carry.
ORIGINAL_RELATIONS = frozenset(
    {"reprintof", "reprintfrom", "translationof", "origpubas", "origpubin"}
)
# eprinttype -> the URL an eprint id resolves at (pandoc's, plus hdl).
EPRINT_URLS = {
    "arxiv": "https://arxiv.org/abs/",
    "jstor": "https://www.jstor.org/stable/",
    "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
    "googlebooks": "https://books.google.com?id=",
    "hdl": "https://hdl.handle.net/",
}
_EVENT_FIELDS = frozenset({"eventtitle", "eventdate", "venue"})
_SECONDARY_EDITORS = frozenset({"editora", "editorb", "editorc"})
_OTHER_DATE_FIELDS = frozenset(
    {*DATE_FIELDS, *(prefix + "year" for _, prefix in DATE_FIELDS.values())}
)
_PUBLISHER_SET = frozenset(PUBLISHER_FIELDS)
_URL_IN = re.compile(r"^\\url\{([^{}]*)\}$|^(https?://\S+)$")
# Whitespace to make one space: runs, and single tabs and line breaks (a single space,
# most of them, is left alone: a regex that replaced every space by one was the slowest
# part of mapping abstracts).
_SPACES = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")
# What makes a value more than its own text: LaTeX (commands, groups, math, ties,
# ligatures), line breaks, tabs and runs of spaces.
_NOT_PLAIN = re.compile(r"[\\{}$~\t\r\n]|  |--|``|''|[!?]`")
_PARAGRAPHS = re.compile(r"[ \t]*\n[ \t]*\n\s*")
_LIST_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_JUNK_YEAR = re.compile(r"(-?\d{1,4})[a-z]")
_MONTH_RANGE = re.compile(r"(\w+)\.?\s*(?:--?|–|/)\s*(\w+)\.?")
# Publication states a year field sometimes holds instead of a year.
_YEAR_STATES = {
    "forthcoming": "forthcoming",
    "in press": "inpress",
    "inpress": "inpress",
    "submitted": "submitted",
}


@dataclass
class Mapped:
    """An entry's record, and the LaTeX commands it had that decoding kept as written."""

    record: Record
    unknown_macros: list[str] = field(default_factory=list)


def csl_type(entry_type: str, subtype: str | None = None, *, event: bool = False) -> str:
    """The CSL type of a BibTeX entry type.

    ``entrysubtype`` tells articles apart (``magazine``, ``newspaper``), and one naming a
    CSL type is that type (sarcref's export writes a @misc with ``entrysubtype =
    {broadcast}`` for a type biblatex lacks). An ``@unpublished`` with an event is a
    speech, as in pandoc.
    """
    if subtype:
        wanted = subtype.strip().lower()
        if entry_type in ("article", "suppperiodical") and wanted in ARTICLE_SUBTYPES:
            return ARTICLE_SUBTYPES[wanted]
        if wanted in CSL_TYPES:
            return wanted
    if entry_type == "unpublished" and event:
        return "speech"
    return TYPES_TO_CSL.get(entry_type, "document")


def entry_to_record(entry: BibEntry) -> Record:
    """The CSL record of a BibTeX entry; fields CSL cannot hold go to ``extra["bibtex"]``."""
    return map_entry(entry).record


def map_entry(entry: BibEntry, related: Mapping[str, BibEntry] | None = None) -> Mapped:
    """The CSL record of an entry, and the unknown LaTeX commands it holds.

    *related*: the file's entries by case-folded key, for ``related`` (reprints and
    translations fill the ``original-*`` variables, reviews ``reviewed-*``).
    """
    mapper = _Mapper(entry)
    mapper.run(related or {})
    own: dict[str, Any] = {"type": entry.entry_type}
    if mapper.fields:
        own["fields"] = mapper.fields
    record = Record(key=entry.key, csl=mapper.csl, extra={BIBTEX_EXTRA: own})
    return Mapped(record, mapper.unknown)


def date_value(raw: str) -> dict[str, Any] | None:
    """A date field (``date``, ``urldate``...) as a CSL date; None if it is not one."""
    return dates.parse_edtf(raw) or dates.parse_iso(raw)


def join_title(parts: list[str], separator: str) -> str:
    """Title parts joined as biblatex prints them: ``Title: Subtitle``, but a part ending
    in punctuation takes only a space (``Why?`` ``A reply``)."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif _plain_end(out) in "!?.,:;":
            out = f"{out} {part}"
        else:
            out = f"{out}{separator} {part}"
    return out


_MARKUP_TAG = re.compile(
    r'<(/?)(i|b|sup|sub|span)(?: class="nocase"| style="font-variant:small-caps;")?>'
)


def balanced_markup(text: str) -> str:
    """CSL rich text with every tag closed and no stray closing tag (a BibTeX value may
    hold a lone ``<i>``; export would close it, so import closes it first)."""
    open_tags: list[str] = []
    out: list[str] = []
    pos = 0
    for match in _MARKUP_TAG.finditer(text):
        closing, name = match.group(1), match.group(2)
        if closing:
            if name not in open_tags:
                out.append(text[pos : match.start()])
                pos = match.end()  # a closing tag nothing opened: dropped
                continue
            while open_tags and open_tags[-1] != name:
                out.append(text[pos : match.start()] + f"</{open_tags.pop()}>")
                pos = match.start()
            open_tags.pop()
        else:
            open_tags.append(name)
    if not open_tags and pos == 0:
        return text
    out.append(text[pos:])
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(out)


def full_title(parts: list[str]) -> str:
    """[title, subtitle, addon] as one title: ``Title: Subtitle. Addon``."""
    title, sub, addon = parts
    if not sub and not addon:
        return title
    return join_title([join_title([title, sub], ":"), addon], ".")


def _plain_end(text: str) -> str:
    plain = re.sub(r"<[^>]*>", "", text).rstrip()
    return plain[-1:] or " "


def short_title(title: str) -> str | None:
    """A title's part before its first ``": "`` outside markup: the short title pandoc and
    Chicago use; None when the title has no such part."""
    if ": " not in title:
        return None
    depth = 0
    for match in re.finditer(r"<(/?)[^>]*>|: ", title):
        token = match.group()
        if token == ": ":
            if depth == 0 and match.start() > 0:
                return title[: match.start()].rstrip()
        elif match.group(1):
            depth -= 1
        else:
            depth += 1
    return None


class _Mapper:
    """One entry's mapping: pops the fields it uses from ``fields``, fills ``csl``."""

    def __init__(self, entry: BibEntry) -> None:
        self.entry = entry
        self.type = entry.entry_type
        self.fields = {k: v for k, v in entry.fields.items() if v.strip()}
        # Bound once: mapping pops some forty names an entry, most of them absent.
        self.pop = self.fields.pop
        self.csl: dict[str, Any] = {"id": entry.key}
        self.unknown: list[str] = []
        self.lbx = "english"
        self.markup = False  # whether any value holds a "<": tags to balance at the end

    # -- helpers ------------------------------------------------------------------------

    def text(
        self, value: str, *, rich: bool = False, protect: bool = False, lines: bool = False
    ) -> str:
        if not _NOT_PLAIN.search(value):
            if "<" in value:
                self.markup = True
            return value.strip()  # most values: nothing to decode, no spaces to collapse
        if "\\" in value:
            if "\\bib" in value:
                value = localisation.expand_bibstrings(value, self.lbx)
            for name in latex.unknown_macros(value):
                if name not in self.unknown:
                    self.unknown.append(name)
        text = latex.decode(value, rich=rich, protect=protect)
        if "<" in text:
            self.markup = True
        if lines:
            return "\n\n".join(_SPACES.sub(" ", p).strip() for p in _PARAGRAPHS.split(text.strip()))
        return _SPACES.sub(" ", text).strip()

    def title(self, value: str) -> str:
        return self.text(value, rich=True, protect=True)

    def pop_first(self, *candidates: str) -> tuple[str, str] | None:
        """The first candidate present, popped; the others stay as fields."""
        for name in candidates:
            if name in self.fields:
                return name, self.fields.pop(name)
        return None

    def items(self, value: str) -> list[str]:
        """A literal list's items (split on ``and`` outside braces), decoded."""
        pieces = scan.split(value, _LIST_AND) if " " in value else [value]
        return [t for t in (self.text(p) for p in pieces) if t]

    def names(self, value: str, useprefix: bool) -> list[dict[str, str]]:
        if "\\" in value:
            for name in latex.unknown_macros(value):
                if name not in self.unknown:
                    self.unknown.append(name)
        return names.parse_names(value, useprefix=useprefix)

    # -- the mapping --------------------------------------------------------------------

    def run(self, related: Mapping[str, BibEntry]) -> None:
        self.language()
        subtype = self.fields.get("entrysubtype")
        event = not self.fields.keys().isdisjoint(_EVENT_FIELDS)
        item_type = csl_type(self.type, subtype, event=event)
        if subtype is not None and item_type != csl_type(self.type, event=event):
            self.pop("entrysubtype", None)  # it made the type: export writes it back
        self.csl["type"] = item_type
        self.titles()
        self.people()
        self.publication()
        self.numbers()
        self.identifiers()
        self.notes()
        self.all_dates()
        if related:
            self.relations(related)
        if self.markup:
            for variable in RICH_VARIABLES & self.csl.keys():
                value = self.csl[variable]
                if isinstance(value, str) and "<" in value:
                    self.csl[variable] = balanced_markup(value).strip()

    def language(self) -> None:
        options = self.fields.get("langidopts")
        found = self.pop_first("langid", "hyphenation")
        code = None
        if found is not None:
            code = language_code(found[1], options)
            if code is None:
                self.fields[found[0]] = found[1]  # a name sarcref does not know: kept
            elif options and re.fullmatch(r"\s*variant\s*=\s*\w+\s*", options):
                self.pop("langidopts", None)
        elif "language" in self.fields:
            code = language_code(self.fields["language"])
            if code is not None:
                self.pop("language", None)
        if code is not None:
            self.csl["language"] = code
        self.lbx = lbx_language(code)

    def titles(self) -> None:
        kind = self.type
        chapter = kind in CHAPTER_TYPES
        has_main = "maintitle" in self.fields
        title_parts = self.title_parts("")
        if kind == "periodical" and "issuetitle" in self.fields:
            journal = title_parts
            title_parts = self.title_parts("issue")
            self.set("container-title", full_title(journal))
        elif has_main and not chapter:
            self.set("volume-title", full_title(title_parts))
            title_parts = self.title_parts("main")
        if not title_parts[0] and kind not in CHAPTER_TYPES and "booktitle" in self.fields:
            title_parts = self.title_parts("book")  # a @collection titled in booktitle
        title = join_title(title_parts[:2], ":") if title_parts[1] else title_parts[0]
        if title or title_parts[2]:
            self.csl["title"] = full_title(title_parts)
        shorttitle = self.pop("shorttitle", None)
        if shorttitle is not None:
            self.set("title-short", self.title(shorttitle))
        elif title_parts[0] and (title_parts[1] or title_parts[2]):
            self.set("title-short", short_title(title_parts[0]) or title_parts[0])
        elif title:
            self.set("title-short", short_title(title))
        if chapter:
            container = self.title_parts("main") if has_main else self.title_parts("book")
            if has_main:
                self.set("volume-title", full_title(self.title_parts("book")))
            if not container[0]:
                container = self.title_parts("journal")  # as pandoc: a paper "in" a journal
        else:
            container = self.title_parts("journal")
            if not container[0] and kind not in BOOK_TYPES:
                container = self.title_parts("book")  # a @misc or @online "in" something
            if kind in ARTICLE_TYPES and "issuetitle" in self.fields:
                self.set("volume-title", full_title(self.title_parts("issue")))
        if container[0] and "container-title" not in self.csl:
            self.set("container-title", full_title(container))
        short = self.pop_first("shortjournal", "journalabbreviation")
        if short is not None:
            self.set("container-title-short", self.title(short[1]))
        series = self.pop("series", None)
        if series is not None:
            self.set("collection-title", self.series(series))
        event = self.pop("eventtitle", None)
        if event is not None:
            addon = self.pop("eventtitleaddon", None)
            parts = [self.title(event), self.title(addon) if addon else ""]
            self.set("event-title", join_title(parts, "."))
        original = self.pop("origtitle", None)
        if original is not None:
            self.set("original-title", self.title(original))

    def title_parts(self, prefix: str) -> list[str]:
        """[title, subtitle, addon] of one title family (``book``: booktitle...), popped."""
        if prefix == "journal":
            found = self.pop_first("journaltitle", "journal")
            main = found[1] if found else None
        else:
            main = self.pop(prefix + "title", None)
        if main is None:
            return ["", "", ""]
        sub = self.pop(prefix + "subtitle", None)
        addon = self.pop(prefix + "titleaddon", None)
        return [
            self.title(main),
            self.title(sub) if sub else "",
            self.title(addon) if addon else "",
        ]

    def series(self, value: str) -> str:
        stripped = value.strip()
        if self.type in ARTICLE_TYPES and stripped.isdigit():
            # biblatex prints an article's numbered series as "3rd series" (manual 2.3.7).
            return (
                f"{_ordinal(int(stripped), self.lbx)} {localisation.bibstring('jourser', self.lbx)}"
            )
        return self.title(localisation.resolve_key(value, self.lbx))

    def set(self, variable: str, value: Any) -> None:
        if value:
            self.csl[variable] = value

    def people(self) -> None:
        useprefix = _option(self.fields.get("options"), "useprefix")
        for name, variable in (
            ("author", "author"),
            ("translator", "translator"),
            ("bookauthor", "container-author"),
        ):
            value = self.pop(name, None)
            if value is not None:
                self.add_names(variable, self.names(value, useprefix))
        editor = self.pop("editor", None)
        if editor is not None:
            role = self.fields.get("editortype", "editor").strip()
            # A role CSL has no variable for is an editor, and its editortype stays.
            variable = ROLE_VARIABLES.get(role, "editor")
            if variable != "editor" or role == "editor":
                self.pop("editortype", None)
            self.add_names(variable, self.names(editor, useprefix))
        if self.fields.keys().isdisjoint(_SECONDARY_EDITORS):
            return
        for letter in "abc":
            value = self.fields.get(f"editor{letter}")
            role = self.fields.get(f"editor{letter}type", "").strip()
            secondary = ROLE_VARIABLES.get(role)
            if value is None or secondary in (None, "editor") or secondary in self.csl:
                continue  # a secondary editor CSL has no separate variable for: kept
            self.pop(f"editor{letter}", None)
            self.pop(f"editor{letter}type", None)
            self.add_names(secondary, self.names(value, useprefix))

    def add_names(self, variable: str, parsed: list[dict[str, str]]) -> None:
        if parsed:
            self.csl.setdefault(variable, []).extend(parsed)

    def publication(self) -> None:
        publishers: list[str] = []
        present = self.fields.keys() & _PUBLISHER_SET
        for name in PUBLISHER_FIELDS if present else ():
            value = self.fields.get(name)
            if value is None:
                continue
            if name == "howpublished":
                url = _URL_IN.match(value.strip())
                if url:
                    if "url" not in self.fields and "URL" not in self.csl:
                        self.csl["URL"] = url.group(1) or url.group(2)
                        self.pop(name, None)
                    continue
                items = [self.text(value)]
            else:
                items = self.items(value)
            self.pop(name, None)
            publishers += [i for i in items if i not in publishers]
        self.set("publisher", LIST_SEPARATOR.join(publishers))
        if self.type == "patent":
            # A patent's location is its scope, a key list of countries (biblatex); its
            # address, as pandoc reads it, the place of publication.
            scope, address = self.pop("location", None), self.pop("address", None)
            if scope is not None:
                countries = [localisation.resolve_key(i, self.lbx) for i in self.items(scope)]
                self.set("jurisdiction", LIST_SEPARATOR.join(countries))
            if address is not None:
                self.set("publisher-place", LIST_SEPARATOR.join(self.items(address)))
        else:
            place = self.pop_first(*PLACE_FIELDS)
            if place is not None:
                self.set("publisher-place", LIST_SEPARATOR.join(self.items(place[1])))
        origlocation = self.pop("origlocation", None)
        if origlocation is not None:
            self.set("original-publisher-place", LIST_SEPARATOR.join(self.items(origlocation)))
        origpublisher = self.pop("origpublisher", None)
        if origpublisher is not None:
            self.set("original-publisher", LIST_SEPARATOR.join(self.items(origpublisher)))
        genre_key = self.fields.get("type") or DEFAULT_TYPE_KEYS.get(self.type)
        if genre_key is not None:
            self.pop("type", None)
            self.set("genre", self.text(localisation.resolve_key(genre_key, self.lbx)))
        pubstate = self.pop("pubstate", None)
        if pubstate is not None:
            self.set("status", self.text(localisation.resolve_key(pubstate, self.lbx)))
        for name in PLAIN_FIELDS.keys() & self.fields.keys():
            self.set(PLAIN_FIELDS[name], self.text(self.fields.pop(name)))

    def numbers(self) -> None:
        volume, part = self.pop("volume", None), self.pop("part", None)
        if volume is not None or part is not None:
            shown = [self.text(v) for v in (volume, part) if v is not None]
            self.set("volume", ".".join(shown))  # biblatex and pandoc: volume 2, part 1 is 2.1
        number, issue = self.pop("number", None), self.pop("issue", None)
        if self.type in ARTICLE_TYPES:
            both = [self.text(v) for v in (number, issue) if v is not None]
            self.set("issue", ", ".join(both))
        else:
            if issue is not None:
                self.set("issue", self.text(issue))
            if number is not None:
                variable = "collection-number" if self.type in SERIES_NUMBERED_TYPES else "number"
                self.set(variable, self.text(number))
        # biblatex's eid is the article (or paper) number: CSL's number, where it is free.
        if "eid" in self.fields and "number" not in self.csl:
            self.set("number", self.text(self.fields.pop("eid")))

    def identifiers(self) -> None:
        pages = self.pop("pages", None)
        if pages is not None:
            self.set("page", self.text(pages).replace("\u2013", "-").replace("--", "-"))
        doi = self.pop("doi", None)
        if doi is not None:
            value = _verbatim(doi)
            self.set("DOI", bare_doi(value) or value)
        url = self.pop("url", None)
        if url is not None:
            self.set("URL", _verbatim(url))
        eprint = self.fields.get("eprint")
        kind = (
            (self.fields.get("eprinttype") or self.fields.get("archiveprefix") or "")
            .strip()
            .lower()
        )
        if eprint and kind:
            derived = eprint_variables(kind, _verbatim(eprint))
            for variable, value in derived.items():
                self.csl.setdefault(variable, value)

    def notes(self) -> None:
        note, addendum = self.pop("note", None), self.pop("addendum", None)
        parts = [self.text(v, rich=True, lines=True) for v in (note, addendum) if v is not None]
        self.set("note", join_title(parts, "."))
        for name, variable in TEXT_FIELDS.items():
            if name in self.fields and variable not in self.csl:
                self.set(
                    variable,
                    self.text(self.fields.pop(name), rich=True, lines=name in MULTILINE_FIELDS),
                )
        keywords = self.pop("keywords", None)
        if keywords is not None:
            self.set("keyword", self.text(keywords))

    def all_dates(self) -> None:
        issued = self.issued()
        if issued is not None:
            self.csl["issued"] = issued
        if self.fields.keys().isdisjoint(_OTHER_DATE_FIELDS):
            return
        for name, (variable, prefix) in DATE_FIELDS.items():
            raw = self.pop(name, None)
            if raw is not None:
                self.csl[variable] = self.date_field(name, raw)
            elif prefix + "year" in self.fields:
                year = self.pop(prefix + "year", None) or ""
                month, day = self.pop(prefix + "month", None), self.pop(prefix + "day", None)
                self.csl[variable] = dates.from_year_month(
                    self.text(year),
                    self.text(month) if month else None,
                    self.text(day) if day else None,
                )

    def date_field(self, name: str, raw: str) -> dict[str, Any]:
        """A date field as CSL; what CSL cannot hold (``?``, a time) keeps the field as
        written, for export to write back while the date still says the same."""
        value = date_value(raw)
        if value is None:
            return {"literal": self.text(raw)}
        if dates.to_edtf(value) != raw.strip():
            self.fields[name] = raw
        return value

    def issued(self) -> dict[str, Any] | None:
        date = self.pop("date", None)
        if date is not None:
            parsed = date_value(date)
            if parsed is None:
                return {"literal": self.text(date)}
            if dates.to_edtf(parsed) != date.strip():
                self.fields["date"] = date
            # year/month/day that say the same as date are used up; others stay as fields.
            head = dates.first_parts(parsed)
            for name, index in (("year", 0), ("month", 1), ("day", 2)):
                value = self.fields.get(name)
                if value is None:
                    continue
                text = self.text(value)
                number = dates.month_number(text) if name == "month" else _int(text)
                if len(head) > index and number == head[index]:
                    del self.fields[name]
            return parsed
        year = self.pop("year", None)
        if year is None:
            return None
        month, day = self.pop("month", None), self.pop("day", None)
        year_text = self.text(year)
        state = _YEAR_STATES.get(year_text.lower())
        if state is not None and "status" not in self.csl:
            self.csl["status"] = localisation.bibstring(state, self.lbx) or year_text
        junk = _JUNK_YEAR.fullmatch(year_text)
        if junk:
            self.fields["year"] = year  # 1990a: the letter is written back on export
            year_text = junk.group(1)
        month_text = self.text(month) if month else None
        if month_text:
            ranged = self.month_range(year_text, month_text, day)
            if ranged is not None:
                return ranged
        return dates.from_year_month(year_text, month_text, self.text(day) if day else None)

    def month_range(self, year: str, month: str, day: str | None) -> dict[str, Any] | None:
        """``month = {jun--jul}`` as a range of months."""
        match = _MONTH_RANGE.fullmatch(month)
        if day or not match or not re.fullmatch(r"-?\d{1,4}", year):
            return None
        first, last = dates.month_number(match.group(1)), dates.month_number(match.group(2))
        if first is None or last is None:
            return None
        return {"date-parts": [[int(year), first], [int(year), last]]}

    def relations(self, related: Mapping[str, BibEntry]) -> None:
        keys = self.fields.get("related")
        kind = (self.fields.get("relatedtype") or "").strip()
        if not keys or kind not in ORIGINAL_RELATIONS | {"reviewof"}:
            return
        other = next(
            (related[k.casefold()] for k in key_list(keys) if k.casefold() in related), None
        )
        if other is None or other is self.entry:
            return
        source = map_entry(BibEntry(other.entry_type, other.key, dict(other.fields), other.line))
        data = source.record.csl
        if kind == "reviewof":
            pairs = [
                ("title", "reviewed-title"),
                ("author", "reviewed-author"),
                ("genre", "reviewed-genre"),
            ]
        else:
            pairs = [
                ("title", "original-title"),
                ("issued", "original-date"),
                ("publisher", "original-publisher"),
                ("publisher-place", "original-publisher-place"),
            ]
            if kind == "translationof":
                pairs.append(("author", "original-author"))
        for variable, target in pairs:
            if variable in data and target not in self.csl:
                self.csl[target] = data[variable]


def eprint_variables(kind: str, eprint: str) -> dict[str, str]:
    """The CSL variables an ``eprint`` of ``eprinttype`` *kind* gives (a URL for arXiv,
    JSTOR, PubMed, Google Books and handles; also the PMID, the PMCID or the DOI)."""
    out: dict[str, str] = {}
    eprint = eprint.strip()
    if kind in EPRINT_URLS:
        out["URL"] = EPRINT_URLS[kind] + eprint
    if kind == "pubmed":
        out["PMID"] = eprint
    elif kind == "pmcid":
        out["PMCID"] = eprint
    elif kind == "doi":
        out["DOI"] = bare_doi(eprint) or eprint
    return out


def _verbatim(value: str) -> str:
    value = value.strip()
    return VERBATIM_ESCAPES.sub(r"\1", value) if "\\" in value else value


def _option(options: str | None, name: str) -> bool:
    """A boolean entry option (``options = {useprefix=true}``; a bare name is true)."""
    if not options:
        return False
    for item in options.split(","):
        key, _, value = item.partition("=")
        if key.strip().lower() == name:
            return value.strip().lower() in ("", "true")
    return False


def _ordinal(number: int, language: str) -> str:
    """An ordinal as biblatex's \\mkbibordinal prints it, for the languages it differs in."""
    if language in ("english", "american", "british", "canadian", "australian", "newzealand"):
        if 10 <= number % 100 <= 20:
            return f"{number}th"
        return f"{number}" + {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if language in ("french",):
        return f"{number}e" if number != 1 else "1re"
    return f"{number}."


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None
