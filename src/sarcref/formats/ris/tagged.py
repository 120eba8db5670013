"""Reading and writing RIS: the one module that uses rispy.

sarcref finds the records (``TY`` ... ``ER``) itself, so that each has its line and a
record cut short by the end of the file is reported rather than silently dropped; rispy
reads the tags of each record and writes them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...errors import DataError
from ..model import Problem

# "TY  - JOUR": a tag, two spaces, a dash. Files written by hand often have one space.
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
# Tags that may repeat, one value a line; a line without a tag continues the value before.
LIST_TAGS = ["AU", "A1", "A2", "A3", "A4", "ED", "KW", "UR", "N1", "L1", "L2", "L3", "L4"]


class RisError(DataError):
    """A file that is not RIS."""


@dataclass
class RisEntry:
    """One RIS record: its tags in file order, each with its values."""

    tags: dict[str, list[str]]
    line: int


def looks_like_ris(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200]
    return bool(re.match(r"TY {1,2}- ", head))


def parse(text: str, source: str) -> tuple[list[RisEntry], list[Problem]]:
    entries: list[RisEntry] = []
    problems: list[Problem] = []
    chunk: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        match = _TAG_LINE.match(line.rstrip("\r"))
        tag = match.group(1) if match else None
        if tag == "TY":
            if chunk:
                reason = f"no ER line before the next record (line {number})"
                problems.append(Problem(source, start, _id_of(chunk), reason))
            chunk, start = [], number
        if match:
            value = (match.group(2) or "").strip()
            if not chunk and tag != "TY":
                continue  # headers some databases write before the first record
            chunk.append(f"{tag}  - {value}")
            if tag == "ER":
                entries.append(RisEntry(_read_tags(chunk), start))
                chunk = []
        elif chunk and line.strip():
            chunk.append(line.strip())
    if chunk:
        reason = "the record has no ER line: the file ends inside it (truncated?)"
        problems.append(Problem(source, start, _id_of(chunk), reason))
    return entries, problems


def _id_of(chunk: list[str]) -> str | None:
    for line in chunk:
        if line.startswith("ID  - "):
            return line[6:].strip() or None
    return None


def _read_tags(chunk: list[str]) -> dict[str, list[str]]:
    from rispy import RisParser

    tags = {line[:2] for line in chunk if _TAG_LINE.match(line)}
    parser = RisParser(
        mapping={tag: tag for tag in tags | {"TY", "UK"}},
        list_tags=LIST_TAGS,
        delimiter_tags_mapping={},
        enforce_list_tags=False,
    )
    (parsed,) = parser.parse("\n".join(chunk))
    out: dict[str, list[str]] = {}
    for tag, value in parsed.items():
        values = value if isinstance(value, list) else [value]
        kept = [str(v) for v in values if str(v).strip()]
        if kept:
            out[tag] = kept
    return out


def write(entries: list[dict[str, list[str]]]) -> str:
    """RIS text for records given as tag -> values (``TY`` first)."""
    from rispy import RisWriter

    class Writer(RisWriter):  # type: ignore[misc]
        REFERENCE_TYPE_KEY = "ty"

        def set_header(self, count: int) -> str:
            return ""  # rispy numbers the records ("1."); RIS readers do not expect that

    tags = {tag for entry in entries for tag in entry} | {"TY", "ER", "UK"}
    writer = Writer(
        mapping={tag: tag.lower() for tag in tags},
        list_tags=sorted(tags - {"TY", "ER"}),
        delimiter_tags_mapping={},
    )
    references: list[dict[str, Any]] = [
        {"ty": entry["TY"][0], **{t.lower(): v for t, v in entry.items() if t != "TY"}}
        for entry in entries
    ]
    text: str = writer.formats(references)
    return text
