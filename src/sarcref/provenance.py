"""What a web service gave a record, kept in the record's sarcref fields.

``record.extra["fetched"]`` holds the identifier the record was fetched by, the date, and a
short hash of every CSL variable as the service gave it. ``sarcref update`` compares: a field
whose value no longer has the hash the service gave was edited by hand, and is kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from .records import Record

FETCHED = "fetched"


def digest(value: Any) -> str:
    """A short, stable hash of a CSL value (key order and JSON spacing do not matter)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamp(record: Record, by: str, *, today: str | None = None) -> Record:
    """Note in *record* that its CSL-JSON is what a service gave for identifier *by*."""
    fields = {name: digest(value) for name, value in record.csl.items() if name != "id"}
    record.extra[FETCHED] = {
        "by": by,
        "date": today or date.today().isoformat(),
        "fields": dict(sorted(fields.items())),
    }
    return record


def fetched_by(record: Record) -> str | None:
    """The identifier (``doi:10...``, ``pmid:...``) a service gave the record for, if any."""
    fetched = record.extra.get(FETCHED)
    by = fetched.get("by") if isinstance(fetched, Mapping) else None
    return by if isinstance(by, str) and by else None


def service_digests(record: Record) -> dict[str, str] | None:
    """The hash of each field as the service last gave it; None when no service did."""
    fetched = record.extra.get(FETCHED)
    fields = fetched.get("fields") if isinstance(fetched, Mapping) else None
    if not isinstance(fields, Mapping):
        return None
    return {str(k): str(v) for k, v in fields.items()}
