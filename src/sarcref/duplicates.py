"""When two records are one work, and what their merge keeps.

Two records are duplicates when they share a DOI, a PMID or a PMCID; or, failing those,
when their titles match once normalised (case, accents, punctuation, HTML and LaTeX markup,
a trailing period, a translated title's ``[brackets]``, British or American spelling) and
their years are the same (or one apart for two articles that both name their periodical: an
online-first year and the print year) and their first authors' family names or their
journals agree. Records whose identifiers of one kind differ
(two DOIs, two PMIDs, two ISBNs, two editions) are different works, however alike their
titles. Every decision carries its reason.

Matching is by hash lookups, so comparing N records with M costs N + M, not N x M.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from .folding import fold
from .records import SOURCES, Record

IDENTIFIERS = ("DOI", "PMID", "PMCID")
# Works published online before the issue that prints them (epub vs print: a year apart).
ARTICLE_TYPES = frozenset(
    "article article-journal article-magazine article-newspaper paper-conference review".split()
)
# Identifiers that tell two works apart when both have one and they differ.
DISTINGUISHING = ("DOI", "PMID", "PMCID", "ISBN", "edition")

_TAGS = re.compile(r"<[^>]+>")
_LATEX_ACCENT = re.compile(r"\\[\"'`^~=.uvHckbdr]\s*\{?\s*(\w)\}?")
_LATEX = re.compile(r"\\[A-Za-z]+\*?|[{}$\\]")
_BRACKETED = re.compile(r"^\s*\[(.*)\]\s*\.?\s*$", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")

# British spellings (and their suffixes) folded into American ones, applied to both sides.
_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s?)$"), r"or\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"ogue$"), "og"),
)


def normalised_doi(value: object) -> str:
    """A DOI in one spelling: without resolver prefix, lower case (DOIs ignore case); ""
    when *value* is not a DOI."""
    from .identifiers import bare_doi

    doi = bare_doi(str(value or ""))
    return doi.lower() if doi else ""


def _normalised_id(name: str, value: object) -> str:
    """The identifier in one spelling; "" when the value is not one (garbage never matches)."""
    text = str(value or "").strip()
    if name == "DOI":
        return normalised_doi(text)
    if name == "PMID":
        return text if text.isdigit() else ""
    if name == "PMCID":
        text = text.upper().removeprefix("PMC")
        return f"PMC{text}" if text.isdigit() else ""
    if name == "ISBN":
        return re.sub(r"[^0-9Xx]", "", text).upper()
    return text.lower()


# Most words spell alike on both sides of the Atlantic: one search says whether to try.
_BRITISH = re.compile(r"isation|ys(?:e|ed|es|ing)$|is(?:e|ed|es|ing)$|ours?$|tres?$|ae|oe|ogue$")


def _american(word: str) -> str:
    if not _BRITISH.search(word):
        return word
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=8192)
def normalised_title(title: str) -> str:
    """A title as duplicates compare it: ``[Local control of metastatic sarcoma].`` and
    ``Local Control of Metastatic Sarcoma`` are the same."""
    text = _TAGS.sub("", title)
    text = _LATEX.sub("", _LATEX_ACCENT.sub(r"\1", text))
    bracketed = _BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1)
    return " ".join(_american(w) for w in _WORD.findall(fold(text)))


class Fingerprint(NamedTuple):
    """What duplicate detection looks at in a record, small enough to keep for every record
    of a large library (the store keeps it beside the record)."""

    key: str
    title: str  # normalised_title
    year: int | None
    family: str  # the first author's family name, folded, letters and digits
    journals: tuple[str, ...]  # container title and its short form, folded
    ids: tuple[tuple[str, str], ...]  # (name, normalised value) of DISTINGUISHING
    # A periodical's article: its online-first year may be one before the print year.
    article: bool = False

    def id(self, name: str) -> str:
        return next((value for n, value in self.ids if n == name), "")

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "year": self.year,
            "family": self.family,
            "journals": list(self.journals),
            "ids": dict(self.ids),
            "article": self.article,
        }

    @classmethod
    def from_json(cls, key: str, data: Mapping[str, Any]) -> Fingerprint:
        return cls(
            key,
            str(data.get("title", "")),
            data.get("year"),
            str(data.get("family", "")),
            tuple(data.get("journals", ())),
            tuple(sorted(dict(data.get("ids", {})).items())),
            bool(data.get("article", False)),
        )


# Name particles an export may write into the family name ("van Rooij") where another keeps
# them apart ("Rooij", particle "van"): left out when family names are compared.
PARTICLES = frozenset(
    "van von vom de der den del della des di da dal du la le les ten ter zu al el bin ibn "
    "st saint mac".split()
)


def family_key(family: str) -> str:
    """A family name as duplicates compare it: folded, letters and digits, leading name
    particles left out (``van Rooij`` and ``Rooij`` agree)."""
    words = _WORD.findall(fold(family))
    while len(words) > 1 and words[0] in PARTICLES:
        words.pop(0)
    return "".join(words)


def fingerprint(record: Record) -> Fingerprint:
    journals = []
    for variable in ("container-title", "container-title-short"):
        value = record.csl.get(variable)
        if value:
            journals.append("".join(_WORD.findall(fold(_TAGS.sub("", str(value))))))
    ids = []
    for name in DISTINGUISHING:
        value = _normalised_id(name, record.csl.get(name))
        if value:
            ids.append((name, value))
    return Fingerprint(
        record.key,
        normalised_title(record.title),
        record.year,
        family_key(record.first_author_family),
        tuple(j for j in journals if j),
        tuple(ids),
        record.type in ARTICLE_TYPES,
    )


@dataclass(frozen=True)
class Match:
    """*key* is the record an incoming record duplicates, and *reason* says why."""

    key: str
    reason: str


class DuplicateIndex:
    """Fingerprints filed by identifier, and by title with what must agree beside it (first
    author or journal, and year), to find duplicates by lookups, never by scanning."""

    # A title, author and year many records share (10,000 untitled entries of one export):
    # a lookup compares at most this many of them.
    MAX_CANDIDATES = 64

    def __init__(self, prints: Iterable[Fingerprint] = ()) -> None:
        self.by_id: dict[tuple[str, str], list[str]] = {}
        self.by_work: dict[tuple[str, str, int | None], list[Fingerprint]] = {}
        self.prints: dict[str, Fingerprint] = {}
        for print_ in prints:
            self.add(print_)

    def add(self, print_: Fingerprint) -> None:
        self.prints[print_.key] = print_
        for name, value in print_.ids:
            if name in IDENTIFIERS:
                self.by_id.setdefault((name, value), []).append(print_.key)
        if print_.title:
            for anchor in _anchors(print_):
                self.by_work.setdefault((print_.title, anchor, print_.year), []).append(print_)

    def find(self, print_: Fingerprint) -> Match | None:
        """The first record *print_* duplicates (its own key preferred), or None."""
        return next(self.find_all(print_), None)

    def find_all(self, print_: Fingerprint) -> Iterator[Match]:
        seen: set[str] = set()
        own = print_.key
        for name, value in print_.ids:
            if name not in IDENTIFIERS:
                continue
            # Of several, the one under the record's own key first: a library may hold two
            # printings, and importing its export again must pair each with itself.
            for key in sorted(self.by_id.get((name, value), []), key=lambda k: k != own):
                if key in seen:
                    continue
                # Two editions or printings under one identifier stay two works, but a
                # record of the same key is itself (importing a changed export again).
                if key != own and _conflict(print_, self.prints[key]):
                    continue
                seen.add(key)
                yield Match(key, f"same {name} {value}")
        if not print_.title:
            return
        years = (
            [print_.year]
            if print_.year is None
            else [print_.year, print_.year - 1, print_.year + 1]
        )
        candidates: list[Fingerprint] = []
        for anchor in _anchors(print_):
            for year in years:
                candidates += self.by_work.get((print_.title, anchor, year), [])[
                    : self.MAX_CANDIDATES
                ]
        for other in sorted(candidates, key=lambda p: p.key != own):
            if other.key in seen or other is print_:
                continue
            reason = _same_work(print_, other)
            if reason is not None:
                seen.add(other.key)
                yield Match(other.key, reason)


def _anchors(print_: Fingerprint) -> list[str]:
    """What a title match needs beside it, as index keys: the first author's family name
    (its first 12 letters: a long organisation name cut short still agrees), the journals."""
    anchors = [f"f:{print_.family[:12]}"] if print_.family else []
    return anchors + [f"j:{journal}" for journal in print_.journals]


def _conflict(one: Fingerprint, other: Fingerprint) -> bool:
    """Whether an identifier of one kind differs between the two (two DOIs, two editions)."""
    for name in DISTINGUISHING:
        a, b = one.id(name), other.id(name)
        if a and b and a != b:
            return True
    return False


def _same_work(one: Fingerprint, other: Fingerprint) -> str | None:
    """Why two fingerprints with the same normalised title are one work, or None."""
    if _conflict(one, other):
        return None
    if one.year is None or other.year is None:
        if one.year != other.year:
            return None
        years = "no year"
    elif abs(one.year - other.year) > 1 or (
        one.year != other.year and not _epub_and_print(one, other)
    ):
        return None
    else:
        years = "same year" if one.year == other.year else "years one apart"
    if _same_family(one.family, other.family):
        return f"same title, {years} and first author"
    if set(one.journals) & set(other.journals):
        return f"same title, {years} and journal"
    return None


def _epub_and_print(one: Fingerprint, other: Fingerprint) -> bool:
    """Whether a year apart can be one article online first and in print: both are articles
    in a periodical, each with its periodical's title."""
    return one.article and other.article and bool(one.journals) and bool(other.journals)


