"""RIS dates (``PY``, ``Y1``, ``DA``, ``Y2``) to CSL dates and back.

Exporters write ``2015``, ``2015///``, ``2015//``, ``2015/01/15/``, ``2015/01/15/Spring``,
``2015-01-15``, ``Jan 2015``, ``SEP 22`` (Web of Science: the year is in ``PY``) and
ranges (``2015/2016``, ``2015-01-15/2015-01-20``, ``Jan-Feb 2015``). Zotero writes
``YYYY/MM/DD/`` in ``DA`` and the year in ``PY``; sarcref does the same, and writes a range
as an ISO 8601 interval.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import dates

SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}

# YYYY/MM/DD/other, everything after the year optional (Zotero's reading, with a sign).
_SLASHED = re.compile(r"(-?\d{1,4})(?:/(\d{0,2})(?:/(\d{0,2})(?:[/ ](.*))?)?)?")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[-\u2013/]\s*(\d{4})")
_MONTH = r"([A-Za-z]{3,9})\.?"
# [day] month[-month] [day][,] [year]: "Jan 2015", "15 Jan 2015", "Jan 15, 2015", "SEP 22"
_MONTH_FIRST = re.compile(
    rf"(?:(\d{{1,2}})\s+)?{_MONTH}(?:\s*[-\u2013/]\s*{_MONTH})?(?:\s+(\d{{1,2}}))?,?(?:\s+(\d{{4}}))?"
)
# year month [day]: "2015 Jan", "2015 Jan 15"
_YEAR_FIRST = re.compile(rf"(\d{{4}})\s+{_MONTH}(?:\s+(\d{{1,2}}))?")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?")


def parse_date(text: str, year: int | None = None) -> tuple[dict[str, Any] | None, bool]:
    """(CSL date or None, whether all of *text* was used).

    *year* completes a date written without one (``SEP 22`` with ``PY  - 2010``).
    """
    text = text.strip()
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        return _from_slashed(slashed)
    iso = dates.parse_iso(text)
    if iso is not None:
        return iso, True
    years = _YEAR_RANGE.fullmatch(text)
    if years and int(years.group(1)) <= int(years.group(2)):
        return {"date-parts": [[int(years.group(1))], [int(years.group(2))]]}, True
    return _from_month_name(text, year), True


def _from_slashed(match: re.Match[str]) -> tuple[dict[str, Any] | None, bool]:
    numbers = [int(match.group(1))]
    for group in (match.group(2), match.group(3)):
        # An empty or zero part is unknown, and so is everything after it.
        if not group or not int(group):
            break
        numbers.append(int(group))
    if numbers[0] == 0 or not dates.valid_parts(*numbers):
        return None, False
    date: dict[str, Any] = {"date-parts": [numbers]}
    other = (match.group(4) or "").strip()
    if not other or _TIME.fullmatch(other):
        return date, True
    season = SEASONS.get(other.lower())
    if season is not None:
        date["season"] = season
        return date, True
    return date, False


def _from_month_name(text: str, year: int | None) -> dict[str, Any] | None:
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        found_year, first, second, day = int(match.group(1)), match.group(2), None, match.group(3)
    else:
        match = _MONTH_FIRST.fullmatch(text)
        if not match:
            return None
        day_before, first, second, day_after, written_year = match.groups()
        if day_before and day_after:
            return None
        day = day_before or day_after
        if written_year:
            found_year = int(written_year)
        elif year is not None:
            found_year = year
        else:
            return None
    start = dates.month_number(first)
    end = dates.month_number(second) if second else None
    if start is None or (second and end is None):
        return None
    parts = [found_year, start] + ([int(day)] if day else [])
    if not dates.valid_parts(*parts) or (end is not None and day):
        return None
    if end is not None:
        return {"date-parts": [parts, [found_year, end]]}
    return {"date-parts": [parts]}


def year_of(text: str) -> int | None:
    """The year a ``PY`` value gives (``2015``, ``2015///``), if any."""
    date, _ = parse_date(text)
    parts = dates.first_parts(date) if date else []
    return parts[0] if parts else None


def format_slashed(date: Mapping[str, Any]) -> str | None:
    """``YYYY/MM/DD/`` (with a season after the last slash), as Zotero writes ``DA``.

    A range is written as an ISO 8601 interval; a literal date as its text.
    """
    parts = date.get("date-parts")
    if isinstance(parts, list) and len(parts) == 2:
        return dates.to_iso(date)
    first = dates.first_parts(date) if isinstance(parts, list) and parts else []
    if not first:
        text = date.get("literal") or date.get("raw")
        return str(text) if text else None
    pieces = [f"{first[0]:04d}" if first[0] >= 0 else str(first[0])]
    pieces += [f"{p:02d}" for p in first[1:3]]
    pieces += [""] * (3 - len(pieces))
    season = date.get("season")
    try:
        season_name = SEASON_NAMES.get(int(season), "") if season else ""
    except (TypeError, ValueError):
        season_name = str(season)
    return "/".join(pieces) + "/" + season_name


def format_year(date: Mapping[str, Any]) -> str | None:
    """The year for ``PY``: of the date, or the first four-digit year of a literal date."""
    first = dates.first_parts(date) if isinstance(date.get("date-parts"), list) else []
    if first:
        return f"{first[0]:04d}" if first[0] >= 0 else str(first[0])
    found = re.search(r"\b\d{4}\b", str(date.get("literal") or date.get("raw") or ""))
    return found.group(0) if found else None
