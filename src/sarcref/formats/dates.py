"""Dates between the forms files use (ISO 8601 / EDTF, BibTeX year and month, RIS) and CSL."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from typing import Any

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    )
}
MONTHS["sept"] = 9
MONTH_ABBREVIATIONS = [""] + [calendar.month_abbr[n].lower() for n in range(1, 13)]

_ISO_DATE = re.compile(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def valid_parts(year: int, month: int | None = None, day: int | None = None) -> bool:
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year if year > 0 else 2000, month)[1]


def _iso_parts(text: str) -> list[int] | None:
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        return None
    numbers = [int(g) for g in match.groups() if g is not None]
    if not valid_parts(*numbers):
        return None
    return numbers


def parse_iso(text: str) -> dict[str, Any] | None:
    """``YYYY[-MM[-DD]]``, or a range of two with ``/``, as a CSL date; None if it is not one."""
    pieces = text.strip().split("/")
    if len(pieces) > 2:
        return None
    parts = [_iso_parts(p) for p in pieces]
    if any(p is None for p in parts):
        return None
    return {"date-parts": parts}


def month_number(text: str) -> int | None:
    """1-12 from "3", "03", "mar", "March", "Mar."; None otherwise."""
    cleaned = text.strip().rstrip(".").lower()
    if cleaned.isdigit():
        number = int(cleaned)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(cleaned)


def from_year_month(year: str, month: str | None = None, day: str | None = None) -> dict[str, Any]:
    """BibTeX's year, month and day fields as a CSL date (a literal if they are not numbers)."""
    year = year.strip()
    if re.fullmatch(r"-?\d{1,4}", year):
        parts = [int(year)]
        number = month_number(month) if month else None
        if number is not None:
            parts.append(number)
            if day and day.strip().isdigit() and valid_parts(parts[0], number, int(day)):
                parts.append(int(day))
        if month and number is None or day and len(parts) < 3:
            text = " ".join(p.strip() for p in (day, month, year) if p)
            return {"literal": text}
        return {"date-parts": [parts]}
    parsed = parse_iso(year.replace("--", "/"))
    if parsed is not None and not month:
        return parsed
    text = " ".join(p.strip() for p in (day, month, year) if p)
    return {"literal": text}


def to_iso(date: Mapping[str, Any]) -> str | None:
    """A CSL date as ``YYYY[-MM[-DD]]`` (``/`` between the ends of a range)."""
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not parts:
        return None
    shown = []
    for part in parts:
        numbers = [int(p) for p in part]
        pieces = [f"{numbers[0]:04d}" if numbers[0] >= 0 else str(numbers[0])]
        pieces += [f"{n:02d}" for n in numbers[1:3]]
        shown.append("-".join(pieces))
    return "/".join(shown)


def first_parts(date: Mapping[str, Any]) -> list[int]:
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        return [int(p) for p in parts[0]]
    return []


# -- ISO 8601-2 (EDTF level 1), as biblatex's date fields take it ----------------------

# One side of a date: year (X for unspecified trailing digits), month or season (21-24),
# day, a time (read and dropped: CSL dates have no time), and a qualifier for the whole
# date: ~ approximate, ? uncertain, % both.
_EDTF_SIDE = re.compile(
    r"""(?P<sign>-?)(?P<year>\d{2}XX|\d{3}X|\d{1,4})
        (?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?
        (?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?
        (?P<qualifier>[~?%])?""",
    re.VERBOSE,
)
_OPEN = ("", "..", "unknown")
SEASONS = {21: 1, 22: 2, 23: 3, 24: 4}  # EDTF spring..winter -> CSL season 1-4


def csl_year(astronomical: int) -> int:
    """An ISO 8601 year (0 is 1 BC) as a CSL year (-1 is 1 BC, no year 0)."""
    return astronomical if astronomical > 0 else astronomical - 1


def astronomical_year(year: int) -> int:
    """The inverse of :func:`csl_year`."""
    return year if year > 0 else year + 1


