"""CSV exports of literature databases (Scopus, PubMed, Embase, Web of Science) to CSL records.

A CSV file says nothing about its format but its header row: each database's export is
recognised by its column names and read with that database's column map (``PROFILES``). Any
other CSV is read with a column map the user gives (``--format csv --map
"Title=title,Authors=author,Year=issued"``, ``parse_column_map``); without one it is refused
with the columns it has. A column map's fields are CSL variables (names and dates are parsed:
``Lerman, Daniel M.; Randall, R. L.``, ``2015``, ``15 Feb 2015``), and four of sarcref's:
``page-last`` (joined to ``page-first`` into ``page``), ``article-number`` (the page when
there is none), ``accession`` (the database's record id) and ``ignore``. Columns the map
leaves out are kept in the record's sarcref fields (``extra["csv"]``, column -> value).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import DataError, UsageError
from ..records import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES
from . import collect
from .journal_titles import journal_title
from .languages import bcp47
from .model import Problem, ReadResult
from .person_names import from_any, split_list
from .pubmed_citation import clean_title, expand_pages
from .text_dates import parse_text_date

FORMAT = "csv"
EXTRA = "csv"

STANDARD_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-label citation-number collection-number
    collection-title container-title container-title-short dimensions division DOI edition
    event event-place event-title genre ISBN ISSN issue jurisdiction keyword language license
    medium note number number-of-pages number-of-volumes original-publisher
    original-publisher-place original-title page page-first part-number part-title PMCID
    PMID publisher publisher-place references reviewed-genre reviewed-title scale section
    source status supplement-number title title-short type URL version volume volume-title
    year-suffix""".split()
)
SARCREF_FIELDS = frozenset({"page-last", "article-number", "accession", "ignore"})
FIELDS = STANDARD_VARIABLES | NAME_VARIABLES | DATE_VARIABLES | SARCREF_FIELDS
_FIELD_BY_FOLDED = {f.casefold(): f for f in FIELDS}

# Document types databases write (Scopus, Web of Science, Embase, PubMed) and CSL's types.
DOCUMENT_TYPES = {
    "article": "article-journal",
    "journal article": "article-journal",
    "review": "article-journal",
    "book": "book",
    "book chapter": "chapter",
    "chapter": "chapter",
    "conference paper": "paper-conference",
    "conference review": "paper-conference",
    "proceedings paper": "paper-conference",
    "report": "report",
    "thesis": "thesis",
    "dissertation": "thesis",
    "patent": "patent",
    "preprint": "article",
    "dataset": "dataset",
    "data set": "dataset",
}
_PLACEHOLDERS = frozenset({"[no abstract available]", "[no author name available]", "[no title]"})
_PUBMED_CITATION = re.compile(
    r"(?P<journal>.+?)\.\s+(?P<date>\d{4}[^;:.]*?)"
    r"(?:;\s*(?P<volume>[^(:;.]*)(?:\((?P<issue>[^)]*)\))?)?(?::(?P<page>[^.;]+))?\."
)
_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")


@dataclass(frozen=True)
class Profile:
    """How one database's CSV export is recognised and read."""

    name: str
    database: str | None
    columns: tuple[tuple[str, str], ...]  # (column, field) in the order they are applied
    required: frozenset[str] = frozenset()  # columns (case-folded) every export has
    any_of: frozenset[str] = frozenset()  # and at least one of these
    title_period: bool = False  # NLM closes titles with a period

    def matches(self, header: set[str]) -> bool:
        return self.required <= header and (not self.any_of or bool(self.any_of & header))


def _columns(spec: str) -> tuple[tuple[str, str], ...]:
    pairs = [line.rsplit("=", 1) for line in spec.strip().splitlines()]
    return tuple((column.strip(), target.strip()) for column, target in pairs)


PROFILES = (
    Profile(
        "scopus",
        "Scopus",
        _columns(
            """
            Author full names=author
            Authors=author
            Title=title
            Year=issued
            Source title=container-title
            Abbreviated Source Title=container-title-short
            Volume=volume
            Issue=issue
            Art. No.=article-number
            Page start=page-first
            Page end=page-last
            Page count=number-of-pages
            DOI=DOI
            Link=URL
            Abstract=abstract
            Author Keywords=keyword
            Index Keywords=keyword
            Editors=editor
            Publisher=publisher
            Conference name=event-title
            Conference location=event-place
            ISSN=ISSN
            ISBN=ISBN
            PubMed ID=PMID
            Language of Original Document=language
            Document Type=type
            EID=accession
            """
        ),
        frozenset({"title", "year", "source title"}),
        frozenset({"eid", "authors", "author full names"}),
    ),
    Profile(
        "pubmed",
        "PubMed",
        _columns(
            """
            PMID=PMID
            PMID=accession
            Title=title
            Authors=author
            Citation=citation
            Journal/Book=container-title-short
            Publication Year=issued
            PMCID=PMCID
            DOI=DOI
            First Author=ignore
            """
        ),
        frozenset({"pmid", "title", "authors", "citation"}),
        title_period=True,
    ),
    Profile(
        "embase",
        "Embase",
        _columns(
            """
            Title=title
            Author Names=author
            Editors=editor
            Source title=container-title
            Date of Publication=issued
            Publication Year=issued
            Volume=volume
            Issue=issue
            First Page=page-first
            Last Page=page-last
            Pages=page
            Publication Type=type
            Conference Name=event-title
            Conference Location=event-place
            ISSN=ISSN
            ISBN=ISBN
            Book Publisher=publisher
            Abstract=abstract
            Author Keywords=keyword
            Emtree Drug Index Terms (Major Focus)=keyword
            Emtree Medical Index Terms (Major Focus)=keyword
            Emtree Drug Index Terms=keyword
            Emtree Medical Index Terms=keyword
            Article Language=language
            Embase Accession ID=accession
            Medline PMID=PMID
            DOI=DOI
            Full Text Link=URL
            """
        ),
        frozenset({"title", "author names"}),
        frozenset({"embase accession id", "pui", "emtree medical index terms", "medline pmid"}),
    ),
    Profile(
        "web-of-science",
        "Web of Science",
        _columns(
            """
            Author Full Names=author
            Authors=author
            Book Editors=editor
            Article Title=title
            Source Title=container-title
            Book Series Title=collection-title
            Journal ISO Abbreviation=container-title-short
            Journal Abbreviation=container-title-short
            Publication Date=issued
            Publication Year=issued
            Early Access Date=available-date
            Volume=volume
            Issue=issue
            Start Page=page-first
            End Page=page-last
            Article Number=article-number
            Number of Pages=number-of-pages
            DOI=DOI
            Pubmed Id=PMID
            ISSN=ISSN
            eISSN=ISSN
            ISBN=ISBN
            Publisher=publisher
            Publisher City=publisher-place
            Conference Title=event-title
            Conference Location=event-place
            Language=language
            Document Type=type
            Abstract=abstract
            Author Keywords=keyword
            Keywords Plus=keyword
            UT (Unique WOS ID)=accession
            """
        ),
        frozenset({"article title", "source title"}),
        frozenset({"ut (unique wos id)", "publication year", "author full names"}),
    ),
)


@dataclass
class Table:
    """A CSV file's header and rows (each with the line it starts on)."""

    header: list[str]
    rows: list[tuple[list[str], int]] = field(default_factory=list)


def sniff_header(head: str) -> list[str] | None:
    """The column names of a text that reads as a CSV table (a header and a row alike)."""
    lines = head.lstrip("\ufeff").splitlines()
    if len(lines) < 2:
        return None
    delimiter = _delimiter(lines[0])
    rows = list(csv.reader(lines[:2], delimiter=delimiter))
    if len(rows) < 2 or len(rows[0]) < 3 or len(rows[0]) != len(rows[1]):
        return None
    header = [c.strip() for c in rows[0]]
    if not all(header) or any(len(c) > 80 for c in header):
        return None
    return header


def profile_for(header: list[str]) -> Profile | None:
    """The database export whose columns these are; None for any other CSV."""
    folded = {h.strip().casefold() for h in header}
    return next((p for p in PROFILES if p.matches(folded)), None)


def looks_like_database_csv(head: str) -> bool:
    header = sniff_header(head)
    return header is not None and profile_for(header) is not None


def parse_column_map(spec: str) -> dict[str, str]:
    """``--map`` text (``Title=title,Authors=author,Year=issued``) as ``{column: field}``.

    A column name may hold commas (``Times Cited, All Databases=note``). Raises UsageError
    for a piece without ``=`` or a field that is neither a CSL variable nor one of
    ``page-last``, ``article-number``, ``accession``, ``ignore``.
    """
    pieces: list[str] = []
    for piece in spec.split(","):
        if pieces and "=" not in pieces[-1]:
            pieces[-1] += "," + piece
        else:
            pieces.append(piece)
    mapping: dict[str, str] = {}
    for piece in pieces:
        column, equals, target = piece.rpartition("=")
        if not equals or not column.strip() or not target.strip():
            raise UsageError(
                f"--map: '{piece.strip()}' is not COLUMN=FIELD",
                hint="e.g. --map 'Title=title,Authors=author,Year=issued'",
            )
        name = _FIELD_BY_FOLDED.get(target.strip().casefold())
        if name is None:
            raise UsageError(
                f"--map: '{target.strip()}' is not a CSL variable",
                hint="fields are CSL variables (title, author, issued, container-title, DOI, "
                "...) or page-last, article-number, accession, ignore",
            )
        mapping[column.strip()] = name
    return mapping


