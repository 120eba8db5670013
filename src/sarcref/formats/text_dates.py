"""Dates as databases print them, to CSL dates.

MEDLINE writes ``2015 Feb 15``, ``2010 Sep-Oct``, ``1998 Dec-1999 Jan``, ``2009 Winter`` and
``20150215``; Embase ``15 Feb 2015``; Web of Science ``FEB 15`` and ``SPR`` beside the year;
CSV exports ``2015/02/15`` or ``2015-02-15``. Ranges become two-date ``date-parts`` and
seasons CSL's ``season`` (1 spring ... 4 winter).
"""

from __future__ import annotations

import re
from typing import Any

from . import dates

SEASONS = {
    "spring": 1,
    "spr": 1,
    "summer": 2,
    "sum": 2,
    "autumn": 3,
    "fall": 3,
    "fal": 3,
    "aut": 3,
    "winter": 4,
    "win": 4,
}

_NUMERIC = re.compile(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TOKEN = re.compile(r"\d+|[^\W\d_]+\.?|-|/")


def parse_text_date(text: str) -> dict[str, Any] | None:
    """A CSL date from a date as databases print it; None if the text is not one."""
    text = text.strip()
    if not text:
        return None
    match = _NUMERIC.fullmatch(text) or _COMPACT.fullmatch(text)
    if match:
        parts = [int(g) for g in match.groups() if g is not None]
        if dates.valid_parts(*parts):
            return {"date-parts": [parts]}
        return None
    halves: list[dict[str, int]] = [{}]
    for token in _TOKEN.findall(text.replace(",", " ")):
        if token in "-/":
            if len(halves) == 2 or not halves[0]:
                return None
            halves.append({})
            continue
        if not _add_token(halves[-1], token):
            return None
    return _to_csl(halves)


def _add_token(part: dict[str, int], token: str) -> bool:
    if token.isdigit():
        slot = "year" if len(token) == 4 else "day" if len(token) <= 2 else None
        if slot is None or slot in part or (slot == "day" and not 1 <= int(token) <= 31):
            return False
        part[slot] = int(token)
        return True
    word = token.rstrip(".").casefold()
    month = dates.month_number(word) if not word.isdigit() else None
    if month is not None and "month" not in part and "season" not in part:
        part["month"] = month
        return True
    if word in SEASONS and "season" not in part and "month" not in part:
        part["season"] = SEASONS[word]
        return True
    return False


def _to_csl(halves: list[dict[str, int]]) -> dict[str, Any] | None:
    start = halves[0]
    end = halves[1] if len(halves) == 2 else None
    if end is not None:
        if "year" not in start and "year" in end:
            start["year"] = end["year"]
        if "year" not in end and "year" in start:
            end["year"] = start["year"]
        # "2015 Jan 15-31": the end is a day of the start's month.
        if "month" not in end and "day" in end and "month" in start:
            end["month"] = start["month"]
    if "year" not in start:
        return None
    seasons = [h["season"] for h in halves if "season" in h]
    if seasons:
        if "month" in start or "day" in start or (end and ("month" in end or "day" in end)):
            return None
        if end is not None and end["year"] != start["year"]:
            return None
        season: int | str = seasons[0]
        if len(seasons) == 2:
            names = ["Spring", "Summer", "Autumn", "Winter"]
            season = f"{names[seasons[0] - 1]}-{names[seasons[1] - 1]}"
        return {"date-parts": [[start["year"]]], "season": season}
    parts = [_parts(start)]
    if end is not None:
        parts.append(_parts(end))
    if any(p is None for p in parts):
        return None
    if len(parts) == 2 and parts[0] == parts[1]:
        parts.pop()
    return {"date-parts": parts}


def _parts(half: dict[str, int]) -> list[int] | None:
    if "year" not in half or ("day" in half and "month" not in half):
        return None
    numbers = [half["year"]] + [half[k] for k in ("month", "day") if k in half]
    return numbers if dates.valid_parts(*numbers) else None
