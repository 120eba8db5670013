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

import re
import sys
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


# Rewrites of a value's raw text (its lines as they are in the file) into the value.
_JOINED = re.compile(r"\s*\n\s*")  # a line continues the one before, after a space
_BROKEN = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*")  # ... or after a line break
# A line of 65 characters or more followed by more text, in a hard-wrapped file: a wrap.
_WRAPPED = re.compile(rf"(?m)^(?=[^\n]{{{_WRAPPED_LINE}}})([^\n]*?)[ \t\r]*\n[ \t]*(?=\S)")
_LONG_LINE = re.compile(rf"^[^\n]{{{_UNWRAPPED_FILE + 1}}}", re.MULTILINE)
_MEDIUM_LINE = re.compile(rf"^[^\n]{{{_WRAPPED_LINE}}}", re.MULTILINE)
_KEYWORD_LINES = re.compile(r"[ \t\r\f\v]*\n(?:KW {1,2}-)?[ \t\r\f\v]*")


class _Value:
    """Where a tag's value lies in the text: read once it ends, so long values stay linear
    (and cost their size, not a Python string per line)."""

    __slots__ = ("tag", "line_start", "start", "end", "lines")

    def __init__(self, tag: str, line_start: int, start: int, end: int) -> None:
        self.tag = tag
        self.line_start = line_start
        self.start = start
        self.end = end
        self.lines = 1


class _Reader:
    def __init__(self, text: str, source: str, parsed: ParsedRis) -> None:
        if "\u2028" in text or "\u2029" in text:
            # Some sites break lines with Unicode separators; Zotero reads them as spaces.
            text = re.sub(r"\s?[\u2028\u2029]|[\u2028\u2029]\s?", " ", text)
        if "\n" not in text and "\r" in text:
            text = text.replace("\r", "\n")
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.source = source
        self.parsed = parsed
        self.pairs: list[tuple[str, str]] = []
        self.start = 0
        self.has_type = False
        self.value: _Value | None = None
        self._hard_wrapped: bool | None = None

    def hard_wrapped(self) -> bool:
        """Whether no line is longer than 85 characters (Zotero's test for wrapped text)."""
        if self._hard_wrapped is None:
            self._hard_wrapped = _LONG_LINE.search(self.text) is None
        return self._hard_wrapped

    def __iter__(self) -> Iterator[RisEntry]:
        text = self.text
        length = len(text)
        position = 0
        number = 0
        while position < length:
            newline = text.find("\n", position)
            if newline == -1:
                newline = length
            end = newline - 1 if newline > position and text[newline - 1] == "\r" else newline
            number += 1
            match = (
                _TAG_LINE.fullmatch(text, position, end)
                if text[position : position + 1].isupper()
                else None
            )
            if match is None:
                if self.value is not None:
                    self.value.end = end
                    self.value.lines += 1
            else:
                yield from self.tag_line(match, number, position, end)
            position = newline + 1
        self.finish_value()
        if self.pairs:
            reason = "the record has no ER line: the file ends inside it (truncated?)"
            self.parsed.problems.append(Problem(self.source, self.start, self.key(), reason))

    def tag_line(
        self, match: re.Match[str], number: int, line_start: int, end: int
    ) -> Iterator[RisEntry]:
        tag = sys.intern(match.group(1))
        value_start = match.start(2) if match.group(2) is not None else end
        current = self.value
        if tag == "KW" and current is not None and current.tag == "KW":
            # One value for a run of keyword lines, a keyword a line, as EndNote writes them.
            current.end = end
            current.lines += 1
            return
        self.finish_value()
        if tag == "ER":
            if self.pairs:
                yield self.close()
            return
        if tag == "TY":
            if self.has_type:
                reason = f"no ER line before the next record (line {number}): read as two"
                self.parsed.warnings.append(Problem(self.source, self.start, self.key(), reason))
                yield self.close()
            self.has_type = True
        if not self.pairs:
            self.start = number
        inline = self.text.find("  - ", value_start, end)
        if inline != -1 and _INLINE_TAG.search(self.text, value_start, end):
            pieces = _INLINE_TAG.split(self.text[value_start:end])
            self.pairs.append((tag, pieces[0].strip()))
            inner = list(zip(pieces[1::2], pieces[2::2], strict=True))
            self.pairs += [(sys.intern(t), v.strip()) for t, v in inner]
            return
        self.value = _Value(tag, line_start, value_start, end)

    def finish_value(self) -> None:
        value = self.value
        if value is None:
            return
        self.value = None
        if value.lines == 1:
            self.pairs.append((value.tag, self.text[value.start : value.end].strip()))
            return
        raw = self.text[value.start : value.end]
        if value.tag == "KW":
            raw = raw.replace("\nKW  - ", "\n")  # the common case, without a regex
            if "\nKW " in raw:
                raw = _KEYWORD_LINES.sub("\n", raw)
            text = _join_lines(raw, "\n")
        elif value.tag in _LINE_TAGS:
            text = _join_lines(raw, "\n")
        elif value.tag in _TEXT_TAGS:
            if self.hard_wrapped():
                raw = _unwrap(raw, value.start - value.line_start)
            text = _join_lines(raw, "\n")
        else:
            text = _join_lines(raw, " ")
        self.pairs.append((value.tag, text.strip()))

    def key(self) -> str | None:
        for tag, value in self.pairs:
            if tag == "ID" and value:
                return value
        return None

    def close(self) -> RisEntry:
        entry = RisEntry(self.pairs, self.start)
        self.pairs = []
        self.has_type = False
        return entry


_UNEVEN_BREAK = re.compile(r"[ \t\f\v]\n|\n[ \t\f\v]")


def _join_lines(raw: str, separator: str) -> str:
    """The lines of *raw* trimmed and joined by *separator* (a blank line, with a space,
    disappears). Plain cases go through str methods: a regex substitution keeps a Python
    string per line meanwhile, and a value may have a million lines."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n")
    if _UNEVEN_BREAK.search(raw) is None and (separator == "\n" or "\n\n" not in raw):
        return raw if separator == "\n" else raw.replace("\n", separator)
    return (_BROKEN if separator == "\n" else _JOINED).sub(separator, raw)


def _unwrap(raw: str, prefix: int) -> str:
    """A hard-wrapped value with its wraps joined by spaces; *prefix* is the length of
    the tag before the value on its first line (Zotero measures whole lines)."""
    head, newline, tail = raw.partition("\n")
    if prefix + len(head) < _WRAPPED_LINE and not _MEDIUM_LINE.search(tail):
        return raw  # no line long enough to have been wrapped
    tail = _WRAPPED.sub(r"\1 ", tail)
    if newline and prefix + len(head) >= _WRAPPED_LINE and tail.lstrip(" \t")[:1].strip():
        return head.rstrip() + " " + tail.lstrip(" \t")
    return head + newline + tail


def entries(text: str, source: str, parsed: ParsedRis) -> Iterator[RisEntry]:
    """The records of a RIS text one at a time, in one pass; the records refused and the
    guesses made go to *parsed*."""
    return iter(_Reader(text, source, parsed))


def parse(text: str, source: str) -> ParsedRis:
    """The records of a RIS text with their lines, in one pass."""
    parsed = ParsedRis()
    parsed.entries = list(entries(text, source, parsed))
    return parsed


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
