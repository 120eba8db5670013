"""CSL-JSON records as the engine reads them.

A record is copied once into an :class:`Item`: ids become strings, dates become
:class:`DateValue` (from ``date-parts``, ``raw``, ``literal``, ``season``, ``circa``), names
are kept as dicts with particles parsed out of family and given names the way citeproc-js
does it (lower-case leading words of a family name are a non-dropping particle), and
``page-first`` is derived from ``page``. Everything else stays a plain string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

NAME_VARIABLES = frozenset(
    (
        "author", "chair", "collection-editor", "compiler", "composer", "container-author",
        "contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
        "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
        "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
        "script-writer", "series-creator", "translator",
    )
)  # fmt: skip
DATE_VARIABLES = frozenset(
    (
        "accessed", "available-date", "container", "event-date", "issued", "original-date",
        "submitted", "locator-date",
    )
)  # fmt: skip
_FAMILY_PARTICLE = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$")
_GIVEN_PARTICLE = re.compile(r"^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$")
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


class DateValue:
    """A date or date range. Parts are 0 when absent; ``season`` is 1-4 or a literal name."""

    __slots__ = ("year", "month", "day", "season", "end", "literal", "circa", "open_end")

    def __init__(self) -> None:
        self.year = 0
        self.month = 0
        self.day = 0
        self.season: int | str = 0
        self.end: DateValue | None = None
        self.literal = ""
        self.circa = False
        self.open_end = False  # a range with no end yet ("1987–"): end date-parts of 0

    def has_year(self) -> bool:
        return bool(self.year)

    def sort_key(self) -> str:
        """Sort string as citeproc-js builds it: year, month, day zero-padded, then the end."""

        def part(date: DateValue) -> str:
            year = date.year
            sign = "0" if year < 0 else "1"
            return f"{sign}{abs(year):05d}{date.month or 0:02d}{date.day or 0:02d}"

        if self.literal and not self.year:
            return self.literal
        key = part(self)
        if self.end is not None:
            key += part(self.end)
        else:
            key += "0" * 11
        return key


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        match = re.match(r"^-?\d+", text)
        if match:
            return int(match.group(0))
    return 0


def _parts_to_date(parts: list[Any]) -> DateValue:
    date = DateValue()
    if parts:
        date.year = _to_int(parts[0])
    if len(parts) > 1:
        month = _to_int(parts[1])
        if 0 < month <= 24:
            date.month = month  # 13-24 are seasons, as citeproc-js reads them
    if len(parts) > 2 and date.month:
        date.day = _to_int(parts[2])
        if not 0 < date.day <= 31:
            date.day = 0
    return date


def _parse_raw_date(raw: str) -> DateValue:
    text = raw.strip()
    pieces = re.split(r"\s*(?:/|\u2013|--)\s*", text)
    if len(pieces) == 2 and all(pieces):
        start = _parse_single_raw(pieces[0])
        end = _parse_single_raw(pieces[1])
        if start.year or end.year:
            if not start.year:
                start.year = end.year
            start.end = end
            return start
    single = _parse_single_raw(text)
    if not single.year:
        single.literal = raw
    return single


def _parse_single_raw(text: str) -> DateValue:
    date = DateValue()
    iso = re.match(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", text)
    if iso:
        date.year = int(iso.group(1))
        if iso.group(2):
            date.month = int(iso.group(2))
        if iso.group(3):
            date.day = int(iso.group(3))
        return date
    tokens = re.findall(r"[A-Za-z]+|\d+", text)
    numbers: list[int] = []
    for token in tokens:
        low = token.lower()
        if token.isdigit():
            numbers.append(int(token))
        elif low[:3] in _MONTHS and not date.month:
            date.month = _MONTHS[low[:3]]
        elif low in _SEASONS:
            date.season = _SEASONS[low]
    for number in numbers:
        if number > 31 and not date.year:
            date.year = number
        elif not date.day and 0 < number <= 31 and date.month:
            date.day = number
        elif not date.year:
            date.year = number
    return date


def parse_date(value: Any) -> DateValue | None:
    if isinstance(value, str):
        return _parse_raw_date(value) if value.strip() else None
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    date: DateValue | None = None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        date = _parts_to_date(parts[0])
        if len(parts) > 1 and isinstance(parts[1], list) and parts[1]:
            end = _parts_to_date(parts[1])
            if end.year or end.month or end.day:
                date.end = end
            elif _to_int(parts[1][0]) == 0 and date.year:
                date.open_end = True
    elif value.get("raw"):
        date = _parse_raw_date(str(value["raw"]))
    elif value.get("literal"):
        date = DateValue()
        date.literal = str(value["literal"])
    elif value.get("year") is not None:
        date = _parts_to_date([value.get("year"), value.get("month"), value.get("day")])
    if date is None:
        return None
    season = value.get("season")
    if season and not date.season:
        date.season = _to_int(season) or str(season)
    if value.get("circa"):
        date.circa = True
    if value.get("literal") and not date.year:
        date.literal = str(value["literal"])
    if not (date.year or date.literal):
        return None
    return date


def _leading_letter(piece: str) -> str:
    """The first character after leading hyphens, apostrophes and spaces (else the last)."""
    for char in piece:
        if not (char in "-'\u02bb\u2019" or char.isspace()):
            return char
    return piece[-1:]


def _split_particles(value: str, from_end: bool) -> tuple[str, list[str]]:
    # (Neither pattern can match without one of these separators: skip the common case.)
    if " " not in value and (from_end or not any(c in value for c in "-'\u02bb\u2019")):
        return value, []
    original = value
    text = value[::-1] if from_end else value
    regex = _GIVEN_PARTICLE if from_end else _FAMILY_PARTICLE
    particles: list[str] = []
    match = regex.match(text)
    while match:
        piece = match.group(1)[::-1] if from_end else match.group(1)
        first = _leading_letter(piece)
        if not first or first.upper() == first:
            break
        if from_end:
            particles.append(original[-len(piece) :])
            original = original[: -len(piece)]
        else:
            particles.append(original[: len(piece)])
            original = original[len(piece) :]
        text = match.group(2)
        match = regex.match(text)
    if from_end:
        particles.reverse()
        for i in range(1, len(particles)):
            if particles[i][:1] == " ":
                particles[i - 1] += " "
        particles = [p[1:] if p[:1] == " " else p for p in particles]
    return original, particles


def _trim_last(text: str) -> str:
    last = text[-1:]
    text = text.strip()
    if last == " " and text[-1:] in ("'", "\u2019"):
        text += " "
    return text


def normalize_name(raw: Mapping[str, Any]) -> dict[str, Any]:
    name = {k: (str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
            for k, v in raw.items()}  # fmt: skip
    family = name.get("family")
    if isinstance(family, str) and family[:1] == '"' and family[-1:] == '"' and len(family) > 1:
        name["family"] = family[1:-1]
        return name
    parse = name.get("parse-names", True)
    if parse is False or parse in ("false", 0):
        return name
    if (
        not name.get("non-dropping-particle")
        and isinstance(name.get("family"), str)
        and name.get("family")
        and name.get("given")
        and not name.get("static-particles")
    ):
        family_value, family_particles = _split_particles(name["family"], from_end=False)
        name["family"] = family_value
        particle = _trim_last("".join(family_particles))
        if particle:
            name["non-dropping-particle"] = particle
        given = str(name.get("given") or "")
        if not name.get("suffix") and given:
            comma = re.search(r"(\s*,!*\s*)", given) if "," in given else None
            if comma:
                index = comma.start(1)
                possible = given[index + len(comma.group(1)) :]
                punct = re.sub(r"\s*", "", comma.group(1))
                if possible.replace(".", "") == "et al" and not name.get("dropping-particle"):
                    name["dropping-particle"] = possible
                    name["comma-dropping-particle"] = ","
                else:
                    if len(punct) == 2:
                        name["comma-suffix"] = True
                    name["suffix"] = possible
                given = given[:index]
        given_value, given_particles = _split_particles(given, from_end=True)
        name["given"] = given_value
        dropping = "".join(given_particles).strip()
        if dropping:
            name["dropping-particle"] = dropping
    return name


_NOTE_FIELDS = re.compile(r"\{:(?:[\-_a-z]+|[A-Z]+):[^\}]+\}")
_NOTE_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^\}]+)$")


def apply_note_fields(raw: dict[str, Any]) -> None:
    """citeproc-js's "field hacks": ``key: value`` lines at the top of ``note`` set fields."""
    note = raw.get("note")
    if not isinstance(note, str):
        return
    lines = note.split("\n")
    for index, line in enumerate(lines):
        if _NOTE_FIELDS.search(line):
            lines[index] = _NOTE_FIELDS.sub(lambda m: "\n" + m.group(0)[2:-1].strip() + "\n", line)
    lines = "\n".join(lines).split("\n")
    names: dict[str, list[dict[str, Any]]] = {}
    kept: list[str] = []
    done = False
    for index, line in enumerate(lines):
        match = _NOTE_FIELD.match(line)
        if done or not line.strip() or not match:
            if line.strip() and not match and index > 0:
                done = True
            kept.append(line)
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "type":
            raw["type"] = value
        elif key.removeprefix("alt-") in DATE_VARIABLES:
            if not raw.get(key):
                raw[key] = {"raw": value}
        elif not raw.get(key):
            if key.removeprefix("alt-") in NAME_VARIABLES:
                parts = re.split(r"\s*\|\|\s*", value)
                if len(parts) == 1:
                    names.setdefault(key, []).append({"literal": parts[0]})
                elif len(parts) == 2:
                    names.setdefault(key, []).append({"family": parts[0], "given": parts[1]})
            else:
                raw[key] = value
        else:
            kept.append(line)
    raw.update(names)
    raw["note"] = "\n".join(kept).strip()


