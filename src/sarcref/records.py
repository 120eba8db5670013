"""A record: CSL-JSON plus sarcref's own fields, and what commands read off it.

The stored form of a record is one JSON object: the CSL-JSON variables at the top level
(``id`` is the key) and sarcref's fields, which no CSL variable holds, under ``"sarcref"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import DataError

SARCREF_FIELD = "sarcref"
# The sarcref field that says where a record came from: files imported, identifiers fetched.
SOURCES = "sources"

# CSL 1.0.2 item types.
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture musical_score
    pamphlet paper-conference patent performance periodical personal_communication post
    post-weblog regulation report review review-book software song speech standard thesis
    treaty webpage""".split()
)

NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director editor-translator executive-producer guest host
    illustrator interviewer narrator organizer original-author performer producer recipient
    reviewed-author script-writer series-creator translator""".split()
)

DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted container".split()
)

# The variables CSL-JSON (csl-data.json) types as strings; the other standard variables
# take a string or a number.
STRING_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number citation-key citation-label collection-title container-title
    container-title-short dimensions division DOI event event-place event-title genre ISBN
    ISSN jurisdiction keyword language license medium note original-publisher
    original-publisher-place original-title part-title PMCID PMID publisher publisher-place
    references reviewed-genre reviewed-title scale section source status title title-short
    translated-title URL version volume-title volume-title-short year-suffix""".split()
)
NUMBER_VARIABLES = frozenset(
    """chapter-number citation-number collection-number edition first-reference-note-number
    issue locator number number-of-pages number-of-volumes page page-first part-number
    printing-number supplement-number volume""".split()
)
CSL_VARIABLES = NAME_VARIABLES | DATE_VARIABLES | STRING_VARIABLES | NUMBER_VARIABLES

# Labels of a structured abstract ("PURPOSE OF REVIEW: ...", "Methods: ..."): a run of
# capitalised words ending in a colon, at the start or after the end of a sentence.
_ABSTRACT_LABEL = re.compile(r"(?:^|(?<=[.!?]\s))((?:[A-Z][A-Z/&-]*)(?:\s+[A-Z][A-Z/&-]*)*):\s+")


# CSL-JSON rich text (citeproc-js reads it; imported BibTeX titles carry it).
_MARKUP = re.compile(
    r'</?(?:i|b|sup|sub)>|<span (?:class="no(?:case|decor)"|style="[^"]*")>|</span>'
)


def strip_markup(text: str) -> str:
    """CSL-JSON rich text without its markup: ``<i>`` and nocase spans are for CSL processors."""
    return _MARKUP.sub("", text) if "<" in text else text


def _own_fields(own: Any, where: str) -> dict[str, Any]:
    """sarcref's fields of a stored record, checked where commands rely on their shape (a
    CSL-JSON file or an edit may hold anything under ``"sarcref"``)."""
    if own is None:
        return {}
    if not isinstance(own, Mapping):
        raise DataError(
            f"{where}: field '{SARCREF_FIELD}': expected an object of sarcref's fields, "
            f"found {type(own).__name__}"
        )
    fields = dict(own)
    shapes = {
        "tags": (list, "a list of tag names", (str, int, float)),
        SOURCES: (list, "a list of sources", (Mapping,)),
    }
    for name, (kind, wanted, items) in shapes.items():
        value = fields.get(name)
        if value is None:
            fields.pop(name, None)
        elif not isinstance(value, kind) or not all(
            isinstance(v, items) and not isinstance(v, bool) for v in value
        ):
            raise DataError(f"{where}: field '{SARCREF_FIELD}.{name}': expected {wanted}")
    for name in ("added", "modified"):
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise DataError(f"{where}: field '{SARCREF_FIELD}.{name}': expected a date and time")
    return fields


