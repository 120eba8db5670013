"""Slips in CSL-JSON items that citeproc-js and pandoc read past, read the same way here.

An item without a type renders in citeproc-js and pandoc with no type-specific form.
A number where the schema wants a string, a name or a list of names written as text,
and a date written as text are read for what they mean: an ISO 8601 date becomes
date-parts, other text a raw date, which the renderer parses as citeproc-js does. Each
fix is reported as a warning naming the field; what cannot be read is left for
validation to refuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..records import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, STRING_VARIABLES
from . import dates
from .ris.names import parse_name

# Nesting no CSL-JSON item needs (an item, a list of names, a name: three levels); deeper
# values are refused before they reach code that recurses.
MAX_DEPTH = 64

_NAME_SEPARATOR = re.compile(r"\s+and\s+|\s*;\s*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def repair(item: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """*item* with its recoverable slips fixed, and one warning per fix."""
    fixed = dict(item)
    warnings: list[str] = []
    _type(fixed, warnings)
    for variable, value in list(fixed.items()):
        if variable in NAME_VARIABLES:
            fixed[variable] = _names(variable, value, warnings)
        elif variable in DATE_VARIABLES:
            date = _date(variable, value, warnings)
            if date is None:
                del fixed[variable]
            else:
                fixed[variable] = date
        elif variable in STRING_VARIABLES and _is_number(value):
            fixed[variable] = _number_text(value)
            warnings.append(f"field '{variable}': the number {value} read as text")
    return fixed, warnings


def too_deep(item: Mapping[str, Any]) -> str | None:
    """The first field of *item* nested deeper than ``MAX_DEPTH`` levels, if any.

    Names need no walk: validation refuses a name that is not an object of text parts.
    Nor do a date's date-parts, which must be lists of numbers.
    """
    for variable, value in item.items():
        if variable in NAME_VARIABLES or not isinstance(value, (list, dict)):
            continue
        if variable in DATE_VARIABLES and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != "date-parts"}
        if _depth_over(value, MAX_DEPTH - 1):
            return variable
    return None


def _depth_over(value: Any, room: int) -> bool:
    if room < 0:
        return True
    children = value.values() if isinstance(value, dict) else value
    return any(
        isinstance(child, (list, dict)) and _depth_over(child, room - 1) for child in children
    )


def without_lone_surrogates(value: Any, where: str, warnings: list[str]) -> Any:
    """*value* with each lone UTF-16 surrogate (``\\ud800``) replaced by U+FFFD."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            warnings.append(f"{where}: a lone surrogate (invalid Unicode) replaced by U+FFFD")
            return _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [without_lone_surrogates(v, where, warnings) for v in value]
    if isinstance(value, dict):
        return {
            without_lone_surrogates(k, where, warnings): without_lone_surrogates(
                v, f"field '{k}'" if where == "item" else where, warnings
            )
            for k, v in value.items()
        }
    return value


def _type(item: dict[str, Any], warnings: list[str]) -> None:
    if "type" not in item or item["type"] in (None, ""):
        item.pop("type", None)
        warnings.append("no 'type': kept without one (styles give it no type-specific form)")
        return
    written = item["type"]
    if isinstance(written, str) and written not in CSL_TYPES:
        guess = written.strip().lower().replace(" ", "-")
        for candidate in (guess, guess.replace("-", "_"), guess.replace("_", "-")):
            if candidate in CSL_TYPES:
                item["type"] = candidate
                warnings.append(f"field 'type': '{written}' read as '{candidate}'")
                return


def _names(variable: str, value: Any, warnings: list[str]) -> Any:
    if isinstance(value, Mapping):
        warnings.append(f"field '{variable}': one name, not a list: read as a list of one")
        return [value]
    if isinstance(value, str):
        warnings.append(f"field '{variable}': names written as text: read as names")
        return [_name(part) for part in _NAME_SEPARATOR.split(value.strip()) if part]
    if isinstance(value, list) and any(isinstance(n, str) for n in value):
        warnings.append(f"field '{variable}': names written as text: read as names")
        return [_name(n) if isinstance(n, str) else n for n in value]
    return value


def _name(text: str) -> dict[str, str]:
    return parse_name(text) or {"literal": text.strip()}


def _date(variable: str, value: Any, warnings: list[str]) -> Any:
    """The date, repaired; None when there is no date at all."""
    if isinstance(value, str):
        if not value.strip():
            warnings.append(f"field '{variable}': an empty date left out")
            return None
        date = dates.parse_iso(value)
        if date is None:
            # Parsed when cited, the way citeproc-js parses a raw date.
            warnings.append(f"field '{variable}': the date '{value}' kept as a raw date")
            return {"raw": value}
        warnings.append(f"field '{variable}': the date '{value}' read as date-parts")
        return date
    if _is_number(value) and float(value).is_integer():
        warnings.append(f"field '{variable}': the number {value} read as a year")
        return {"date-parts": [[int(value)]]}
    if not isinstance(value, Mapping) or "date-parts" not in value:
        return value
    parts = value["date-parts"]
    if (
        isinstance(parts, list)
        and parts
        and all(_is_number(p) or isinstance(p, str) for p in parts)
    ):
        warnings.append(f"field '{variable}': date-parts not nested: read as one date")
        parts = [parts]
    if not isinstance(parts, list):
        return value
    cleaned = [_date_part(p) for p in parts]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    rest = {k: v for k, v in value.items() if k != "date-parts"}
    if cleaned and all(cleaned):
        return {"date-parts": cleaned, **rest}
    if any(isinstance(v, str) and v.strip() for v in (rest.get("literal"), rest.get("raw"))):
        return rest  # "date-parts": [] beside a literal: the literal is the date
    if not cleaned:
        warnings.append(f"field '{variable}': an empty date left out")
        return None
    return value


def _date_part(part: Any) -> Any:
    """[2000, "", ""] -> [2000]; "2000" -> 2000 (CSL-JSON allows numbers as text)."""
    if not isinstance(part, list):
        return part
    numbers = list(part)
    while numbers and numbers[-1] in ("", None):
        numbers.pop()
    return [
        int(n) if isinstance(n, str) and n.strip().lstrip("-").isdigit() else n for n in numbers
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