def _edtf_side(text: str) -> tuple[list[int], list[int], int | None, bool] | None:
    """(first parts, last parts, season, circa) of one side; None if it is not one."""
    match = _EDTF_SIDE.fullmatch(text)
    if not match:
        return None
    sign = -1 if match["sign"] else 1
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    low = [sign * int(year_text.replace("X", "0"))]
    high = [sign * int(year_text.replace("X", "9"))]
    season = None
    unspecified_year = "X" in year_text
    if month_text is not None:
        if unspecified_year:
            return None  # 19XX-05: ISO 8601-2 level 1 has no such date
        if month_text == "XX":
            if day_text not in (None, "XX"):
                return None
            low.append(1)
            high.append(12)
            if day_text == "XX":
                low.append(1)
                high.append(31)
        elif int(month_text) in SEASONS and day_text is None:
            season = SEASONS[int(month_text)]
        else:
            month = int(month_text)
            low.append(month)
            high.append(month)
            if day_text == "XX":
                low.append(1)
                high.append(calendar.monthrange(low[0] if low[0] > 0 else 2000, month)[1])
            elif day_text is not None:
                low.append(int(day_text))
                high.append(int(day_text))
    if not valid_parts(*low) or not valid_parts(*high):
        return None
    low[0], high[0] = csl_year(low[0]), csl_year(high[0])
    return low, high, season, match["qualifier"] in ("~", "%")


def parse_edtf(text: str) -> dict[str, Any] | None:
    """A biblatex date field (ISO 8601-2 extended format, level 1) as a CSL date.

    ``1723~`` is circa, ``2004-22`` a season (summer), ``199X`` the range 1990-1999,
    ``1999-10-14/`` (or ``/..``, ``/unknown``) an open range, ``-0099`` the year 100 BC
    (ISO years count a year 0; CSL's do not). Times and the uncertainty marker ``?`` have
    no place in a CSL date and are left out; ``../2001`` (open start) becomes its end,
    the one part CSL can hold. None when *text* is not such a date.
    """
    value = text.strip()
    pieces = value.split("/")
    if len(pieces) > 2:
        return None
    if len(pieces) == 1:
        side = _edtf_side(value)
        if side is None:
            return None
        low, high, season, circa = side
        date: dict[str, Any] = {"date-parts": [low] if low == high else [low, high]}
        if season is not None:
            date["season"] = season
    else:
        start, end = (p.strip() for p in pieces)
        first = None if start in _OPEN else _edtf_side(start)
        last = None if end in _OPEN else _edtf_side(end)
        if (first is None and start not in _OPEN) or (last is None and end not in _OPEN):
            return None
        if first is None and last is None:
            return None
        circa = bool(first and first[3]) or bool(last and last[3])
        if first is None:
            assert last is not None
            date = {"date-parts": [last[1]]}
        elif last is None:
            date = {"date-parts": [first[0], [0] * len(first[0])]}  # citeproc-js: open end
        else:
            date = {"date-parts": [first[0], last[1]]}
    if circa:
        date["circa"] = True
    return date


def to_edtf(date: Mapping[str, Any]) -> str | None:
    """A CSL date as biblatex writes it (the inverse of :func:`parse_edtf`); None if the
    date has no date-parts."""
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    shown: list[str] = []
    for part in parts:
        numbers = [int(p) for p in part]
        if not numbers:
            return None
        if len(shown) == 1 and not any(numbers):
            shown.append("")  # an open end
            break
        year = astronomical_year(numbers[0])
        pieces = [f"{year:04d}" if year >= 0 else f"-{-year:04d}"]
        pieces += [f"{n:02d}" for n in numbers[1:3]]
        shown.append("-".join(pieces))
    season = date.get("season")
    if len(shown) == 1 and isinstance(season, int) and 1 <= season <= 4 and "-" not in shown[0][1:]:
        shown[0] += f"-{season + 20}"
    text = "/".join(shown)
    return text + "~" if date.get("circa") and str(date.get("circa")).lower() != "false" else text
