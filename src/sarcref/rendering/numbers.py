"""Numeric fields: splitting values into numbers and joiners, ranges, page-range formats,
ordinals and roman numerals.

A value such as ``"747-52"`` or ``"S213-S256"`` is split into parts (``particle`` + ``value``
with the text joining it to the next part); ranges get the locale's range delimiter and the
style's ``page-range-format``; plural and "is numeric" follow citeproc-js's rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .locale import Locale

_JOINER = re.compile(r"(\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+|\s*\\*[\-\u2013]+\s*)")
_AND = re.compile(r"^\s*&\s*$")
_PART = re.compile(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")
_PLAIN = re.compile(r"^[0-9]+([-,:a-zA-Z]*)$")
_MASTER = re.compile(r"^(?:[0-9]+|[ixv]+)([-,:a-zA-Z]*|\-[\-0-9]+)$")
_ROMAN = re.compile(r"^[ivxlcmIVXLCM]+$")
_RANGE_SPLIT = re.compile(
    r"^((?:[0-9]*[a-zA-Z]+0*))?([0-9]+[a-z]*)(\s*[^0-9]+\s*)([-,a-zA-Z]?0*)([0-9]+[a-z]*)$"
)
_RANGE_VARIABLES = frozenset(
    (
        "page", "chapter-number", "collection-number", "edition", "issue", "number",
        "number-of-pages", "number-of-volumes", "volume", "locator", "locator-extra",
    )
)  # fmt: skip
_EN_DASH_VARIABLES = frozenset(("locator", "locator-extra", "issue", "volume", "edition", "number"))
NUMERIC_VARIABLES = frozenset(
    (
        "call-number", "chapter-number", "collection-number", "edition", "page", "issue",
        "locator", "number", "number-of-pages", "number-of-volumes", "volume",
        "citation-number", "page-first", "part-number", "printing-number", "section",
        "supplement-number", "version",
    )
)  # fmt: skip


_LEADING_INT = re.compile(r"^\s*([+-]?\d+)")
_ENDS_ALPHA = re.compile(r"[a-zA-Z]$")
_STARTS_ALPHA = re.compile(r"^[a-zA-Z]")
_HYPHEN_SPACES = re.compile(r"\s*-\s*")
_FRACTION = re.compile(r"^[0-9]+(?:/[0-9]+)+$")


def parse_int(text: str) -> int | None:
    """JavaScript's parseInt: leading digits (after optional sign), else None."""
    match = _LEADING_INT.match(text)
    return int(match.group(1)) if match else None


@dataclass
class NumberPart:
    particle: str
    value: str
    joiner: str
    numeric: bool = True
    collapsible: bool = False
    plural: int = 0


@dataclass
class NumberField:
    parts: list[NumberPart]
    numeric: bool
    plural: int


_JOINERS: dict[tuple[str, bool], re.Pattern[str]] = {}


def _joiner(locale: Locale, escaped_hyphen: bool) -> re.Pattern[str]:
    key = (locale.lang, escaped_hyphen)
    pattern = _JOINERS.get(key)
    if pattern is None:
        full_and = r",\s+and\s+|\s+and\s+"
        if not locale.lang.startswith("en"):
            word = re.escape(locale.term("and") or "and")
            full_and += rf"|,\s+{word}\s+|\s+{word}\s+"
        dashes = "\u2013" if escaped_hyphen else "\\-\u2013"
        pattern = re.compile(rf"(\s*&\s*|{full_and}|;\s+|,\s+|\s*\\*[{dashes}]+\s*)")
        _JOINERS[key] = pattern
    return pattern


def parse_number_field(
    text: str,
    variable: str,
    locale: Locale,
    page_range_format: str | None,
    is_page: bool = False,
) -> NumberField:
    """Split a numeric field; results are shared and must not be modified."""
    return _parse_cached(text, variable, locale, page_range_format, is_page)


