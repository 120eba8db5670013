"""Reading BibTeX and BibLaTeX files: the one module that uses bibtexparser.

bibtexparser 2 splits the file into blocks; sarcref resolves the values itself (``@string``
macros, month macros and ``#`` concatenation in one pass, cheaper than bibtexparser's
middlewares). The result is :class:`BibEntry` objects whose values are still LaTeX;
``to_csl`` turns them into CSL, and ``reader`` puts the two together.

Where every peer is lenient, so is this module, and it says so (warnings): a field given
twice keeps its first value; an entry opened with ``(`` and closed with ``}`` (or the
reverse), one left unclosed before the next entry, and two fields without a comma between
them are read the way biber recovers them. What cannot be recovered is a problem naming
the file, the line and the key.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import DataError
from ..model import Problem
from . import scan

MONTH_MACROS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

# The longest value a field (or an @string) may have once macros are expanded: a handful
# of doubling @string definitions would otherwise grow a 1 kB file into gigabytes (#11).
MAX_VALUE_CHARS = 1_000_000


class BibTeXError(DataError):
    """A BibTeX file sarcref cannot read at all."""


@dataclass
class BibEntry:
    """One entry: lower-case type and field names, values with macros resolved (still LaTeX)."""

    entry_type: str
    key: str
    fields: dict[str, str]
    line: int


@dataclass
class Parsed:
    """What a BibTeX text holds: entries in file order, blocks refused, and warnings."""

    entries: list[BibEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


# A block as plain data: ("entry", line, type, key, [(field, raw value), ...]),
# ("string", line, key, raw value), ("problem", line, key or None, reason),
# ("warning", line, key or None, reason).
Block = tuple[Any, ...]


class _TooLong(Exception):
    def __init__(self, length: int) -> None:
        self.length = length


def parse(
    text: str, source: str, *, line_offset: int = 0, strings: dict[str, str] | None = None
) -> Parsed:
    """The entries of a BibTeX text in file order, the blocks that could not be read, and
    what was read with a guess.

    *strings*: ``@string`` macros defined before *text* (a later part of a file).
    Raises BibTeXError when a value is longer than ``MAX_VALUE_CHARS`` once expanded.
    """
    try:
        found = blocks(text, line_offset)
    except Exception as error:  # a parser bug, not the file's fault: still say which file
        raise BibTeXError(f"{source}: the BibTeX parser failed: {error}") from None
    defined = {**MONTH_MACROS, **(strings or {})}
    parsed = Parsed()
    for block in found:
        kind, line = block[0], block[1]
        if kind == "string":
            try:
                defined[block[2].lower()] = _resolve(block[3], defined)
            except _TooLong as error:
                raise _too_long(source, line, f"@string '{block[2]}'", error) from None
        elif kind == "problem":
            parsed.problems.append(Problem(source, line, block[2], block[3]))
        elif kind == "warning":
            parsed.warnings.append(Problem(source, line, block[2], block[3]))
        else:
            key = block[3].strip()
            raw_fields = block[4]
            if any("=" in value for _, value in raw_fields):
                raw_fields, joined = _split_missing_commas(raw_fields)
                if joined:
                    names = ", ".join(joined)
                    reason = f"no comma before field {names}; read as separate fields"
                    parsed.warnings.append(Problem(source, line, key or None, reason))
            fields = {}
            for name, value in raw_fields:
                try:
                    fields[name.lower()] = _resolve(value, defined)
                except _TooLong as error:
                    where = f"entry '{key}': field '{name.lower()}'"
                    raise _too_long(source, line, where, error) from None
            parsed.entries.append(BibEntry(block[2].lower(), key, fields, line))
    return parsed


def _too_long(source: str, line: int, where: str, error: _TooLong) -> BibTeXError:
    return BibTeXError(
        f"{source}:{line}: {where}: the value is {error.length:,} characters long (after "
        f"@string macros are expanded); sarcref reads at most {MAX_VALUE_CHARS:,} a field",
        hint="is the file damaged, or built to blow up? split the value or the file",
    )


def string_macros(text: str) -> dict[str, str]:
    """The ``@string`` macros *text* defines, resolved: what a later part of the file sees."""
    pieces = []
    for match in _STRING_BLOCK.finditer(text):
        # From "@string" to the next block: bibtexparser reads the rest as a comment.
        end = text.find("\n@", match.end())
        pieces.append(text[match.start() : end if end != -1 else len(text)])
    defined: dict[str, str] = dict(MONTH_MACROS)
    for block in blocks("\n".join(pieces)) if pieces else []:
        if block[0] == "string":
            try:
                defined[block[2].lower()] = _resolve(block[3], defined)
            except _TooLong:
                pass  # the half that defines it reports it
    return defined


_STRING_BLOCK = re.compile(r"^[ \t]*@[ \t]*string[ \t]*[{(]", re.IGNORECASE | re.MULTILINE)


def split_point(text: str) -> int | None:
    """The start of an entry near the middle, outside any braces; None if there is none."""
    middle = len(text) // 2
    for tries, match in enumerate(re.finditer(r"\n@", text[middle:])):
        if tries == 20:
            break
        pos = middle + match.start() + 1
        opened = text.count("{", 0, pos) - text.count("\\{", 0, pos)
        closed = text.count("}", 0, pos) - text.count("\\}", 0, pos)
        if opened == closed:
            return pos
    return None


def blocks(text: str, line_offset: int = 0) -> list[Block]:
    """bibtexparser's reading of *text*, as plain blocks, with recoverable entries recovered."""
    from bibtexparser import model
    from bibtexparser.entrypoint import parse_string

    # bibtexparser logs every block it cannot read; sarcref reports them itself.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = parse_string(text, parse_stack=[])
    found = library.blocks
    # An entry left open is recoverable when another entry follows it (not at the end).
    last_entry = max(
        (i for i, b in enumerate(found) if isinstance(b, (model.Entry, model.String))), default=-1
    )
    out: list[Block] = []
    for index, block in enumerate(found):
        line = (block.start_line or 0) + 1 + line_offset
        if isinstance(block, model.String):
            out.append(("string", line, block.key, block.value))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            entry: Any = block.ignore_error_block
            names = ", ".join(sorted(block.duplicate_keys))
            reason = f"field {names} appears twice; the first value is kept"
            out.append(("warning", line, entry.key, reason))
            out.append(_entry_block(entry, line))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            # Two entries with one key are two works: keep both, the import renames one.
            out.append(_entry_block(block.ignore_error_block, line))
        elif isinstance(block, model.ParsingFailedBlock):
            out.extend(_recovered(block, line, followed=index < last_entry))
        elif isinstance(block, model.Entry):
            out.append(_entry_block(block, line))
    return out


def _entry_block(entry: Any, line: int) -> Block:
    first: dict[str, str] = {}
    for item in entry.fields:  # a field given twice keeps its first value
        first.setdefault(item.key.lower(), item.value)
    return ("entry", line, entry.entry_type, entry.key, list(first.items()))


# -- recovering entries bibtexparser refuses ----------------------------------------------

_OPENING = re.compile(r"@\s*[A-Za-z]+\s*([({])")
# A field value that ran on into the next field: "..., year = 2000" inside a value.
_SWALLOWED = re.compile(r",\s*[A-Za-z][\w:.+-]*\s*=\s*[{\"\d]")


def _recovered(block: Any, line: int, *, followed: bool) -> list[Block]:
    """The entry of a block bibtexparser refused, read with biber's repairs when one fits
    (as an entry and a warning); else a problem."""
    raw = (block.raw or "").rstrip()
    key = _raw_key(raw)
    reason = _reason(block.error)
    for fixed, repair in _repairs(raw, followed):
        entry = _reparse(fixed)
        if entry is _GLUED:
            reason = "a brace is not closed inside a field value (fields would run together)"
        elif entry is not None:
            return [("warning", line, key, repair), _entry_block(entry, line)]
    return [("problem", line, key, reason)]


def _repairs(raw: str, followed: bool) -> list[tuple[str, str]]:
    opening = _OPENING.match(raw)
    if not opening:
        return []
    body_start = opening.end()
    head = raw[: opening.start(1)]
    closing = raw[-1:]
    candidates = []
    if opening.group(1) == "(" and closing == "}":
        fixed = head + "{" + raw[body_start:]
        candidates.append((fixed, "the entry opens with '(' and closes with '}'; read as braces"))
    elif opening.group(1) == "{" and closing == ")":
        fixed = raw[:-1] + "}"
        candidates.append((fixed, "the entry opens with '{' and closes with ')'; read as braces"))
    if followed:
        body = head + "{" + raw[body_start:] if opening.group(1) == "(" else raw
        depth = _depth(body)
        if depth > 0:
            fixed = body.rstrip().rstrip(",") + "}" * depth
            candidates.append((fixed, "the entry is not closed before the next one; closed there"))
    return candidates


def _depth(text: str) -> int:
    depth = 0
    for match in re.finditer(r"\\.|[{}]", text, re.DOTALL):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth


_GLUED = object()


def _reparse(text: str) -> Any | None:
    from bibtexparser import model
    from bibtexparser.entrypoint import parse_string

    library = parse_string(text, parse_stack=[])
    entries = [b for b in library.blocks if isinstance(b, model.Entry)]
    failed = [b for b in library.blocks if isinstance(b, model.ParsingFailedBlock)]
    if len(entries) != 1 or failed:
        return None
    entry = entries[0]
    if any(_SWALLOWED.search(str(f.value)) for f in entry.fields):
        return _GLUED  # a brace missing inside a value: the repair would glue fields together
    return entry


def _split_missing_commas(fields: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Fields whose value ran into the next field for want of a comma, split apart."""
    out: list[tuple[str, str]] = []
    joined: list[str] = []
    for name, value in fields:
        pieces = _missing_comma(value) if "=" in value else None
        if pieces is None:
            out.append((name, value))
            continue
        out.append((name, pieces[0][1]))
        for later_name, later_value in pieces[1:]:
            joined.append(later_name.lower())
            out.append((later_name, later_value))
    return out, joined


_NEXT_FIELD = re.compile(r"\s+([A-Za-z][\w:.+-]*)\s*=\s*")
_BARE = re.compile(r"[^\s,#{}\"]+")


def _missing_comma(value: str) -> list[tuple[str, str]] | None:
    """``{A}\\n year = 2000`` as ``[("", "{A}"), ("year", "2000")]``; None if *value* is an
    ordinary value. Any number of fields may have run together."""
    end = _piece_end(value, 0)
    if end is None or end == len(value):
        return None
    pieces: list[tuple[str, str]] = []
    name, start = "", 0
    while True:
        follow = _NEXT_FIELD.match(value, end) if end is not None else None
        if follow is None:
            if not pieces:
                return None
            pieces.append((name, value[start:].strip()))
            return pieces
        pieces.append((name, value[start:end]))
        name, start = follow.group(1), follow.end()
        end = _piece_end(value, start)


def _piece_end(value: str, start: int) -> int | None:
    """Where the value piece (braced, quoted or bare) starting at *start* ends."""
    if value[start : start + 1] == "{":
        close = scan.matching_brace(value, start)
        return None if close is None else close + 1
    if value[start : start + 1] == '"':
        spans = scan.top_level_spans(value[start:], quotes=True)
        return start + spans[0][1] if spans else None
    bare = _BARE.match(value, start)
    return bare.end() if bare else None


def _raw_key(raw: str | None) -> str | None:
    if not raw:
        return None
    opening = _OPENING.match(raw)
    if not opening:
        return None
    head = raw[opening.end() :]
    key = head.split(",", 1)[0].strip()
    return key if key and "\n" not in key and len(key) < 200 else None


def _reason(error: Exception) -> str:
    reason = getattr(error, "abort_reason", None) or str(error)
    reason = " ".join(str(reason).split())
    if "end of file" in reason.lower() or "eof" in reason.lower():
        return "the entry is not closed before the end of the file (truncated?)"
    return reason or "the entry could not be parsed (unbalanced braces or quotes?)"


# -- values -------------------------------------------------------------------------------


def _resolve(value: str, strings: dict[str, str]) -> str:
    """A raw BibTeX value as its text: delimiters removed, macros and ``#`` resolved."""
    if "#" not in value:
        if value[:1] == "{" and value[-1:] == "}":  # most values: one braced piece
            text = value[1:-1]
        else:
            text = _piece(value, strings)
        if len(text) > MAX_VALUE_CHARS:
            raise _TooLong(len(text))
        return text
    pieces = [_piece(p, strings) for p in _split_concatenation(value)]
    length = sum(len(p) for p in pieces)
    if length > MAX_VALUE_CHARS:
        raise _TooLong(length)  # before joining: the point is not to build it
    return "".join(pieces)


def _piece(piece: str, strings: dict[str, str]) -> str:
    piece = piece.strip()
    if len(piece) >= 2 and piece[0] == "{" and piece[-1] == "}":
        return piece[1:-1]
    if len(piece) >= 2 and piece[0] == '"' and piece[-1] == '"':
        return piece[1:-1]
    if piece.isdigit():
        return piece
    # An undefined macro is kept as its name: never lose what the file says.
    return strings.get(piece.lower(), piece)


_HASH = re.compile("#")


def _split_concatenation(value: str) -> list[str]:
    return scan.split(value, _HASH, quotes=True)
