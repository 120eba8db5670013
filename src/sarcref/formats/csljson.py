"""CSL-JSON files: a list of items or one item, validated, each with the line it starts on.

Slips citeproc-js reads past are read past here too, with a warning (``csljson_leniency``).
JSON nested deeper than any CSL-JSON needs is refused, and a lone UTF-16 surrogate
(``"\\ud800"``, not a character: it cannot be stored or printed) is replaced by U+FFFD
with a warning, as pandoc reads it, so that one broken character does not cost the
record.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import DataError
from ..records import Record
from .csljson_leniency import MAX_DEPTH, repair, too_deep, without_lone_surrogates
from .gc_pause import gc_paused
from .model import Problem, ReadResult, SourceRecord


class CslJsonError(DataError):
    """A file that is not JSON, or not CSL-JSON at all."""


class _Lines:
    """Line numbers of offsets given in increasing order, counting each newline once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _items(text: str, source: str) -> list[tuple[Any, int]]:
    """The top-level items of a JSON list (or the one object), with their start lines."""
    decoder = json.JSONDecoder()
    lines = _Lines(text)
    start = len(text) - len(text.lstrip())
    try:
        if not text.startswith("[", start):
            value, end = decoder.raw_decode(text, start)
            if text[end:].strip():
                raise json.JSONDecodeError("extra data after the JSON value", text, end)
            return [(value, lines.at(start))]
        items: list[tuple[Any, int]] = []
        pos = start + 1
        while True:
            pos = _skip_space(text, pos)
            if text.startswith("]", pos) and not items:
                pos += 1
                break
            value, end = decoder.raw_decode(text, pos)
            items.append((value, lines.at(pos)))
            pos = _skip_space(text, end)
            if text.startswith(",", pos):
                pos += 1
            elif text.startswith("]", pos):
                pos += 1
                break
            else:
                raise json.JSONDecodeError("expected ',' or ']' after an item", text, pos)
        if text[pos:].strip():
            raise json.JSONDecodeError("extra data after the JSON list", text, pos)
        return items
    except json.JSONDecodeError as error:
        raise CslJsonError(
            f"{source}:{error.lineno}: not valid JSON: {error.msg} (column {error.colno})"
        ) from None
    except RecursionError:
        line = _line_too_deep(text)
        raise CslJsonError(
            f"{source}:{line}: JSON nested deeper than {MAX_DEPTH} levels "
            "(a CSL-JSON item needs four): not CSL-JSON"
        ) from None


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _line_too_deep(text: str) -> int:
    """The line where *text* opens its level MAX_DEPTH + 1 (only when decoding failed)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        char = match.group(0)
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif char in "]}":
            depth -= 1
    return 1


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


_WHERE = "\x00"
_PREFIX = re.compile("^\x00(?: '[^']*')?: ")


# "\ud800" to "\udfff" written as escapes: the only way JSON text holds a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read(text: str, source: str) -> ReadResult:
    with gc_paused():
        return _read(text, source)


def _read(text: str, source: str) -> ReadResult:
    result = ReadResult("csl-json")
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    for index, (item, line) in enumerate(_items(text, source), 1):
        if not isinstance(item, dict):
            reason = f"item {index} is {type(item).__name__}, not a JSON object"
            result.problems.append(Problem(source, line, None, reason))
            continue
        key = item.get("id")
        shown_key = None if key is None or key == "" else str(key)
        notes: list[str] = []
        if surrogates:
            item = without_lone_surrogates(item, "item", notes)
        deep = too_deep(item)
        if deep is not None:
            reason = f"field '{deep}': nested deeper than {MAX_DEPTH} levels"
            result.problems.append(Problem(source, line, shown_key, reason))
            continue
        item, repairs = repair(item)
        try:
            # A missing id is allowed here: the import gives the record a key.
            record = Record.from_json({**item, "id": shown_key or "?"}, where=_WHERE)
        except DataError as error:
            reason = _PREFIX.sub("", error.message)
            result.problems.append(Problem(source, line, shown_key, reason))
            continue
        if shown_key is None:
            record.key = ""
            record.csl["id"] = ""
        result.records.append(SourceRecord(record, source, line))
        result.warnings += [Problem(source, line, shown_key, n) for n in notes + repairs]
    return result


def write(records: list[Record]) -> str:
    """Plain CSL-JSON (no sarcref fields), a list even for one record."""
    return json.dumps([r.to_csl() for r in records], ensure_ascii=False, indent=2) + "\n"