class Record:
    """One reference: its key, CSL-JSON variables, sarcref fields and tags.

    (A plain class, not a dataclass: every command builds records, and the dataclasses
    module and what it imports cost several milliseconds of start-up.)
    """

    __slots__ = ("key", "csl", "extra", "tags", "added", "modified")

    def __init__(
        self,
        key: str,
        csl: dict[str, Any],
        extra: dict[str, Any] | None = None,
        tags: list[str] | None = None,
        added: str | None = None,
        modified: str | None = None,
    ) -> None:
        self.key = key
        self.csl = csl
        self.extra: dict[str, Any] = {} if extra is None else extra
        self.tags: list[str] = [] if tags is None else tags
        self.added = added
        self.modified = modified

    def _state(self) -> tuple[Any, ...]:
        return (self.key, self.csl, self.extra, self.tags, self.added, self.modified)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._state() == other._state()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is

    def __repr__(self) -> str:
        return (
            f"Record(key={self.key!r}, csl={self.csl!r}, extra={self.extra!r}, "
            f"tags={self.tags!r}, added={self.added!r}, modified={self.modified!r})"
        )

    def replace(self, **changes: Any) -> Record:
        """A copy with *changes* (a shallow copy of the rest)."""
        state = {name: getattr(self, name) for name in self.__slots__}
        state.update(changes)
        return Record(**state)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], *, where: str = "record") -> Record:
        """Build a record from its stored JSON form, validating the CSL part."""
        if not isinstance(obj, Mapping):
            raise DataError(f"{where}: expected a JSON object, found {type(obj).__name__}")
        csl = {k: v for k, v in obj.items() if k != SARCREF_FIELD}
        key = csl.get("id")
        if isinstance(key, (int, float)) and not isinstance(key, bool):
            key = str(key)
        if not isinstance(key, str) or not key.strip():
            raise DataError(f"{where}: field 'id': a record needs a non-empty key")
        csl["id"] = key
        validate_csl(csl, where=f"{where} '{key}'")
        extra = _own_fields(obj.get(SARCREF_FIELD), f"{where} '{key}'")
        tags = [str(t) for t in extra.pop("tags", [])]
        added = extra.pop("added", None)
        modified = extra.pop("modified", None)
        return cls(key=key, csl=csl, extra=extra, tags=tags, added=added, modified=modified)

    def to_json(self) -> dict[str, Any]:
        """The stored form: CSL-JSON plus the ``sarcref`` object (fields, tags, times)."""
        own: dict[str, Any] = dict(self.extra)
        own["tags"] = list(self.tags)
        if self.added:
            own["added"] = self.added
        if self.modified:
            own["modified"] = self.modified
        return {**self.to_csl(), SARCREF_FIELD: own}

    def to_csl(self) -> dict[str, Any]:
        """Plain CSL-JSON, as a CSL processor reads it."""
        return {**self.csl, "id": self.key}

    @property
    def type(self) -> str:
        return str(self.csl.get("type", ""))

    @property
    def title(self) -> str:
        """The title as readers see it (markup removed; ``csl["title"]`` keeps it)."""
        return strip_markup(str(self.csl.get("title", "")))

    @property
    def container_title(self) -> str:
        return strip_markup(str(self.csl.get("container-title", "")))

    @property
    def year(self) -> int | None:
        return date_year(self.csl.get("issued"))

    @property
    def authors(self) -> list[str]:
        """Author names for display, "Given Family" (or the literal)."""
        return [display_name(n) for n in self.csl.get("author", []) if isinstance(n, Mapping)]

    @property
    def first_author_family(self) -> str:
        for name in self.csl.get("author", []) or self.csl.get("editor", []):
            if isinstance(name, Mapping):
                return str(name.get("family") or name.get("literal") or "")
        return ""

    @property
    def keywords(self) -> list[str]:
        raw = self.csl.get("keyword", "")
        if isinstance(raw, list):
            return [str(k).strip() for k in raw if str(k).strip()]
        return [k.strip() for k in re.split(r"[;,]", str(raw)) if k.strip()]

    def short_authors(self) -> str:
        """Authors in brief: "Lerman", "Lerman & Randall" or "Lerman et al."."""
        names = self.csl.get("author") or self.csl.get("editor") or []
        if not names:
            return ""
        first = names[0] if isinstance(names[0], Mapping) else {}
        family = str(first.get("family") or first.get("literal") or "")
        if len(names) == 2 and isinstance(names[1], Mapping):
            second = str(names[1].get("family") or names[1].get("literal") or "")
            return f"{family} & {second}"
        return f"{family} et al." if len(names) > 2 else family


