"""Reading BibTeX and BibLaTeX files: the one module that uses bibtexparser.

bibtexparser 2 splits the file into blocks; sarcref resolves the values itself (``@string``
macros, month macros and ``#`` concatenation in one pass, cheaper than bibtexparser's
middlewares) and applies ``crossref`` inheritance. The result is :class:`BibEntry` objects
whose values are still LaTeX; ``bibtex_map`` turns them into CSL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..errors import DataError
from .model import Problem

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

# Entry types whose title is the booktitle of the entries that cross-reference them.
_CONTAINER_TYPES = frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference "
    "periodical".split()
)
# Fields a child never inherits through crossref.
_NOT_INHERITED = frozenset("crossref xref ids entryset related sortkey label".split())


class BibTeXError(DataError):
    """A BibTeX file sarcref cannot read at all."""


@dataclass
class BibEntry:
    """One entry: lower-case type and field names, values with macros resolved (still LaTeX)."""

    entry_type: str
    key: str
    fields: dict[str, str]
    line: int
    inherited: list[str] = field(default_factory=list)


def parse(text: str, source: str) -> tuple[list[BibEntry], list[Problem]]:
    """The entries of a BibTeX text in file order, and the blocks that could not be read."""
    import bibtexparser
    from bibtexparser import model

    # bibtexparser logs every block it cannot read; sarcref reports them itself.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as error:  # a parser bug, not the file's fault: still say which file
        raise BibTeXError(f"{source}: the BibTeX parser failed: {error}") from None

    strings: dict[str, str] = dict(MONTH_MACROS)
    entries: list[BibEntry] = []
    problems: list[Problem] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.String):
            strings[block.key.lower()] = _resolve(block.value, strings)
            continue
        if isinstance(block, model.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            key = getattr(block.ignore_error_block, "key", None)
            problems.append(Problem(source, line, key, f"field {names} appears twice"))
            continue
        entry = block
        if isinstance(block, model.DuplicateBlockKeyBlock):
            entry = block.ignore_error_block
        elif isinstance(block, model.ParsingFailedBlock):
            problems.append(Problem(source, line, _raw_key(block.raw), _reason(block.error)))
            continue
        if not isinstance(entry, model.Entry):
            continue  # comments and preambles
        fields = {f.key.lower(): _resolve(f.value, strings) for f in entry.fields}
        entries.append(BibEntry(entry.entry_type.lower(), entry.key.strip(), fields, line))
    _inherit_crossrefs(entries)
    return entries, problems


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
        return f"the entry is not closed before the end of the file ({reason})"
    return reason or "the entry could not be parsed (unbalanced braces or quotes?)"


def _resolve(value: str, strings: dict[str, str]) -> str:
    """A raw BibTeX value as its text: delimiters removed, macros and ``#`` resolved."""
    value = value.strip()
    if "#" not in value:
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


def _split_concatenation(value: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    return pieces


def _inherit_crossrefs(entries: list[BibEntry]) -> None:
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key.casefold(), entry)
    for entry in entries:
        target = entry.fields.get("crossref")
        parent = by_key.get(target.strip().casefold()) if target else None
        if parent is None or parent is entry:
            continue
        for name, value in parent.fields.items():
            if name in _NOT_INHERITED:
                continue
            if name in ("title", "subtitle") and parent.entry_type in _CONTAINER_TYPES:
                name = "book" + name  # a proceedings' title is its paper's booktitle
            if name not in entry.fields:
                entry.fields[name] = value
                entry.inherited.append(name)