def _same_family(one: str, other: str) -> bool:
    """The same first author: equal names, or a long name (an organisation) that one export
    cut short or followed with its acronym (``...physicalagents`` and ``...physicalagentsfipa``)."""
    if not one or not other:
        return False
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= 12 and longer.startswith(shorter)


def groups(prints: Iterable[Fingerprint]) -> list[list[tuple[str, str]]]:
    """The groups of duplicates among *prints*: each a list of (key, reason), the first
    entry's reason empty (it is the one the others duplicate)."""
    index = DuplicateIndex()
    group_of: dict[str, int] = {}
    found: list[list[tuple[str, str]]] = []
    for print_ in prints:
        match = index.find(print_)
        index.add(print_)
        if match is None:
            continue
        number = group_of.get(match.key)
        if number is None:
            number = group_of[match.key] = len(found)
            found.append([(match.key, "")])
        group_of[print_.key] = number
        found[number].append((print_.key, match.reason))
    return found


# -- merging -----------------------------------------------------------------------------

# Variables that identify: every one either record has is kept.
_KEPT_IDENTIFIERS = ("DOI", "PMID", "PMCID", "ISBN", "ISSN", "URL", "call-number")
_NAME_VARIABLES = ("author", "editor", "translator", "container-author")


def _fullness(names: Any) -> int:
    if not isinstance(names, list):
        return -1
    return sum(
        len(str(n.get("given", "")).replace(".", "").replace(" ", ""))
        for n in names
        if isinstance(n, Mapping)
    )


def joined_sources(*records: Record) -> list[Any]:
    """The ``sources`` of *records*, in order, each source once: where a record came from
    (``{"file", "format", "database"}`` for an import, ``{"identifier", ...}`` for ``add``)."""
    import json

    unique: dict[str, Any] = {}
    for record in records:
        listed = record.extra.get(SOURCES)
        for source in listed if isinstance(listed, list) else ():
            if isinstance(source, Mapping):
                unique.setdefault(json.dumps(source, sort_keys=True, default=str), source)
    return list(unique.values())


def merge_records(primary: Record, secondary: Record) -> Record:
    """One record of two duplicates: *primary*'s key, tags (with *secondary*'s) and fields,
    *secondary*'s for what *primary* lacks, the identifiers of both, the longer abstract,
    the fuller author names, and the sources of both."""
    csl: dict[str, Any] = {**secondary.csl, **primary.csl, "id": primary.key}
    for variable in _KEPT_IDENTIFIERS:
        if not csl.get(variable) and secondary.csl.get(variable):
            csl[variable] = secondary.csl[variable]
    abstracts = [str(r.csl.get("abstract") or "") for r in (primary, secondary)]
    if max(abstracts, key=len):
        csl["abstract"] = max(abstracts, key=len)
    for variable in _NAME_VARIABLES:
        ours, theirs = primary.csl.get(variable), secondary.csl.get(variable)
        if (
            isinstance(ours, list)
            and isinstance(theirs, list)
            and len(ours) == len(theirs)
            and _fullness(theirs) > _fullness(ours)
        ):
            csl[variable] = theirs
    extra = {**secondary.extra, **primary.extra}
    sources = joined_sources(primary, secondary)
    if sources:
        extra[SOURCES] = sources
    from .editing import merge_tags

    return Record(
        key=primary.key,
        csl=csl,
        extra=extra,
        tags=merge_tags(primary.tags, secondary.tags),
        added=primary.added,
        modified=primary.modified,
    )
