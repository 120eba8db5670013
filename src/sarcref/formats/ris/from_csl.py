"""CSL records to RIS tags: the export side of ``to_csl``.

What the record kept from a RIS import (its type and the tags without a CSL counterpart) is
written back as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...records import Record
from .. import dates
from .to_csl import BOOK_TYPES, RIS_EXTRA, TYPES_TO_CSL

TYPES_FROM_CSL = {
    "article": "GEN",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "speech": "SLIDE",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}


def record_to_tags(record: Record) -> dict[str, list[str]]:
    csl = record.csl
    own = record.extra.get(RIS_EXTRA)
    own = own if isinstance(own, Mapping) else {}
    kept_type = own.get("type")
    ris_type = (
        kept_type
        if isinstance(kept_type, str) and TYPES_TO_CSL.get(kept_type, "document") == record.type
        else TYPES_FROM_CSL.get(record.type, "GEN")
    )
    tags: dict[str, list[str]] = {"TY": [ris_type], "ID": [record.key]}

    def put(tag: str, value: Any) -> None:
        if value is not None and str(value) != "":
            tags.setdefault(tag, []).append(str(value))

    put("TI", csl.get("title"))
    for variable, tag in (("author", "AU"), ("editor", "A2"), ("collection-editor", "A3")):
        for name in csl.get(variable) or []:
            put(tag, format_name(name))
    for name in csl.get("translator") or []:
        put("A4", format_name(name))
    put("T2", csl.get("container-title"))
    put("J2", csl.get("container-title-short"))
    put("T3", csl.get("collection-title"))
    put("ST", csl.get("title-short"))
    issued = csl.get("issued")
    if isinstance(issued, Mapping):
        parts = dates.first_parts(issued)
        if parts:
            put("PY", str(parts[0]))
            if len(parts) > 1:
                put("DA", _ris_date(parts))
        else:
            put("PY", issued.get("literal") or issued.get("raw"))
    page = str(csl.get("page") or "")
    if page:
        start, _, end = page.partition("-")
        put("SP", start)
        put("EP", end or None)
    for tag, variable in (
        ("VL", "volume"),
        ("IS", "issue"),
        ("PB", "publisher"),
        ("CY", "publisher-place"),
        ("ET", "edition"),
        ("LA", "language"),
        ("NV", "number-of-volumes"),
        ("M3", "genre"),
        ("CN", "call-number"),
        ("DO", "DOI"),
        ("UR", "URL"),
        ("AB", "abstract"),
        ("N1", "note"),
    ):
        put(tag, csl.get(variable))
    put("SN", csl.get("ISBN") if ris_type in BOOK_TYPES else csl.get("ISSN"))
    # Split on the separator import joins KW lines with, so the keywords come back alike.
    for keyword in str(csl.get("keyword") or "").split(", "):
        put("KW", keyword.strip() or None)
    accessed = csl.get("accessed")
    if isinstance(accessed, Mapping) and dates.first_parts(accessed):
        put("Y2", _ris_date(dates.first_parts(accessed)))
    kept_tags = own.get("tags")
    if isinstance(kept_tags, Mapping):
        for tag, values in kept_tags.items():
            for value in values:
                put(tag, value)
    return tags


def _ris_date(parts: list[int]) -> str:
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def format_name(name: Any) -> str:
    if not isinstance(name, Mapping):
        return str(name)
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(
        str(name[p])
        for p in ("dropping-particle", "non-dropping-particle", "family")
        if name.get(p)
    )
    pieces = [family, str(name.get("given") or "")]
    if name.get("suffix"):
        pieces.append(str(name["suffix"]))
    return ", ".join(pieces)
