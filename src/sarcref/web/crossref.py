"""Crossref's record of a work, for what happened to it after publication.

``GET /works/{doi}`` answers ``{"message": {...}}``. The work's ``updated-by`` lists the
notices that update it (retractions, corrections, expressions of concern...), from the
publisher's Crossmark deposits and, since 2025, from the Retraction Watch database
(``"source": "retraction-watch"``); ``update-to`` lists the works a notice updates (a work
retracted "in place" updates itself). ``relation`` is not read: Crossref's relation vocabulary
(``is-preprint-of``, ``has-review``, ``is-supplemented-by``...) has no retraction or
correction type; those are Crossmark updates, which the two lists above carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..errors import DataError
from .cache import DAY
from .doi import doi_path
from .http import HttpClient
from .services import CROSSREF

# A retraction check must not rely on a month-old answer; a day is enough to spare Crossref.
NOTICE_MAX_AGE = DAY


@dataclass(frozen=True)
class Notice:
    """One update notice of a work (or, with ``relation == "update-to"``, the work it
    updates): its DOI, type (``retraction``, ``correction``, ``expression_of_concern``...),
    label as Crossref gives it, date (ISO) and source (``publisher``, ``retraction-watch``)."""

    relation: str  # "updated-by" or "update-to"
    type: str
    label: str
    doi: str | None
    date: str | None
    source: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def fetch_work(client: HttpClient, doi: str) -> dict[str, Any]:
    """Crossref's ``message`` for *doi*; NotFoundError when Crossref does not know it."""
    url = f"{client.base_url(CROSSREF)}/works/{doi_path(doi)}"
    response = client.get(
        CROSSREF, url, what=f"DOI {doi}", accept="application/json", max_age=NOTICE_MAX_AGE
    )
    data = response.json("Crossref", f"DOI {doi}")
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        raise DataError(f"Crossref answered JSON without a work 'message' for DOI {doi}")
    return message


def notices(work: Mapping[str, Any]) -> list[Notice]:
    """The update notices of a Crossref work, in the order Crossref lists them, each once."""
    found: list[Notice] = []
    for relation in ("updated-by", "update-to"):
        for entry in work.get(relation) or []:
            if isinstance(entry, Mapping):
                found.append(_notice(relation, entry))
    # The publisher and Retraction Watch often report one notice each: shown once, both named.
    unique: dict[tuple[str, str, str], Notice] = {}
    for notice in found:
        key = (notice.relation, notice.type, (notice.doi or "").lower())
        seen = unique.get(key)
        if seen is None:
            unique[key] = notice
        elif notice.source and notice.source not in (seen.source or "").split(", "):
            sources = ", ".join(s for s in (seen.source, notice.source) if s)
            unique[key] = replace(seen, source=sources, date=seen.date or notice.date)
    return list(unique.values())


def _notice(relation: str, entry: Mapping[str, Any]) -> Notice:
    kind = str(entry.get("type") or "update").strip().lower().replace("-", "_").replace(" ", "_")
    label = str(entry.get("label") or kind.replace("_", " ")).strip()
    doi = entry.get("DOI")
    source = entry.get("source")
    return Notice(
        relation=relation,
        type=kind,
        label=label,
        doi=str(doi).strip() if doi else None,
        date=_date(entry.get("updated")),
        source=str(source) if source else None,
    )


def _date(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
    stamp = value.get("date-time")
    return str(stamp)[:10] if stamp else None
