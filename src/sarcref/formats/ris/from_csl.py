"""CSL records to RIS tags, as Zotero's RIS translator writes them: the export side of
``to_csl``, from the same tables.

What the record kept from a RIS import (its RIS type and the values no CSL variable
holds) is written back after the mapped tags, so that importing the export gives the
record back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...records import Record
from . import mapping
from .dates import format_slashed, format_year
from .names import format_name
from .to_csl import RIS_EXTRA, standard_number


def record_to_tags(record: Record) -> dict[str, list[str]]:
    """The tags of one record, ``TY`` and ``ID`` first, in Zotero's order."""
    csl = record.csl
    own = record.extra.get(RIS_EXTRA)
    own = own if isinstance(own, Mapping) else {}
    kept_type = own.get("type")
    ty, kind = mapping.kind_of(record.type, kept_type if isinstance(kept_type, str) else None)
    tags: dict[str, list[str]] = {"TY": [ty], "ID": [record.key]}

    def put(tag: str, value: Any) -> None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                tags.setdefault(tag, []).append(text)

    names_written: set[str] = set()
    for tag, variable in mapping.export_tags(kind):
        value = csl.get(variable[1:] if variable.startswith("@") else variable)
        if variable == "PMID":  # both IDs share C2, told apart by their shape
            put(tag, value)
            put(tag, csl.get("PMCID"))
        elif variable in ("ISBN", "ISSN"):
            # SN holds either, told apart by their shape: a book's ISSN (its series') is
            # written too, when it reads back as one.
            put(tag, value)
            other = "ISSN" if variable == "ISBN" else "ISBN"
            if standard_number(str(csl.get(other) or "")) == other:
                put(tag, csl[other])
        elif value is None:
            continue
        elif variable.startswith("@"):
            if variable in names_written:
                continue  # two tags mean the same role (a bill's AU and A2): write it once
            names_written.add(variable)
            for name in value if isinstance(value, list) else []:
                put(tag, format_name(name))
        elif isinstance(value, Mapping):  # a date
            put(tag, format_year(value) if tag == "PY" else format_slashed(value))
        elif variable == "page" and tag == "SP":
            start, end = split_page(str(value))
            put("SP", start)
            put("EP", end)
        elif variable == "keyword":
            # Split where import joins KW lines, so that the keywords come back alike.
            for keyword in str(value).split(", "):
                put(tag, keyword)
        else:
            put(tag, value)
    kept = own.get("tags")
    if isinstance(kept, Mapping):
        for tag, values in kept.items():
            for value in values if isinstance(values, list) else []:
                if not (tag == "ID" and value == record.key):
                    put(tag, value)
    return tags


def split_page(page: str) -> tuple[str, str | None]:
    """``3-8`` as SP 3 and EP 8; anything without a plain hyphen between two non-blank
    characters stays whole in SP (``3–8``, ``e123``), and reads back as it was."""
    start, dash, end = page.strip().partition("-")
    if dash and start and end and start != end and not (start[-1] + end[0]).isspace():
        return start, end
    return page.strip(), None