def display_name(name: Mapping[str, Any]) -> str:
    if name.get("literal"):
        return str(name["literal"])
    parts = [
        name.get("given"),
        name.get("dropping-particle"),
        name.get("non-dropping-particle"),
        name.get("family"),
    ]
    text = " ".join(str(p) for p in parts if p)
    suffix = name.get("suffix")
    return f"{text}, {suffix}" if suffix else text


def date_year(value: Any) -> int | None:
    """The year of a CSL date object (date-parts, raw or literal), if it has one."""
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            return None
    for text_key in ("raw", "literal"):
        match = re.search(r"\b(\d{4})\b", str(value.get(text_key, "")))
        if match:
            return int(match.group(1))
    return None


def format_date(value: Any) -> str:
    """A CSL date as ISO-like text: ``2015-01-01``, ``1971-04``, ranges with ``/``."""
    if not isinstance(value, Mapping):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts:
        shown = []
        for part in parts:
            if not isinstance(part, list):
                continue
            pieces = [f"{int(part[0]):04d}"] + [f"{int(p):02d}" for p in part[1:3]]
            shown.append("-".join(pieces))
        return "/".join(shown)
    return str(value.get("literal") or value.get("raw") or "")


def abstract_sections(abstract: str) -> list[tuple[str | None, str]]:
    """Split a structured abstract into (label, text) parts; one unlabelled part otherwise."""
    text = abstract.strip()
    matches = list(_ABSTRACT_LABEL.finditer(text))
    if not matches:
        return [(None, text)] if text else []
    sections: list[tuple[str | None, str]] = []
    if matches[0].start() > 0:
        sections.append((None, text[: matches[0].start()].strip()))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        sections.append((match.group(1), text[match.end() : end].strip()))
    return sections


def validate_csl(csl: Mapping[str, Any], *, where: str) -> None:
    """Check the shape CSL-JSON promises; the message names the record and the field.

    A record may have no type: citeproc-js and pandoc render such an item, matching no
    style condition on the type, and so does sarcref.
    """
    item_type = csl.get("type", "")
    if item_type != "" and (not isinstance(item_type, str) or item_type not in CSL_TYPES):
        raise DataError(f"{where}: field 'type': {item_type!r} is not a CSL item type")
    for variable, value in csl.items():
        if variable in NAME_VARIABLES:
            _validate_names(value, where=f"{where}: field '{variable}'")
        elif variable in DATE_VARIABLES:
            _validate_date(value, where=f"{where}: field '{variable}'")


def _validate_names(value: Any, *, where: str) -> None:
    if not isinstance(value, list):
        raise DataError(f"{where}: expected a list of names")
    for i, name in enumerate(value, 1):
        if not isinstance(name, Mapping):
            raise DataError(f"{where}: name {i} is not an object")
        if not any(name.get(k) for k in ("family", "given", "literal")):
            raise DataError(f"{where}: name {i} has no family, given or literal part")
        for part, text in name.items():
            if not isinstance(text, (str, int, float, bool)):
                raise DataError(f"{where}: name {i}, part '{part}' is not text")


def _validate_date(value: Any, *, where: str) -> None:
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: expected a date object with date-parts, raw or literal")
    parts = value.get("date-parts")
    if parts is None:
        if not any(isinstance(value.get(k), (str, int)) for k in ("raw", "literal")):
            raise DataError(f"{where}: a date needs date-parts, raw or literal")
        return
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        raise DataError(f"{where}: date-parts must hold one date or a range of two")
    for part in parts:
        if not isinstance(part, list) or not 1 <= len(part) <= 3:
            raise DataError(f"{where}: each date in date-parts is [year, month?, day?]")
        for number in part:
            try:
                int(number)
            except (TypeError, ValueError):
                raise DataError(f"{where}: {number!r} in date-parts is not a number") from None