def read(text: str, source: str, column_map: Mapping[str, str] | None = None) -> ReadResult:
    """The records of a CSV export: a known database's, or any CSV with *column_map*."""
    table = parse_table(text, source)
    if column_map:
        profile = _user_profile(table.header, column_map, source)
    else:
        found = profile_for(table.header)
        if found is None:
            raise DataError(
                f"{source}:1: a CSV file whose columns sarcref does not know: "
                + ", ".join(table.header),
                hint="say what its columns hold: --format csv --map "
                + f"'{suggested_map(table.header)}'",
            )
        profile = found
    result = ReadResult(FORMAT)
    index = {h.strip().casefold(): i for i, h in reversed(list(enumerate(table.header)))}
    for row, line in table.rows:
        if len(row) > len(table.header) and any(c.strip() for c in row[len(table.header) :]):
            reason = f"the row has {len(row)} cells, the header {len(table.header)}"
            result.problems.append(Problem(source, line, None, reason))
            continue
        values = {h: (row[i].strip() if i < len(row) else "") for h, i in index.items()}
        csl, extra, warnings = row_to_csl(values, table.header, profile)
        label = extra["source"].get("accession")
        for warning in warnings:
            collect.warn(result, source, line, label, warning)
        collect.add_record(result, csl, extra, source, line, label)
    return result


def parse_table(text: str, source: str) -> Table:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader, [])
        table = Table([h.strip() for h in header])
        previous = reader.line_num
        for row in reader:
            if any(cell.strip() for cell in row):
                table.rows.append((row, previous + 1))
            previous = reader.line_num
    except csv.Error as error:
        raise DataError(f"{source}:{reader.line_num}: not a readable CSV file: {error}") from None
    if not table.header:
        raise DataError(f"{source}: an empty CSV file (no header row)")
    return table


def _delimiter(line: str) -> str:
    """Comma, semicolon (spreadsheets in many locales) or tab: the most frequent outside quotes."""
    bare = re.sub(r'"[^"]*"', "", line)
    return max((",", ";", "\t"), key=bare.count)


def _user_profile(header: list[str], column_map: Mapping[str, str], source: str) -> Profile:
    by_folded = {h.strip().casefold(): h for h in header}
    missing = [c for c in column_map if c.strip().casefold() not in by_folded]
    if missing:
        raise UsageError(
            f"--map names columns {source} does not have: {', '.join(missing)}",
            hint="its columns are: " + ", ".join(header),
        )
    return Profile("map", None, tuple(column_map.items()))


def suggested_map(header: list[str]) -> str:
    """A ``--map`` for the columns whose names say what they hold, to start from."""
    guesses = {
        "title": "title",
        "article title": "title",
        "document title": "title",
        "author": "author",
        "authors": "author",
        "year": "issued",
        "publication year": "issued",
        "date": "issued",
        "journal": "container-title",
        "source": "container-title",
        "source title": "container-title",
        "publication title": "container-title",
        "pages": "page",
        "abstract": "abstract",
        "keywords": "keyword",
    }
    pairs = []
    for column in header:
        folded = column.strip().casefold()
        target = guesses.get(folded) or _FIELD_BY_FOLDED.get(folded)
        if target and target not in SARCREF_FIELDS:
            pairs.append(f"{column}={target}")
    return ",".join(pairs) or "COLUMN=title,COLUMN=author,COLUMN=issued"


