"""Typst: ``@key``, ``#cite(<key>)``, ``#cite(label("key"))`` (and ``#cite("key")``).

Not citations: anything in raw text (`` `x` ``, ```` ```block``` ````), comments (``//``,
``/* */``), math, strings in code, URLs, an ``@`` right after a letter or digit (e-mail
addresses), and a reference to a label the document defines itself (``= Intro <intro>``
... ``@intro`` refers to the heading, not to the bibliography).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import CitedKey, Reading
from .source import LineIndex, read_text

_MARKUP = re.compile(r"[\\`$<@#/\]]|(?<![\w.])https?://", re.I)
_CODE = re.compile(r"""["/\[\](){}]|\bcite\(|\bref\(|\blabel\(""")
_LABEL_CHARS = re.compile(r"[\w\-:.]+")
_LABEL = re.compile(r"<([\w\-:.]+)>")
_LABEL_CALL = re.compile(r"""label\(\s*"([^"\\]+)"\s*\)""")
_STRING_ARGUMENT = re.compile(r"""(?:^|,)\s*"([^"\\]+)"\s*(?=,|$)""")
_NAMED = re.compile(r"(?:^|,)\s*[A-Za-z][\w-]*\s*:")
_URL = re.compile(r"[^\s<>\[\]()]+")
_RUN = re.compile(r"`+")


