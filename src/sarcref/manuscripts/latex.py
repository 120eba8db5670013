"""LaTeX: the keys of ``\\cite``-like commands, following ``\\input``, ``\\include`` and friends.

Understood: natbib's and biblatex's citation commands, starred and capitalised
(``\\citep*``, ``\\Textcite``), with optional arguments (``\\cite[see][p. 3]{a, b}``),
multicites (``\\cites(pre)(post)[p][s]{a}[p]{b}``, ``\\parencites``, ``\\textcites``, ...),
``\\volcite`` and ``\\nocite`` (``\\nocite{*}`` is every record). Comments (``%``, not
``\\%``), ``\\iffalse``...``\\fi``, verbatim environments and ``\\verb`` are skipped.

``\\input{x}`` and ``\\include{x}`` are read where they stand, relative to the main file's
folder (where LaTeX runs) or else to the including file's; ``\\subfile``, ``\\subimport``
relative to the including file first; ``.tex`` is added when missing. A file included
twice (or in a cycle) is read once; one that cannot be found is a warning, not an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import WILDCARD, CitedKey, Reading
from .source import LineIndex, read_text

# Commands whose last mandatory argument is a list of keys.
_CITE_NAMES = """
cite citep citet citealp citealt citeauthor citefullauthor citeyear citeyearpar citenum
citealias citepalias citetalias citeA citeNP citeN citeasnoun citeyearNP shortcite
parencite footcite footcitetext textcite smartcite supercite autocite fullcite footfullcite
citetitle citeurl citedate citename notecite pnotecite fnotecite nocite
""".split()
CITE_COMMANDS = frozenset(_CITE_NAMES + [n[0].upper() + n[1:] for n in _CITE_NAMES])
_MULTI_NAMES = "cites parencites footcites footcitetexts smartcites textcites supercites autocites"
MULTICITE_COMMANDS = frozenset(
    _MULTI_NAMES.split() + [n[0].upper() + n[1:] for n in _MULTI_NAMES.split()]
)
VOLCITE_COMMANDS = frozenset(
    "volcite pvolcite fvolcite ftvolcite svolcite tvolcite avolcite".split()
)
_INCLUDES = frozenset("input include subfile import subimport inputfrom subinputfrom".split())

_COMMAND = re.compile(r"\\([A-Za-z]+)(\*?)")
_VERBATIM = re.compile(
    r"\\begin\{(verbatim\*?|Verbatim|lstlisting|minted|comment|alltt|filecontents\*?)\}"
)
_VERB = re.compile(r"\\(?:verb|lstinline|mintinline\{[^}]*\})\*?([^A-Za-z\s{])")
_IFFALSE = re.compile(r"\\iffalse\b")
_CONDITIONAL = re.compile(r"\\(if(?!thenelse\b|f\b)[A-Za-z]*|fi)\b")
_SPECIAL = re.compile(r"[\\%]")
_BLANK = re.compile(r"[^\n]")


def read(path: Path) -> Reading:
    """The keys a LaTeX document cites, with those of the files it includes."""
    reading = Reading()
    _Reader(path.parent, reading).read_file(path, None)
    return reading


def mask(text: str) -> str:
    """*text* with comments, ``\\iffalse`` blocks and verbatim material blanked (offsets kept)."""
    hidden: list[tuple[int, int]] = []
    length = len(text)
    search = _SPECIAL.search
    index = 0
    while True:
        match = search(text, index)
        if match is None:
            break
        index = match.start()
        if text[index] == "%":
            newline = text.find("\n", index)
            end = newline if newline >= 0 else length
            hidden.append((index, end))
            index = end
            continue
        verbatim = _VERBATIM.match(text, index)
        if verbatim:
            name = verbatim.group(1)
            close = text.find("\\end{" + name + "}", verbatim.end())
            end = close + len(name) + 6 if close >= 0 else length
            hidden.append((index, end))
            index = end
            continue
        verb = _VERB.match(text, index)
        if verb:
            delimiter = "}" if verb.group(1) == "{" else verb.group(1)
            close = text.find(delimiter, verb.end())
            newline = text.find("\n", verb.end())
            if close >= 0 and (newline < 0 or close < newline):
                hidden.append((index, close + 1))
                index = close + 1
                continue
        if _IFFALSE.match(text, index):
            end = _matching_fi(text, index + 8)
            hidden.append((index, end))
            index = end
            continue
        index += 2  # an escaped character (\%, \\) or a command's first letter
    if not hidden:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in hidden:
        pieces.append(text[position:start])
        pieces.append(_BLANK.sub(" ", text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _matching_fi(text: str, start: int) -> int:
    depth = 1
    for match in _CONDITIONAL.finditer(text, start):
        if match.group(1) == "fi":
            depth -= 1
            if depth == 0:
                return match.end()
        else:
            depth += 1
    return len(text)


class _Reader:
    def __init__(self, main_folder: Path, reading: Reading) -> None:
        self.main_folder = main_folder
        self.reading = reading
        self.seen_keys: set[str] = set()
        self.visited: set[Path] = set()

    def warn(self, message: str) -> None:
        self.reading.warnings.append(message)

    def read_file(self, path: Path, included_from: str | None) -> None:
        resolved = path.resolve()
        if resolved in self.visited:
            return
        self.visited.add(resolved)
        if included_from is None:
            text = read_text(path)  # the manuscript itself: unreadable is an error
        else:
            try:
                text = read_text(path)
            except Exception as error:  # an included file: unreadable is a warning
                self.warn(f"{included_from}: {getattr(error, 'message', error)}")
                return
        self.reading.files.append(path)
        self.scan(path, mask(text))

    def scan(self, path: Path, text: str) -> None:
        lines = LineIndex(text)
        for match in _COMMAND.finditer(text):
            name = match.group(1)
            if name in CITE_COMMANDS:
                self.cite(path, text, lines, _skip_optionals(text, match.end(), 2))
            elif name in MULTICITE_COMMANDS:
                self.multicite(path, text, lines, match.end())
            elif name in VOLCITE_COMMANDS:
                position = _skip_optionals(text, match.end(), 1)
                volume = _group(text, position, "{", "}")
                if volume is not None:
                    self.cite(path, text, lines, _skip_optionals(text, volume[1], 1))
            elif name in _INCLUDES:
                self.include(path, text, lines, name, match)

    def cite(self, path: Path, text: str, lines: LineIndex, position: int) -> int:
        group = _group(text, position, "{", "}")
        if group is None:
            return position
        start, end = group
        offset = start + 1
        for part in text[start + 1 : end - 1].split(","):
            key = part.strip()
            key_start = offset + len(part) - len(part.lstrip())
            offset += len(part) + 1
            if not key or "\\" in key or "#" in key or any(c.isspace() for c in key):
                continue  # a macro, a parameter of a definition (\cite{#1}): not a key
            self.add(CitedKey(key, path, *lines.position(key_start)))
        return end

    def multicite(self, path: Path, text: str, lines: LineIndex, position: int) -> None:
        for _ in range(2):  # (global prenote)(global postnote)
            group = _group(text, position, "(", ")")
            if group is None:
                break
            position = group[1]
        while True:
            after = _skip_optionals(text, position, 2)
            if _group(text, after, "{", "}") is None:
                return
            position = self.cite(path, text, lines, after)

    def include(
        self, path: Path, text: str, lines: LineIndex, name: str, match: re.Match[str]
    ) -> None:
        line, _column = lines.position(match.start())
        where = f"{path}:{line}"
        position = match.end()
        folder: str | None = None
        if name in ("import", "subimport", "inputfrom", "subinputfrom"):
            group = _group(text, position, "{", "}")
            if group is None:
                return
            folder = text[group[0] + 1 : group[1] - 1].strip()
            position = group[1]
        group = _group(text, position, "{", "}")
        if group is not None:
            target = text[group[0] + 1 : group[1] - 1].strip().strip('"')
        elif name == "input":  # TeX's own form: \input chapter
            plain = re.match(r"[ \t]+([^\s{}\\%]+)", text[position:])
            if plain is None:
                return
            target = plain.group(1)
        else:
            return
        if not target or "\\" in target or "#" in target:
            if target:
                self.warn(f"{where}: cannot follow \\{name}{{{target}}} (it uses a macro)")
            return
        found = self.resolve(path, name, folder, target)
        if found is None:
            self.warn(f"{where}: cannot find the file of \\{name}{{{target}}}")
            return
        self.read_file(found, where)

    def resolve(self, path: Path, name: str, folder: str | None, target: str) -> Path | None:
        here = path.parent
        if name in ("subfile", "subimport", "subinputfrom"):
            bases = [here / (folder or ""), self.main_folder / (folder or "")]
        else:
            bases = [self.main_folder / (folder or ""), here / (folder or "")]
        names = [target + ".tex"] if name == "include" else [target + ".tex", target]
        if target.endswith(".tex"):
            names = [target]
        for base in bases:
            for candidate_name in names:
                candidate = Path(candidate_name).expanduser()
                candidate = candidate if candidate.is_absolute() else base / candidate
                if candidate.is_file():
                    return candidate
        return None

    def add(self, cited: CitedKey) -> None:
        if cited.key not in self.seen_keys:
            self.seen_keys.add(cited.key)
            self.reading.keys.append(cited)


def _skip_space(text: str, position: int) -> int:
    """Past spaces and at most one line break, as TeX skips them between arguments."""
    newlines = 0
    length = len(text)
    while position < length and text[position] in " \t\n":
        if text[position] == "\n":
            newlines += 1
            if newlines > 1:
                break
        position += 1
    return position


def _group(text: str, position: int, opening: str, closing: str) -> tuple[int, int] | None:
    """The balanced group starting at *position* (after spaces): (its start, past its end)."""
    start = _skip_space(text, position)
    if start >= len(text) or text[start] != opening:
        return None
    depth = 0
    index = start
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == opening or (opening != "{" and char == "{"):
            depth += 1
        elif char == closing or (closing != "}" and char == "}"):
            depth -= 1
            if depth == 0:
                return (start, index + 1) if char == closing else None
        elif char == "\n" and text.startswith("\n", index + 1) and opening != "{":
            return None  # (an optional argument does not run over a paragraph break)
        index += 1
    return None


def _skip_optionals(text: str, position: int, most: int) -> int:
    for _ in range(most):
        group = _group(text, position, "[", "]")
        if group is None:
            break
        position = group[1]
    return position


__all__ = ["CITE_COMMANDS", "MULTICITE_COMMANDS", "WILDCARD", "mask", "read"]