class Item:
    """One record, ready for rendering: ``fields`` by CSL variable name."""

    __slots__ = ("id", "type", "fields", "names", "dates", "language")

    def __init__(self, source: Mapping[str, Any]) -> None:
        raw = dict(source)
        apply_note_fields(raw)
        self.id = str(raw.get("id", ""))
        self.type = str(raw.get("type") or "")
        self.fields: dict[str, str] = {}
        self.names: dict[str, list[dict[str, Any]]] = {}
        self.dates: dict[str, DateValue] = {}
        for key, value in raw.items():
            if key in ("id", "type"):
                continue
            if key in NAME_VARIABLES:
                if isinstance(value, list):
                    names = [normalize_name(n) for n in value if isinstance(n, Mapping)]
                    if names:
                        self.names[key] = names
            elif key in DATE_VARIABLES:
                date = parse_date(value)
                if date is not None:
                    self.dates[key] = date
            elif isinstance(value, bool) or value is None:
                continue
            elif isinstance(value, (str, int, float)):
                text = str(value) if not isinstance(value, float) else f"{value:g}"
                if text:
                    self.fields[key] = text
        for alias, variable in (
            ("journalAbbreviation", "container-title-short"),
            ("shortTitle", "title-short"),
        ):
            if alias in self.fields and variable not in self.fields:
                self.fields[variable] = self.fields[alias]
        page = self.fields.get("page")
        if page:
            first = re.split(r"\s*(?:&|, |-|\u2013)\s*", page)[0]
            self.fields["page-first"] = first if first[-1:] != "\\" else page
        self.language = self.fields.get("language", "")

    def has(self, variable: str) -> bool:
        return variable in self.fields or variable in self.names or variable in self.dates