def row_to_csl(
    values: Mapping[str, str], header: list[str], profile: Profile
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The CSL variables, sarcref fields and warnings of one row (case-folded column -> value)."""
    csl: dict[str, Any] = {}
    keywords: list[str] = []
    dates: dict[str, list[str]] = {}
    types: list[str] = []
    warnings: list[str] = []
    source: dict[str, str] = {"format": FORMAT}
    if profile.database:
        source["database"] = profile.database
    used: set[str] = set()
    for column, target in profile.columns:
        folded = column.strip().casefold()
        value = values.get(folded, "")
        if not value or value.casefold() in _PLACEHOLDERS or target == "ignore":
            used.add(folded)
            continue
        if target in csl and target not in ("page-first", "page-last", "article-number"):
            if csl[target] == " ".join(value.split()):
                used.add(folded)
            continue  # an earlier column gave it ("Author full names" before "Authors"): kept
        used.add(folded)
        if target == "keyword":
            keywords += _keywords(value)
        elif target in DATE_VARIABLES:
            dates.setdefault(target, []).append(value)
        elif target == "type":
            types += [t.strip() for t in value.split(";") if t.strip()]
        elif target == "accession":
            source.setdefault("accession", value)
        elif target == "citation":
            _pubmed_citation(value, csl, dates)
        elif target in NAME_VARIABLES:
            if target not in csl:
                names = [_name(n) for n in split_list(value)]
                csl[target] = [n for n in names if n]
        elif target not in csl:
            _text(target, value, csl, warnings, profile)
    _pages(csl)
    for variable, candidates in dates.items():
        date = _date(candidates)
        if date is not None:
            csl[variable] = date
        else:
            csl[variable] = {"literal": candidates[0]}
            warnings.append(f"date '{candidates[0]}' kept as text")
    if keywords:
        csl["keyword"] = ", ".join(dict.fromkeys(keywords))
    csl["type"] = _type(types, csl)
    csl["id"] = ""
    extra: dict[str, Any] = {"source": source}
    if types:
        extra["publication-types"] = types
    rest = {h: values[h.strip().casefold()] for h in header if h.strip().casefold() not in used}
    rest = {h: v for h, v in rest.items() if v}
    if rest:
        extra[EXTRA] = rest
    return csl, extra, warnings


def _text(
    target: str, value: str, csl: dict[str, Any], warnings: list[str], profile: Profile
) -> None:
    value = " ".join(value.split())
    if target == "title" and profile.title_period:
        value = clean_title(value)
    elif target == "container-title" and (value.isupper() or profile.database == "Web of Science"):
        value = journal_title(value)
    elif target == "ISSN":
        match = _ISSN.search(value)
        value = f"{match.group(1)}-{match.group(2).upper()}" if match else value
    elif target == "ISBN":
        value = re.split(r"[;,]", value)[0].strip()
    elif target == "language":
        first = re.split(r"[;,]", value)[0].strip()
        tag = bcp47(first)
        if tag is None:
            warnings.append(f"language '{value}' is not one sarcref knows; left out")
            return
        value = tag
    elif target == "PMID":
        value = value.removeprefix("PMID:").strip()
    csl[target] = value


def _name(text: str) -> dict[str, str] | None:
    # Scopus writes "Lerman, Daniel M. (57190000000)": the author's Scopus id in brackets.
    text = re.sub(r"\s*\(\d+\)\s*$", "", text).strip()
    return from_any(text) if text else None


def _keywords(value: str) -> list[str]:
    separator = ";" if ";" in value else ","
    words = [w.strip() for w in value.split(separator) if w.strip()]
    # Web of Science's Keywords Plus are in capitals: lower case reads as the words they are.
    return [w.lower() if w.isupper() and len(w) > 4 else w for w in words]


def _pages(csl: dict[str, Any]) -> None:
    """``page`` from the first and last page, or the article number when there are none."""
    first = csl.pop("page-first", "")
    last = csl.pop("page-last", "")
    number = csl.pop("article-number", "")
    if "page" not in csl:
        if first and last and last != first:
            csl["page"] = f"{first}-{last}"
        elif first or last or number:
            csl["page"] = first or last or number


def _date(candidates: list[str]) -> dict[str, Any] | None:
    """The most precise of the columns' dates; a day and month without a year take another's."""
    years = [m.group() for c in candidates for m in [re.search(r"\b\d{4}\b", c)] if m]
    best: dict[str, Any] | None = None
    for text in candidates:
        date = parse_text_date(text)
        if date is None and years and not re.search(r"\b\d{4}\b", text):
            date = parse_text_date(f"{text} {years[0]}")
        if date is not None and (best is None or _precision(date) > _precision(best)):
            best = date
    return best


def _precision(date: Mapping[str, Any]) -> int:
    parts = date.get("date-parts") or [[]]
    return len(parts[0]) + (1 if "season" in date else 0)


def _pubmed_citation(value: str, csl: dict[str, Any], dates: dict[str, list[str]]) -> None:
    """PubMed CSV's ``Citation``: ``Curr Opin Pediatr. 2015 Feb;27(1):3-8. doi: ...``."""
    match = _PUBMED_CITATION.match(value)
    if match is None:
        return
    for variable in ("volume", "issue", "page"):
        text = (match.group(variable) or "").strip()
        if text:
            csl.setdefault(variable, expand_pages(text) if variable == "page" else text)
    csl.setdefault("container-title-short", match.group("journal").strip())
    dates.setdefault("issued", []).insert(0, match.group("date").strip())


def _type(types: list[str], csl: Mapping[str, Any]) -> str:
    """The first document type that says more than "journal article", else the default."""
    for kind in types:
        folded = kind.casefold()
        mapped = DOCUMENT_TYPES.get(folded) or (folded if folded in CSL_TYPES else None)
        if mapped and mapped != "article-journal":
            return mapped
    if types or csl.get("container-title") or csl.get("container-title-short"):
        return "article-journal"
    return "document"
