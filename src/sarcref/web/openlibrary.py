"""Books by ISBN through Open Library's Books API
(``/api/books?bibkeys=ISBN:...&format=json&jscmd=data``).

The answer is an object keyed by the bibkey, empty when Open Library does not know the ISBN.
Mapped: title (with subtitle), authors, the first publisher and place of publication (they go
together), the publication date, number of pages, and the ISBN the book was found by.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import DataError, NotFoundError
from .http import HttpClient
from .names import split_name
from .services import OPENLIBRARY

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_WORD = re.compile(r"[A-Za-z]+")
_DAY = re.compile(r"\b(\d{1,2})\b")


def fetch(client: HttpClient, isbn: str) -> dict[str, Any]:
    """The CSL-JSON of the book with *isbn*; NotFoundError when Open Library has none."""
    bibkey = f"ISBN:{isbn}"
    response = client.get(
        OPENLIBRARY,
        f"{client.base_url(OPENLIBRARY)}/api/books",
        params={"bibkeys": bibkey, "format": "json", "jscmd": "data"},
        what=f"ISBN {isbn}",
        accept="application/json",
    )
    data = response.json("Open Library", f"ISBN {isbn}")
    if not isinstance(data, dict):
        raise DataError(f"Open Library answered JSON that is not an object for ISBN {isbn}")
    book = data.get(bibkey)
    if book is None and len(data) == 1:
        book = next(iter(data.values()))
    if not book:
        raise NotFoundError(f"Open Library has no book with ISBN {isbn}")
    if not isinstance(book, dict):
        raise DataError(f"Open Library answered an entry that is not an object for ISBN {isbn}")
    return book_to_csl(book, isbn)


def book_to_csl(book: dict[str, Any], isbn: str) -> dict[str, Any]:
    title = _clean(book.get("title"))
    subtitle = _clean(book.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title.rstrip(' :')}: {subtitle}"
    csl: dict[str, Any] = {"type": "book", "title": title, "ISBN": isbn}
    authors = [split_name(_clean(a.get("name"))) for a in _objects(book.get("authors"))]
    authors = [a for a in authors if a]
    if authors:
        csl["author"] = authors
    publishers = [_clean(p.get("name")) for p in _objects(book.get("publishers"))]
    places = [_clean(p.get("name")) for p in _objects(book.get("publish_places"))]
    if any(publishers):
        csl["publisher"] = next(p for p in publishers if p)
    if any(places):
        csl["publisher-place"] = next(p for p in places if p)
    issued = parse_date(_clean(book.get("publish_date")))
    if issued:
        csl["issued"] = issued
    pages = book.get("number_of_pages")
    if isinstance(pages, int) and not isinstance(pages, bool) and pages > 0:
        csl["number-of-pages"] = str(pages)
    return {k: v for k, v in csl.items() if v}


def parse_date(text: str) -> dict[str, Any] | None:
    """Open Library's free-text dates: ``1997``, ``June 1997``, ``Jan 01, 1997``,
    ``1997-06-01``, ``c1997``; a text without a year is kept as a literal."""
    if not text:
        return None
    iso = _ISO.match(text)
    if iso:
        parts = [int(g) for g in iso.groups() if g]
        return {"date-parts": [parts]}
    year = _YEAR.search(text)
    if not year:
        return {"literal": text}
    parts = [int(year.group(1))]
    month = next((_MONTHS[w.lower()] for w in _WORD.findall(text) if w.lower() in _MONTHS), None)
    if month:
        parts.append(month)
        rest = text.replace(year.group(1), " ")
        day = _DAY.search(rest)
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return {"date-parts": [parts]}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _clean(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int)) else ""
