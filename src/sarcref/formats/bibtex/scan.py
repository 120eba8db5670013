"""Braces in BibTeX values: the one scanner every other module asks where groups are.

A brace group opens at ``{`` and closes at the matching ``}``; a backslash escapes the
character after it, so ``\\{`` and ``\\}`` are text, never group delimiters (bibtexparser
reads values the same way). Optionally, a ``"`` at the top level opens a quoted piece that
runs to the next top-level ``"`` (``#`` concatenation in raw values).

The scanner looks only at backslashes, braces (and quotes): a regular expression finds
them, so plain text costs nothing per character (the reason earlier code kept four
hand-written loops).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPECIAL = re.compile(r"\\.|[{}]", re.DOTALL)
_SPECIAL_QUOTED = re.compile(r'\\.|[{}"]', re.DOTALL)


def matching_brace(text: str, start: int) -> int | None:
    """The index of the ``}`` closing the ``{`` at *start*; None if it is never closed."""
    depth = 0
    for match in _SPECIAL.finditer(text, start):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return match.start()
    return None


def top_level_spans(text: str, *, quotes: bool = False) -> list[tuple[int, int]]:
    """The outermost groups of *text* as ``(start, end)`` slices, delimiters included.

    A group never closed runs to the end of the text; a stray ``}`` at the top level is
    text. With *quotes*, a top-level ``"..."`` piece is a group too.
    """
    if "{" not in text and not (quotes and '"' in text):
        return []
    spans: list[tuple[int, int]] = []
    depth = 0
    quoted = False
    start = 0
    for match in (_SPECIAL_QUOTED if quotes else _SPECIAL).finditer(text):
        char = match.group()
        if char == "{":
            if depth == 0 and not quoted:
                start = match.start()
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
            if depth == 0 and not quoted:
                spans.append((start, match.end()))
        elif char == '"' and depth == 0:
            if quoted:
                spans.append((start, match.end()))
            else:
                start = match.start()
            quoted = not quoted
    if depth or quoted:
        spans.append((start, len(text)))
    return spans


def is_one_group(text: str) -> bool:
    """Whether *text* is a single brace group: ``{...}`` with nothing outside it."""
    return text[:1] == "{" and matching_brace(text, 0) == len(text) - 1


def outside(
    text: str, pattern: re.Pattern[str], *, quotes: bool = False
) -> Iterator[re.Match[str]]:
    """The matches of *pattern* in *text* that start outside every brace group and are not
    an escaped character (the ``~`` of ``\\~{n}``, the ``,`` of ``\\,``)."""
    spans = top_level_spans(text, quotes=quotes)
    index = 0
    pos = 0
    while True:
        match = pattern.search(text, pos)
        if match is None:
            return
        at = match.start()
        while index < len(spans) and spans[index][1] <= at:
            index += 1
        if index < len(spans) and spans[index][0] <= at:
            pos = spans[index][1]  # inside a group: look again after it
            continue
        if at and text[at - 1] == "\\" and _escaped(text, at):
            pos = at + 1  # an escaped character: a match may still start right after it
            continue
        yield match
        pos = max(match.end(), at + 1)


def _escaped(text: str, at: int) -> bool:
    """Whether the character at *at* follows an odd run of backslashes."""
    run = 0
    while at - run > 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def split(text: str, pattern: re.Pattern[str], *, quotes: bool = False) -> list[str]:
    """*text* cut at the matches of *pattern* outside brace groups (the matches dropped)."""
    pieces: list[str] = []
    start = 0
    for match in outside(text, pattern, quotes=quotes):
        if match.end() == match.start():
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces
