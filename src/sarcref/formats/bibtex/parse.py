"""Reading BibTeX and BibLaTeX files: the one module that uses bibtexparser.

bibtexparser 2 splits the file into blocks; sarcref resolves the values itself (``@string``
macros, month macros and ``#`` concatenation in one pass, cheaper than bibtexparser's
middlewares). The result is :class:`BibEntry` objects whose values are still LaTeX;
``to_csl`` turns them into CSL, and ``reader`` puts the two together.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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


class BibTeXError(DataError):
    """A BibTeX file sarcref cannot read at all."""


@dataclass
class BibEntry:
    """One entry: lower-case type and field names, values with macros resolved (still LaTeX)."""

    entry_type: str
    key: str
    fields: dict[str, str]
    line: int


# A block as plain data: ("entry", line, type, key, [(field, raw value), ...]),
# ("string", line, key, raw value), ("problem", line, key or None, reason).
Block = tuple[Any, ...]


def parse(
    text: str, source: str, *, line_offset: int = 0, strings: dict[str, str] | None = None
) -> tuple[list[BibEntry], list[Problem]]:
    """The entries of a BibTeX text in file order, and the blocks that could not be read.

    *strings*: ``@string`` macros defined before *text* (a later part of a file).
    """
    try:
        found = blocks(text, line_offset)
    except Exception as error:  # a parser bug, not the file's fault: still say which file
        raise BibTeXError(f"{source}: the BibTeX parser failed: {error}") from None
    defined = {**MONTH_MACROS, **(strings or {})}
    entries: list[BibEntry] = []
    problems: list[Problem] = []
    for block in found:
        kind, line = block[0], block[1]
        if kind == "string":
            defined[block[2].lower()] = _resolve(block[3], defined)
        elif kind == "problem":
            problems.append(Problem(source, line, block[2], block[3]))
        else:
            fields = {name.lower(): _resolve(value, defined) for name, value in block[4]}
            entries.append(BibEntry(block[2].lower(), block[3].strip(), fields, line))
    return entries, problems


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
            defined[block[2].lower()] = _resolve(block[3], defined)
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
    """bibtexparser's reading of *text*, as plain blocks."""
    from bibtexparser import model
    from bibtexparser.entrypoint import parse_string

    # bibtexparser logs every block it cannot read; sarcref reports them itself.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = parse_string(text, parse_stack=[])
    out: list[Block] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1 + line_offset
        if isinstance(block, model.String):
            out.append(("string", line, block.key, block.value))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            key = getattr(block.ignore_error_block, "key", None)
            out.append(("problem", line, key, f"field {names} appears twice"))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            # Two entries with one key are two works: keep both, the import renames one.
            out.append(_entry_block(block.ignore_error_block, line))
        elif isinstance(block, model.ParsingFailedBlock):
            out.append(("problem", line, _raw_key(block.raw), _reason(block.error)))
        elif isinstance(block, model.Entry):
            out.append(_entry_block(block, line))
    return out


def _entry_block(entry: Any, line: int) -> Block:
    return ("entry", line, entry.entry_type, entry.key, [(f.key, f.value) for f in entry.fields])


def _raw_key(raw: str | None) -> str | None:
    if not raw or "{" not in raw:
        return None
    head = raw.split("{", 1)[1]
    key = head.split(",", 1)[0].strip()
    return key if key and "\n" not in key and len(key) < 200 else None


def _reason(error: Exception) -> str:
    reason = getattr(error, "abort_reason", None) or str(error)
    reason = " ".join(str(reason).split())
    if "end of file" in reason.lower() or "eof" in reason.lower():
        return "the entry is not closed before the end of the file (truncated?)"
    return reason or "the entry could not be parsed (unbalanced braces or quotes?)"


def _resolve(value: str, strings: dict[str, str]) -> str:
    """A raw BibTeX value as its text: delimiters removed, macros and ``#`` resolved."""
    if "#" not in value:
        if value[:1] == "{" and value[-1:] == "}":  # most values: one braced piece
            return value[1:-1]
        return _piece(value, strings)
    return "".join(_piece(p, strings) for p in _split_concatenation(value))


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
