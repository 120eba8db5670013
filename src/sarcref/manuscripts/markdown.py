"""pandoc Markdown (and Quarto ``.qmd``, R Markdown ``.Rmd``): the keys pandoc reads as citations.

The rules follow pandoc's Markdown reader (pandoc's manual, "Citation syntax"):

- a key is ``@`` then a letter, digit or ``_``, then letters, digits, ``_`` and single
  punctuation characters of ``:.#$%&-+?<>~/`` *between* them (``@a.b.`` is ``a.b``;
  ``@a--b`` is ``a``), with ``:`` or ``/`` also kept before a ``/``; or anything without
  spaces in balanced braces: ``@{a b.c}`` is not a key, ``@{a.b.}`` is ``a.b.``;
- an ``@`` right after a letter, digit or ``.`` is not a citation (e-mail addresses);
- nothing in inline code, fenced or indented code blocks, raw LaTeX environments, HTML
  comments, ``<pre>``/``<script>``/``<style>`` blocks, math, autolinks, HTML tags, link
  destinations, attributes, reference definitions or YAML metadata other than ``nocite``;
  ``(@label)`` of an example list is not a citation;
- order: the order pandoc's document tree has, which is what pandoc's citeproc numbers:
  a footnote's citations where the note is referenced, the keys of a bracketed cluster
  before citations nested in its prefixes or suffixes, ``nocite`` keys last.

One deliberate difference: an ``@`` inside a bare URL (``https://example.org/@user``) is
not a citation here; pandoc reads one there (write ``<https://...>`` and both agree).
In ``.qmd`` files, Quarto's cross-references (``@fig-plot``, ``@tbl-x``, ``@sec-x``, ...)
are not citations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from . import CitedKey, Reading
from .source import LineIndex, read_text

_KEY_PUNCTUATION = frozenset(":.#$%&-+?<>~/")
_QUARTO_CROSSREF = re.compile(
    r"(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|nte|tip|wrn|imp|cau)-"
)


def read(path: Path) -> Reading:
    """The keys a Markdown manuscript cites (a Markdown file includes nothing)."""
    text = read_text(path)
    lines = LineIndex(text)
    quarto = path.suffix.lower() == ".qmd"
    keys: list[CitedKey] = []
    seen: set[str] = set()
    for key, offset in citations(text):
        if key in seen or (quarto and is_quarto_crossref(key)):
            continue
        seen.add(key)
        line, column = lines.position(offset)
        keys.append(CitedKey(key, path, line, column))
    return Reading(keys, [path], [])


def is_quarto_crossref(key: str) -> bool:
    """``fig-plot``, ``tbl-x``, ``sec-intro``...: a Quarto cross-reference, not a citation."""
    return _QUARTO_CROSSREF.match(key) is not None


def citations(text: str) -> list[tuple[str, int]]:
    """Every citation of *text* as (key, offset of the key), in pandoc's document order.

    Keys repeat as often as they are cited; ``*`` comes only from ``nocite``.
    """
    blocks = _scan_blocks(text)
    visible = _blank_out(text, blocks.masked)
    scanner = _InlineScanner(visible, blocks)
    body: list[tuple[str, int]] = []
    start = 0
    for note_start, note_end in blocks.note_ranges:
        scanner.scan(start, note_start, body)
        start = note_end
    scanner.scan(start, len(visible), body)
    found = [(key, offset) for key, offset in body if key != "*"]
    metadata = _InlineScanner(text, blocks)  # (the metadata is blanked out of `visible`)
    for value_start, value_end in blocks.nocite:
        metadata.scan(value_start, value_end, found)
    return found


# -- keys ------------------------------------------------------------------------------------


def _is_key_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def key_at(text: str, at: int, end: int) -> tuple[str, int, int] | None:
    """The key of the citation whose ``@`` is at *at*: (key, key start, end), or None."""
    first = at + 1
    if first >= end:
        return None
    char = text[first]
    if char == "{":
        depth = 0
        for index in range(first, end):
            char = text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    key = text[first + 1 : index]
                    return (key, first + 1, index + 1) if key else None
            elif char.isspace():
                return None
        return None
    if not (_is_key_char(char) or char == "*"):
        return None
    index = first + 1
    while index < end:
        char = text[index]
        if _is_key_char(char):
            index += 1
            continue
        if char in _KEY_PUNCTUATION and index + 1 < end:
            following = text[index + 1]
            if _is_key_char(following) or (char in ":/" and following == "/"):
                index += 1
                continue
        break
    return text[first:index], first, index


# -- blocks ----------------------------------------------------------------------------------

_QUOTE_PREFIX = re.compile(r"(?: {0,3}> ?)+")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_RAW_TEX = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
_RAW_HTML = re.compile(r"<(pre|script|style|textarea)\b", re.I)
_REFERENCE = re.compile(r" {0,3}\[(?!\^)(?!-?@)(?:[^\]\\]|\\.)+\]:[ \t]*\S")
_NOTE = re.compile(r" {0,3}\[\^([^\]\s]+)\]:[ \t]?")
_LIST_MARKER = re.compile(
    r"\s*(?:\(@(?P<example>[\w-]*)\)|[*+-]|\d{1,9}[.)]|#[.)]|\(?[A-Za-z][.)]"
    r"|\(?[ivxlcdmIVXLCDM]+[.)]|[:~])(?:[ \t]+(?=\S)|[ \t]*$)"
)
_HEADING_ATTRIBUTES = re.compile(r"^(#{1,6}\s.*?)(?<!@)(\{\s*(?:[#.][\w-]|[\w-]+=)[^{}]*\})\s*$")
_HTML_BLOCK_TAG = re.compile(r"\s*</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>\s*")
_YAML_KEY = re.compile(r"[A-Za-z0-9_][\w -]*:(?:\s|$)")
_NOCITE = re.compile(r"nocite:[ \t]*")


@dataclass
class _Blocks:
    masked: list[tuple[int, int]] = field(default_factory=list)  # text that holds no citations
    notes: dict[str, tuple[int, int]] = field(default_factory=dict)  # footnote id -> its text
    note_ranges: list[tuple[int, int]] = field(default_factory=list)  # every definition's text
    nocite: list[tuple[int, int]] = field(default_factory=list)  # the values of nocite fields
    examples: set[str] = field(default_factory=set)  # example-list labels
    blank_lines: list[int] = field(default_factory=list)  # offsets of blank lines (paragraph ends)


def _indentation(line: str) -> int:
    columns = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def _scan_blocks(text: str) -> _Blocks:
    """Find the block-level constructs that hide or move citations."""
    blocks = _Blocks()
    lines = text.split("\n")
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    count = len(lines)
    previous_blank = True
    in_code = False  # the previous line was (indented) code
    # The columns each list item or footnote around the text takes off its lines: an item
    # takes the width of its marker, at most four (pandoc's rule), a footnote four.
    containers: list[int] = []
    container_quotes: list[int] = []  # the block-quote depth each container opened at
    note: tuple[str, int] | None = None  # the footnote being read: (id, start offset)

    def close_note(end: int) -> None:
        nonlocal note
        if note is not None:
            blocks.notes[note[0]] = (note[1], end)  # (pandoc keeps a note's last definition)
            blocks.note_ranges.append((note[1], end))
            note = None

    def open_items(content: str, offset: int, base: int) -> None:
        width, examples = _list_markers(content)
        for label, start, end in examples:
            blocks.examples.add(label)
            blocks.masked.append((offset + start, offset + end))
        if width:
            while containers and containers[-1] > base:
                containers.pop()
                container_quotes.pop()
            inner = containers[-1] if containers else 0
            columns = len(content[:width].expandtabs(4))
            containers.append(inner + min(columns - inner, 4) if columns > inner else columns)
            container_quotes.append(depth)

    index = 0
    while index < count:
        line = lines[index]
        offset = offsets[index]
        quote = _QUOTE_PREFIX.match(line)
        skip = quote.end() if quote else 0
        depth = quote.group().count(">") if quote else 0
        while container_quotes and container_quotes[-1] > depth:
            containers.pop()  # (a list inside a block quote ends with the quote)
            container_quotes.pop()
        content = line[skip:]
        if not content.strip():
            blocks.blank_lines.append(offset)
            previous_blank = True
            index += 1
            continue
        indent = _indentation(content)
        if previous_blank or _HTML_BLOCK_TAG.fullmatch(content):
            while containers and indent < containers[-1]:
                containers.pop()
                container_quotes.pop()
            if note is not None and not containers:
                close_note(offset)
        container = containers[-1] if containers else 0
        # YAML metadata: at the very start, or after a blank line.
        if (
            (index == 0 or previous_blank)
            and content.rstrip() == "---"
            and index + 1 < count
            and lines[index + 1].strip()
            and (index == 0 or _YAML_KEY.match(lines[index + 1]))
        ):
            closing = _yaml_end(lines, index + 1)
            if closing is not None:
                _read_yaml(lines, offsets, index + 1, closing, blocks)
                end = offsets[closing] + len(lines[closing])
                blocks.masked.append((offset, end))
                index = closing + 1
                previous_blank = False
                continue
        relative = indent - container
        # Fenced code (it may interrupt a paragraph).
        fence = _FENCE.match(content.lstrip(" \t")) if relative < 4 else None
        if fence and not (fence.group(1)[0] == "`" and "`" in content.lstrip()[fence.end() :]):
            closing = _fence_end(lines, index + 1, fence.group(1))
            if closing is not None:
                blocks.masked.append((offset, offsets[closing] + len(lines[closing])))
                index = closing + 1
                previous_blank = False
                in_code = False
                continue
        # Indented code: after a blank line (or more code), four columns past the container.
        if relative >= 4 and (previous_blank or in_code):
            blocks.masked.append((offset, offset + len(line)))
            in_code = True
            previous_blank = False
            index += 1
            continue
        in_code = False
        stripped = content.lstrip()
        raw = _RAW_TEX.match(stripped) or _RAW_HTML.match(stripped)
        if raw:
            closing = _raw_end(lines, index, raw)
            if closing is not None:
                blocks.masked.append((offset, offsets[closing] + len(lines[closing])))
                index = closing + 1
                previous_blank = False
                continue
        if _REFERENCE.match(content):
            blocks.masked.append((offset, offset + len(line)))
            previous_blank = False
            index += 1
            continue
        note_match = _NOTE.match(content)
        if note_match:
            close_note(offset)
            containers[:] = [4]
            container_quotes[:] = [depth]
            start = offset + skip + note_match.end()
            note = (note_match.group(1), start)
            blocks.masked.append((offset, start))
            open_items(content[note_match.end() :], start, 4)
            previous_blank = False
            index += 1
            continue
        if previous_blank or containers or index == 0 or content[:1] in (":", "~"):
            open_items(content, offset + skip, indent)
        heading = _HEADING_ATTRIBUTES.match(content)
        if heading:
            start = offset + skip + heading.start(2)
            blocks.masked.append((start, start + len(heading.group(2))))
        # A line that is only an HTML tag (<div>) ends a block: the next line starts one.
        previous_blank = bool(_HTML_BLOCK_TAG.fullmatch(content))
        index += 1
    close_note(len(text))
    return blocks


def _list_markers(content: str) -> tuple[int, list[tuple[str, int, int]]]:
    """Where the list markers opening *content* end (``- (@a) (@b) text`` opens three
    lists), and the example labels among them with where each marker is."""
    position = 0
    examples: list[tuple[str, int, int]] = []
    while True:
        marker = _LIST_MARKER.match(content, position)
        if marker is None or marker.end() == position:
            return position, examples
        if marker.group("example") is not None:
            examples.append((marker.group("example"), marker.start(), marker.end()))
        position = marker.end()


def _yaml_end(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return None


def _read_yaml(lines: list[str], offsets: list[int], start: int, end: int, blocks: _Blocks) -> None:
    """The value of a top-level ``nocite`` field: its rest of line and its indented lines."""
    index = start
    while index < end:
        match = _NOCITE.match(lines[index])
        if not match:
            index += 1
            continue
        value_start = offsets[index] + match.end()
        last = index
        following = index + 1
        while following < end and (
            not lines[following].strip() or lines[following][:1] in (" ", "\t", "-")
        ):
            if lines[following].strip():
                last = following
            following += 1
        blocks.nocite.append((value_start, offsets[last] + len(lines[last])))
        index = following


def _fence_end(lines: list[str], start: int, opening: str) -> int | None:
    char, length = opening[0], len(opening)
    for index in range(start, len(lines)):
        candidate = _QUOTE_PREFIX.sub("", lines[index], count=1).strip()
        if candidate and candidate[0] == char and len(candidate) >= length:
            if candidate == char * len(candidate):
                return index
    return None


def _raw_end(lines: list[str], start: int, opening: re.Match[str]) -> int | None:
    name = opening.group(1)
    if opening.re is _RAW_TEX:
        closing = "\\end{" + name + "}"
        for index in range(start, len(lines)):
            if closing in lines[index]:
                return index
        return None
    pattern = re.compile(r"</" + name + r"\s*>", re.I)
    for index in range(start, len(lines)):
        if pattern.search(lines[index]):
            return index
    return None


def _blank_out(text: str, masked: list[tuple[int, int]]) -> str:
    """*text* with the masked ranges turned into spaces (newlines kept, so offsets hold)."""
    if not masked:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(masked):
        if end <= position:
            continue
        start = max(start, position)
        pieces.append(text[position:start])
        hidden = text[start:end]
        pieces.append("".join("\n" if c == "\n" else " " for c in hidden))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# -- inlines ---------------------------------------------------------------------------------

_INTERESTING = re.compile(r"[\\`$<\[@]")
_URL_START = re.compile(r"(?<![\w.])(?:https?://|ftp://|www\.|mailto:)(?=[^\s<>])", re.I)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w:.-]*"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_BARE_URL = re.compile(r"[^\s<>]+")
_EXAMPLE_REFERENCE = re.compile(r"@([\w-]+)\)")


class _InlineScanner:
    """Walks inline text for citations, skipping what cannot hold one."""

    def __init__(self, text: str, blocks: _Blocks) -> None:
        self.text = text
        self.blocks = blocks
        self.notes_seen: set[str] = set()
        self.key_end = -1  # where the last key ended: an `@` right after it starts another
        self.in_note = False  # (a note inside a note is not one: pandoc leaves it as text)
        # Bare URLs, found once: what falls inside one is skipped.
        self.url_starts: list[int] = []
        self.url_ends: list[int] = []
        for match in _URL_START.finditer(text):
            url = _BARE_URL.match(text, match.start())
            if url is not None:
                self.url_starts.append(url.start())
                self.url_ends.append(url.end())

    def paragraph_end(self, at: int, limit: int) -> int:
        blanks = self.blocks.blank_lines
        index = bisect_right(blanks, at)
        return min(blanks[index], limit) if index < len(blanks) else limit

    def scan(self, start: int, end: int, out: list[tuple[str, int]]) -> None:
        text = self.text
        search = _INTERESTING.search
        at = start
        while True:
            match = search(text, at, end)
            if match is None:
                return
            at = match.start()
            inside = bisect_right(self.url_starts, at) - 1
            if inside >= 0 and at < self.url_ends[inside]:
                at = self.url_ends[inside]  # (in a bare URL)
                continue
            char = text[at]
            if char == "\\":
                at += 2
            elif char == "`":
                at = self.code_span(at, end)
            elif char == "$":
                at = self.math(at, end)
            elif char == "<":
                at = self.angle(at, end)
            elif char == "[":
                at = self.bracket(at, end, out)
            else:
                at = self.citation(at, end, out)

    def code_span(self, at: int, end: int) -> int:
        text = self.text
        run = at
        while run < end and text[run] == "`":
            run += 1
        ticks = run - at
        limit = self.paragraph_end(at, end)
        search = run
        while True:
            found = text.find("`" * ticks, search, limit)
            if found < 0:
                return run  # no closing run: the backticks are text
            after = found + ticks
            if (after < limit and text[after] == "`") or text[found - 1] == "`":
                while after < limit and text[after] == "`":
                    after += 1
                search = after
                continue
            if after < end and text[after] == "{":
                close = text.find("}", after, limit)
                if close >= 0:
                    return close + 1
            return after

    def math(self, at: int, end: int) -> int:
        text = self.text
        limit = self.paragraph_end(at, end)
        if text.startswith("$$", at):
            close = text.find("$$", at + 2, limit)
            return close + 2 if close >= 0 else at + 2
        if at + 1 >= limit or text[at + 1].isspace():
            return at + 1
        search = at + 1
        while True:
            close = text.find("$", search, limit)
            if close < 0:
                return at + 1
            if text[close - 1] == "\\" or text[close - 1].isspace():
                search = close + 1
                continue
            if close + 1 < len(text) and text[close + 1].isdigit():
                search = close + 1
                continue
            return close + 1

    def angle(self, at: int, end: int) -> int:
        text = self.text
        if text.startswith("<!--", at):
            close = text.find("-->", at + 4)
            return close + 3 if close >= 0 else at + 4
        for pattern in (_AUTOLINK, _HTML_TAG):
            match = pattern.match(text, at, end)
            if match:
                return match.end()
        return at + 1

    def matching_bracket(self, at: int, end: int) -> int:
        """The index of the ``]`` closing the ``[`` at *at*, or -1 (within the paragraph)."""
        text = self.text
        limit = self.paragraph_end(at, end)
        depth = 0
        index = at
        while index < limit:
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "`":
                index = self.code_span(index, limit)
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return index
            index += 1
        return -1

    def bracket(self, at: int, end: int, out: list[tuple[str, int]]) -> int:
        text = self.text
        if text.startswith("[^", at):
            close = text.find("]", at)
            note_id = text[at + 2 : close] if close > 0 else ""
            if close > 0 and note_id in self.blocks.notes and not self.in_note:
                if note_id not in self.notes_seen:
                    self.notes_seen.add(note_id)
                    note_start, note_end = self.blocks.notes[note_id]
                    self.in_note = True
                    self.scan(note_start, note_end, out)
                    self.in_note = False
                return close + 1
        close = self.matching_bracket(at, end)
        if close < 0:
            return at + 1
        after = text[close + 1 : close + 2]
        inner: list[tuple[str, int]] = []
        self.scan(at + 1, close, inner)
        if after in ("(", "[", "{") or text[at - 1 : at] == "!":
            out.extend(inner)  # a link, image or span: its text cites in order
            return self.skip_destination(close + 1, end)
        out.extend(self.cluster_order(at + 1, close, inner))
        return close + 1

    def skip_destination(self, at: int, end: int) -> int:
        """Past a link's ``(destination "title")``, ``[label]`` or ``{attributes}``."""
        text = self.text
        if at >= end:
            return at
        opening = text[at]
        closing = {"(": ")", "[": "]", "{": "}"}.get(opening)
        if closing is None:
            return at
        limit = self.paragraph_end(at, end)
        depth = 0
        quote = ""
        index = at
        while index < limit:
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if quote:
                if char == quote:
                    quote = ""
            elif char == '"' and opening != "[":
                quote = char
            elif char == opening:
                depth += 1
            elif char == closing:
                depth -= 1
                if depth == 0:
                    return self.skip_destination(index + 1, end) if closing == ")" else index + 1
            index += 1
        return at + 1

    def cluster_order(
        self, start: int, end: int, inner: list[tuple[str, int]]
    ) -> list[tuple[str, int]]:
        """A bracketed citation's keys first, then those cited inside its affixes.

        ``[see @a and @b; @c]`` is the cluster a, c with b cited in a's suffix: pandoc's
        tree holds the cluster before what its affixes hold. Brackets with a part that
        cites nothing are no cluster, and keep their order.
        """
        if len(inner) < 2:
            return inner
        bounds = self.top_level_semicolons(start, end) + [end]
        firsts: list[tuple[str, int]] = []
        rest: list[tuple[str, int]] = []
        part = 0
        seen_in_part = False
        for key, offset in inner:
            while offset > bounds[part]:
                if not seen_in_part:
                    return inner
                part += 1
                seen_in_part = False
            if seen_in_part:
                rest.append((key, offset))
            else:
                firsts.append((key, offset))
                seen_in_part = True
        if part != len(bounds) - 1:
            return inner
        return firsts + rest

    def top_level_semicolons(self, start: int, end: int) -> list[int]:
        text = self.text
        found: list[int] = []
        index = start
        while index < end:
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "`":
                index = self.code_span(index, end)
                continue
            if char == "[":
                close = self.matching_bracket(index, end)
                index = close + 1 if close > 0 else index + 1
                continue
            if char == ";":
                found.append(index)
            index += 1
        return found

    def citation(self, at: int, end: int, out: list[tuple[str, int]]) -> int:
        text = self.text
        before = text[at - 1] if at > 0 else " "
        if (before.isalnum() or before == ".") and at != self.key_end:
            return at + 1  # inside a word: an e-mail address, not a citation
        if before == "(":
            example = _EXAMPLE_REFERENCE.match(text, at, end)
            if example and example.group(1) in self.blocks.examples:
                return example.end()
        found = key_at(text, at, end)
        if found is None:
            return at + 1
        key, key_start, key_end = found
        out.append((key, key_start))
        self.key_end = key_end
        return key_end
