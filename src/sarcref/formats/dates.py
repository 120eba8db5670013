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