@functools.lru_cache(maxsize=16384)
def _parse_cached(
    text: str,
    variable: str,
    locale: Locale,
    page_range_format: str | None,
    is_page: bool,
) -> NumberField:
    if text.isdigit() and text.isascii() and not variable.startswith("number-of-"):
        # A plain number (the common case): one numeric part, what the parse below gives.
        return NumberField([NumberPart("", text, "", True, True, 0)], True, 0)
    base_variable = "page" if variable == "page-first" else variable
    if base_variable == "page" or is_page:
        text = text.replace("\u2013", "-")
    text = text.strip()
    escaped = "\\-" in text
    if escaped:
        # An escaped hyphen is a literal hyphen; plain hyphens are then range dashes.
        text = "\\-".join(piece.replace("-", "\u2013") for piece in text.split("\\-"))
        text = text.replace("\\", "")
    ampersand = locale.term("and", "symbol") or "&"
    if ampersand == (locale.term("and") or ""):
        ampersand = "&"
    joiner_re = _joiner(locale, escaped)
    matches = joiner_re.findall(text)
    if matches:
        pieces = joiner_re.split(text)
        strings = pieces[0::2]
        joiners = list(matches)
        for i, joiner in enumerate(joiners):
            if _AND.match(joiner):
                if _ENDS_ALPHA.search(strings[i]) and _STARTS_ALPHA.match(strings[i]):
                    joiners[i] = ampersand
                else:
                    joiners[i] = f" {ampersand} "
    else:
        strings = [text]
        joiners = []
    parts: list[NumberPart] = []
    for i, string in enumerate(strings):
        joiner = joiners[i] if i < len(joiners) else ""
        match = _PART.match(string)
        if match:
            particle, value = match.group(1) or "", match.group(2)
        else:
            particle, value = "", string
        parts.append(NumberPart(particle, value, _HYPHEN_SPACES.sub("-", joiner, count=1)))
    _set_numerics(parts, variable, text)
    if base_variable in _RANGE_VARIABLES:
        _fix_ranges(parts, "page" if is_page else base_variable, locale, page_range_format)
    numeric = parts[0].numeric if parts else False
    plural = parts[0].plural if parts else 0
    if len(parts) == 1 and _FRACTION.match(parts[0].value):
        parts[0].numeric, parts[0].plural, parts[0].collapsible = True, 0, False
        numeric, plural = True, 0
    return NumberField(parts, numeric, plural)


def _set_numerics(parts: list[NumberPart], variable: str, raw: str) -> None:
    if not parts:
        return
    master = parts[0]
    value = master.value
    numeric = True
    if not value or not _MASTER.match(value):
        numeric = False
    collapsible = not (parse_int(value) is None and not _ROMAN.match(value))
    for part in parts:
        part.collapsible = collapsible
    for part in parts:
        if len(parts) > 1 and collapsible:
            part.plural = 1
        part.numeric = numeric
        part.collapsible = collapsible
    if numeric and variable.startswith("number-of-"):
        count = parse_int(raw)
        if count is not None and count > 1:
            parts[0].plural = 1
    for part in parts:
        if not part.numeric:
            part.plural = 0


def _range_delimiter(variable: str, joiner: str, numeric: bool, locale: Locale) -> str:
    if joiner == "-" and numeric:
        if variable == "page" or variable in _EN_DASH_VARIABLES:
            return locale.term("page-range-delimiter") or "\u2013"
        if variable == "collection-number":
            return locale.term("year-range-delimiter") or "\u2013"
    return joiner


def _fix_ranges(
    parts: list[NumberPart], variable: str, locale: Locale, page_range_format: str | None
) -> None:
    count = 0
    label_seen = False
    for i, part in enumerate(parts):
        if not part.collapsible:
            count = 0
            label_seen = False
            part.joiner = _range_delimiter(variable, part.joiner, part.numeric, locale)
        elif label_seen and part.joiner == "-":
            count = 1
        elif label_seen:
            count += 1
            if count == 2:
                count = _mangle_range(parts, i, variable, locale, page_range_format)
        else:
            label_seen = True
            count = 1
    if count == 2:
        _mangle_range(parts, len(parts) - 1, variable, locale, page_range_format)


def _mangle_range(
    parts: list[NumberPart], i: int, variable: str, locale: Locale, page_range_format: str | None
) -> int:
    if i < 1:
        return 2
    first, second = parts[i - 1], parts[i]
    if first.particle != second.particle:
        return 2
    if first.joiner != "-":
        return 1
    first_int, second_int = parse_int(first.value), parse_int(second.value)
    if not page_range_format and first_int is not None and second_int is not None:
        if first_int > second_int:
            first.joiner = _range_delimiter(variable, first.joiner, True, locale)
            return 2
    if variable == "page" and first_int is not None and second_int is not None:
        text = format_page_range(
            f"{first.particle}{first.value} - {second.particle}{second.value}",
            locale,
            page_range_format,
        )
    else:
        both = re.compile(r"^([0-9]+|[ivxlcmIVXLCM]+)$")
        if both.match(first.value) and both.match(second.value):
            first.joiner = locale.term("page-range-delimiter") or "\u2013"
        text = first.value + first.joiner.replace("\\-", "-") + second.value
    match = _RANGE_SPLIT.match(text)
    if match:
        first.particle = match.group(1) or ""
        first.value = match.group(2)
        first.joiner = _range_delimiter(variable, match.group(3), second.numeric, locale)
        second.particle = match.group(4)
        second.value = match.group(5)
    return 0


