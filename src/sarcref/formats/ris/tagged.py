"""RIS text to tagged records and back: the syntax, not the meaning of the tags.

Reading is sarcref's own, in one pass over the lines: rispy's parser joins continuation
lines by string concatenation, quadratic in the length of a value (a 100,000-line
abstract took 10 s), and it keeps neither line numbers nor the order of tags across
names (``AU`` then ``A1``). rispy writes.

What counts as a record follows Zotero's RIS translator: tag lines (``TY  - JOUR``,
``ER  -``, one or two spaces before the dash) from the first tag line to ``ER``; a line
without a tag continues the value before it; anything outside a record (a BOM, blank
lines, headers such as Cochrane's ``Record #3 of 18`` or Ovid's ``6.``) is skipped. ``TY``
need not come first. A second ``TY`` in a record means the ``ER`` before it is missing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...errors import DataError
from ..model import Problem

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: (.*))?")
# Rayyan writes some tags inside the value before them: "DO  - 10.1/x     LK  - https://".
_INLINE_TAG = re.compile(r"\s{2,}([A-Z][A-Z0-9])  - ")
# Continuation lines of these keep their line breaks (notes, abstracts), as in Zotero,
# unless the file is hard-wrapped: no line over 85 characters and the line before 65 or
# more long.
_TEXT_TAGS = frozenset({"AB", "N1", "N2", "RN", "M2"})
# ...and these always keep them: each line is one more keyword or link.
_LINE_TAGS = frozenset({"KW", "L1", "L2", "L3", "L4"})
_WRAPPED_LINE = 65
_UNWRAPPED_FILE = 85
# The head of a file in another tagged format: MEDLINE's "PMID- 123", "OWN - NLM".
_OTHER_TAGGED = re.compile(r"[A-Z][A-Z0-9]{1,3} {0,3}- ")
_ER_LINE = re.compile(r"^ER {1,2}-", re.MULTILINE)


class RisError(DataError):
    """A file that is not RIS."""


@dataclass
class RisEntry:
    """One RIS record: its tags and values in file order, and the line it starts on."""

    pairs: list[tuple[str, str]]
    line: int

    def values(self, tag: str) -> list[str]:
        return [value for t, value in self.pairs if t == tag]

    def first(self, tag: str) -> str | None:
        for t, value in self.pairs:
            if t == tag:
                return value
        return None


@dataclass
class ParsedRis:
    """The records of a file, the ones refused, and those read with a guess."""

    entries: list[RisEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def looks_like_ris(text: str) -> bool:
    """Whether *text* is RIS: a ``TY`` line near the top, or (dialects that do not put
    ``TY`` first) a first tag line of RIS shape in a file with ``ER`` lines."""
    seen = 0
    for line in _lines(text.lstrip("\ufeff")):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if stripped.startswith("TY ") and _TAG_LINE.fullmatch(stripped):
            return True
        if _TAG_LINE.fullmatch(line.rstrip()):
            return bool(_ER_LINE.search(text))
        if _OTHER_TAGGED.match(line) or seen > 20:
            return False
    return False


def _lines(text: str) -> Iterator[str]:
    """The lines of *text* one at a time (``\\n``, ``\\r\\n`` or ``\\r`` ends a line)."""
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        line = text[start:end]
        yield line[:-1] if line.endswith("\r") else line
        start = end + 1


class _Value:
    """A tag's value as its lines come in; joined once, so long values stay linear."""

    __slots__ = ("tag", "first", "rest", "last_length")

    def __init__(self, tag: str, first: str, line_length: int) -> None:
        self.tag = tag
        self.first = first
        self.rest: io.StringIO | None = None
        self.last_length = line_length

    def continue_with(self, line: str, hard_wrapped: bool) -> None:
        clean = line.strip()
        if self.tag in _LINE_TAGS:
            separator = "\n"
        elif self.tag in _TEXT_TAGS and (
            not clean or not hard_wrapped or self.last_length < _WRAPPED_LINE
        ):
            separator = "\n"
        else:
            separator = " " if clean else ""
        self.last_length = len(line)
        if self.rest is None:
            self.rest = io.StringIO()
        self.rest.write(separator + clean)

    def text(self) -> str:
        whole = self.first if self.rest is None else self.first + self.rest.getvalue()
        return whole.strip()


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        if "\u2028" in text or "\u2029" in text:
            # Some sites break lines with Unicode separators; Zotero reads them as spaces.
            text = re.sub(r"\s?[\u2028\u2029]|[\u2028\u2029]\s?", " ", text)
        self.text = text.lstrip("\ufeff")
        self.source = source
        self.result = ParsedRis()
        self.pairs: list[tuple[str, str]] = []
        self.start = 0
        self.has_type = False
        self.value: _Value | None = None
        self._hard_wrapped: bool | None = None

    def hard_wrapped(self) -> bool:
        if self._hard_wrapped is None:
            longest = max((len(line) for line in _lines(self.text)), default=0)
            self._hard_wrapped = longest <= _UNWRAPPED_FILE
        return self._hard_wrapped

    def read(self) -> ParsedRis:
        for number, line in enumerate(_lines(self.text), 1):
            match = _TAG_LINE.fullmatch(line.rstrip()) if line[:1].isupper() else None
            if match is None:
                if self.value is not None:
                    self.value.continue_with(line, self.hard_wrapped())
                continue
            tag, value = match.group(1), match.group(2) or ""
            self.finish_value()
            if tag == "ER":
                if self.pairs:
                    self.close()
                continue
            if tag == "TY":
                if self.has_type:
                    reason = f"no ER line before the next record (line {number}): read as two"
                    self.result.warnings.append(
                        Problem(self.source, self.start, self.key(), reason)
                    )
                    self.close()
                self.has_type = True
            if not self.pairs:
                self.start = number
            self.take(tag, value, len(line))
        self.finish_value()
        if self.pairs:
            reason = "the record has no ER line: the file ends inside it (truncated?)"
            self.result.problems.append(Problem(self.source, self.start, self.key(), reason))
        return self.result

    def take(self, tag: str, value: str, line_length: int) -> None:
        if "  - " in value and _INLINE_TAG.search(value):
            pieces = _INLINE_TAG.split(value)
            self.pairs.append((tag, pieces[0].strip()))
            inner = list(zip(pieces[1::2], pieces[2::2], strict=True))
            self.pairs += [(t, v.strip()) for t, v in inner[:-1]]
            tag, value = inner[-1]
        self.value = _Value(tag, value.strip(), line_length)

    def finish_value(self) -> None:
        if self.value is not None:
            self.pairs.append((self.value.tag, self.value.text()))
            self.value = None

    def key(self) -> str | None:
        for tag, value in self.pairs:
            if tag == "ID" and value:
                return value
        return None

    def close(self) -> None:
        self.result.entries.append(RisEntry(self.pairs, self.start))
        self.pairs = []
        self.has_type = False


def parse(text: str, source: str) -> ParsedRis:
    """The records of a RIS text with their lines, in one pass."""
    return _Reader(text, source).read()


def write(entries: list[dict[str, list[str]]]) -> str:
    """RIS text for records given as tag -> values (``TY`` first, written in order)."""
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