def read(path: Path) -> Reading:
    """The keys a Typst document cites."""
    text = read_text(path)
    scanner = _Scanner(text)
    position = 0
    while position < len(text):  # (markup stops at a stray `]`: go on after it)
        position = scanner.markup(position, len(text)) + 1
    lines = LineIndex(text)
    keys: list[CitedKey] = []
    seen: set[str] = set()
    for key, offset in scanner.found:
        if key in seen or key in scanner.labels:
            continue
        seen.add(key)
        keys.append(CitedKey(key, path, *lines.position(offset)))
    return Reading(keys, [path], [])


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[tuple[str, int]] = []
        self.labels: set[str] = set()

    # -- markup ----------------------------------------------------------------------------
    def markup(self, start: int, end: int) -> int:
        """Scan markup from *start*; return where it ends (*end*, or an unmatched ``]``)."""
        text = self.text
        at = start
        while True:
            match = _MARKUP.search(text, at, end)
            if match is None:
                return end
            at = match.start()
            char = text[at]
            if char == "]":
                return at
            if char == "\\":
                at += 2
            elif char == "`":
                at = self.raw(at, end)
            elif char == "$":
                close = text.find("$", at + 1, end)
                at = close + 1 if close >= 0 else at + 1
            elif char == "/":
                at = self.comment(at, end)
            elif char == "<":
                label = _LABEL.match(text, at, end)
                if label:
                    self.labels.add(label.group(1))
                    at = label.end()
                else:
                    at += 1
            elif char == "@":
                at = self.reference(at, end)
            elif char == "#":
                at = self.embedded_code(at + 1, end)
            else:  # a URL
                url = _URL.match(text, at, end)
                at = url.end() if url else at + 1

    def raw(self, at: int, end: int) -> int:
        run = _RUN.match(self.text, at, end)
        assert run is not None
        ticks = run.group()
        if len(ticks) == 2:
            return run.end()  # `` is an empty raw
        close = self.text.find(ticks, run.end(), end)
        return close + len(ticks) if close >= 0 else run.end()

    def comment(self, at: int, end: int) -> int:
        text = self.text
        if text.startswith("//", at):
            newline = text.find("\n", at, end)
            return newline if newline >= 0 else end
        if text.startswith("/*", at):
            depth = 0
            index = at
            while index < end - 1:
                pair = text[index : index + 2]
                if pair == "/*":
                    depth += 1
                    index += 2
                elif pair == "*/":
                    depth -= 1
                    index += 2
                    if depth == 0:
                        return index
                else:
                    index += 1
            return end
        return at + 1

    def reference(self, at: int, end: int) -> int:
        text = self.text
        if at > 0 and text[at - 1].isalnum():
            return at + 1  # an e-mail address
        match = _LABEL_CHARS.match(text, at + 1, end)
        if match is None:
            return at + 1
        key = match.group().rstrip(".:")
        if key:
            self.found.append((key, at + 1))
        return at + 1 + len(key)

    # -- code --------------------------------------------------------------------------------
    def embedded_code(self, at: int, end: int) -> int:
        """``#expr``: an identifier with its calls, fields and content blocks, or a block."""
        text = self.text
        if at >= end:
            return at
        if text[at] in "({[":
            return self.code_group(at, end)
        name = re.compile(r"[A-Za-z_][\w-]*").match(text, at, end)
        if name is None:
            return at
        if name.group() in ("let", "set", "show", "import", "include", "if", "for", "while"):
            newline = text.find("\n", name.end(), end)
            return self.code(name.end(), newline if newline >= 0 else end)
        position = name.end()
        while position < end:
            char = text[position]
            if char in "([":
                if char == "(" and name.group() in ("cite", "ref"):
                    position = self.cite_call(position, end)
                else:
                    position = self.code_group(position, end)
            elif char == "." and position + 1 < end and text[position + 1].isalpha():
                field = re.compile(r"\.[A-Za-z_][\w-]*").match(text, position, end)
                position = field.end() if field else position + 1
            else:
                break
        return position

    def code_group(self, at: int, end: int) -> int:
        """A ``(...)``, ``{...}`` or ``[...]`` group in code; returns the index past it."""
        opening = self.text[at]
        if opening == "[":
            close = self.markup(at + 1, end)
            return close + 1 if close < end else end
        closing = ")" if opening == "(" else "}"
        return self.code(at + 1, end, closing)

    def code(self, at: int, end: int, closing: str | None = None) -> int:
        """Code up to *closing* (or *end*): strings and comments skipped, content scanned."""
        text = self.text
        while True:
            match = _CODE.search(text, at, end)
            if match is None:
                return end
            at = match.start()
            char = text[at]
            if char == closing:
                return at + 1
            if char == '"':
                at = _string_end(text, at, end)
            elif char == "/":
                at = self.comment(at, end)
            elif char in "([{":
                at = self.code_group(at, end)
            elif char in ")]}":
                return at + 1  # (an unbalanced closing bracket ends the code)
            elif match.group().startswith(("cite", "ref")):
                at = self.cite_call(match.end() - 1, end)
            else:  # label("key") used as a value
                call = _LABEL_CALL.match(text, at, end)
                at = call.end() if call else match.end()

    def cite_call(self, at: int, end: int) -> int:
        """``cite(<a>)``, ``cite(label("a"))``, ``cite("a", "b")`` (older Typst): their keys."""
        text = self.text
        first = len(self.found)
        close = self.code(at + 1, end, ")")
        inside = text[at + 1 : close - 1]
        offset = at + 1
        keys: list[tuple[str, int]] = []
        keys += [(m.group(1), offset + m.start(1)) for m in _LABEL.finditer(inside)]
        keys += [(m.group(1), offset + m.start(1)) for m in _LABEL_CALL.finditer(inside)]
        for argument in _STRING_ARGUMENT.finditer(_without_named(inside)):
            keys.append((argument.group(1), offset + argument.start(1)))
        self.found[first:] = sorted(self.found[first:] + keys, key=lambda k: k[1])
        return close


def _string_end(text: str, at: int, end: int) -> int:
    index = at + 1
    while index < end:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == '"':
            return index + 1
        index += 1
    return end


def _without_named(arguments: str) -> str:
    """*arguments* with named arguments (``supplement: [p. 7]``) blanked out."""
    pieces = list(arguments)
    for named in _NAMED.finditer(arguments):
        index = named.end()
        depth = 0
        while index < len(pieces):
            char = pieces[index]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
            elif char == "," and depth == 0:
                break
            pieces[index] = " "
            index += 1
    return "".join(pieces)