_RANGE = re.compile(
    r"([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)\s*(?:\u2013|-)\s*([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)"
)


def format_page_range(text: str, locale: Locale, page_range_format: str | None) -> str:
    """Apply ``page-range-format`` to the ranges in ``text`` (citeproc-js's page mangler)."""
    delimiter = locale.term("page-range-delimiter") or "\u2013"
    pieces = _listify(text, delimiter)
    expanded: list[str | list[str]] = []
    for pos, piece in enumerate(pieces):
        if pos % 2 == 0:
            expanded.append(piece)
            continue
        match = _RANGE.match(piece)
        result: str | list[str] = piece
        if match:
            begin_particle = match.group(1) or ""
            begin = match.group(2)
            end_particle = match.group(3)
            end = match.group(4)
            if not end_particle or begin_particle == end_particle:
                if len(end) < len(begin):
                    end = begin[: len(begin) - len(end)] + end
                if (parse_int(begin) or 0) < (parse_int(end) or 0):
                    result = [begin_particle, begin, delimiter + begin_particle, end]
        if isinstance(result, str):
            result = result.replace("-", delimiter)
        expanded.append(result)
    if page_range_format in ("minimal", "minimal-two"):
        minchars = 2 if page_range_format == "minimal-two" else 0
        for item in expanded[1::2]:
            if isinstance(item, list):
                item[3] = _minimize(item[1], item[3], minchars)
                if item[2][1:] == item[0]:
                    item[2] = delimiter
    elif page_range_format in ("chicago", "chicago-15", "chicago-16"):
        for item in expanded[1::2]:
            if isinstance(item, list):
                _chicago(item, page_range_format == "chicago-16")
                if item[2][1:] == item[0]:
                    item[2] = delimiter
    out = "".join("".join(p) if isinstance(p, list) else p for p in expanded)
    return re.sub(r"([^\\])-", lambda m: m.group(1) + delimiter, out)


def _listify(text: str, delimiter: str) -> list[str]:
    this_delimiter = "" if delimiter == "-" else re.escape(delimiter)
    text = re.sub(f"([^\\\\])[-{this_delimiter}\u2013]", r"\1 - ", text)
    text = re.sub(r"\s+-\s+", " - ", text)
    unit = r"(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*\s+\-\s+(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*"
    ranges = re.findall(unit, text)
    rest = re.split(unit, text)
    out = [rest[0]]
    for pos in range(1, len(rest)):
        out.append(re.sub(r"\s*\-\s*", "-", ranges[pos - 1]))
        out.append(rest[pos])
    return out


def _minimize(begin: str, end: str, minchars: int) -> str:
    b, e = list(begin), list(end)
    ret = list(reversed(e))
    if len(b) == len(e):
        for i in range(len(b)):
            if b[i] == e[i] and len(ret) > minchars:
                ret.pop()
            else:
                break
    return "".join(reversed(ret))


def _chicago(item: list[str], sixteen: bool) -> None:
    begin = parse_int(item[1]) or 0
    end = parse_int(item[3]) or 0
    digits = str(end)
    if sixteen:
        if begin > 100 and begin % 100:
            for i in range(2, len(digits)):
                divisor = 10**i
                if begin // divisor == end // divisor:
                    item[3] = str(end % divisor)
                    break
    elif begin > 100 and begin % 100 and begin // 100 == end // 100:
        item[3] = str(end % 100)
    elif begin >= 10000:
        for i in range(3, len(digits)):
            divisor = 10**i
            if begin // divisor == end // divisor:
                item[3] = str(end % divisor)
                break


_ROMAN_TABLE = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(number: int) -> str:
    if number >= 6000:
        return ""
    if number <= 0:
        return str(number)
    out = []
    for value, letters in _ROMAN_TABLE:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def year_suffix_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 27 -> ab (bijective base 26, as citeproc-js)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    number = index + 1
    key = ""
    while number:
        digit = number % 26 or 26
        key = letters[digit - 1] + key
        number = (number - digit) // 26
    return key
