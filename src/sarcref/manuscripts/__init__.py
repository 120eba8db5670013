"""Manuscripts: the keys a document cites, in the order it first cites them.

One reader per syntax, chosen by the file's extension, else by its content:

- pandoc Markdown, Quarto and R Markdown (``.md``, ``.markdown``, ``.qmd``, ``.Rmd``):
  :mod:`.markdown`
- LaTeX (``.tex``, ``.ltx``, following ``\\input``, ``\\include``, ``\\subfile``): :mod:`.latex`
- LaTeX's ``.aux`` files (BibTeX's and biblatex's): :mod:`.aux`
- biber's control file (``.bcf``): :mod:`.bcf`
- Typst (``.typ``): :mod:`.typst`

``via_pandoc=True`` asks pandoc itself for a Markdown or LaTeX document's citations
(:mod:`.via_pandoc`).

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "paper.md").write_text("As @doe2020 shows [@roe2019, p. 3; @doe2020].\\n")
47
>>> [c.key for c in cited_keys([folder / "paper.md"])]
['doe2020', 'roe2019']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError

WILDCARD = "*"  # `nocite: @*`, `\nocite{*}`: every record of the library


@dataclass(frozen=True)
class CitedKey:
    """One key a manuscript cites, where it first cites it (line and column are 1-based)."""

    key: str
    file: Path
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        """``paper.md:12:5`` (or just the file when the position is unknown)."""
        if self.line is None:
            return str(self.file)
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def is_wildcard(self) -> bool:
        return self.key == WILDCARD


@dataclass
class Reading:
    """What reading manuscripts found.

    ``keys``: each key once, in first-citation order (a wildcard, if any, is one entry);
    ``files``: every file read (the manuscripts and what they include), to watch for
    changes; ``warnings``: what could not be followed, e.g. an ``\\input`` file missing.
    """

    keys: list[CitedKey] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, found: Reading) -> None:
        seen = {c.key for c in self.keys}
        for cited in found.keys:
            if cited.key not in seen:
                seen.add(cited.key)
                self.keys.append(cited)
        self.files.extend(p for p in found.files if p not in self.files)
        self.warnings.extend(found.warnings)


SYNTAXES: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".qmd": "markdown",
    ".rmd": "markdown",
    ".tex": "latex",
    ".ltx": "latex",
    ".aux": "aux",
    ".bcf": "bcf",
    ".typ": "typst",
}
SUPPORTED = ".md, .markdown, .qmd, .Rmd, .tex, .ltx, .aux, .bcf, .typ"


def syntax_of(path: Path, head: str) -> str:
    """The reader for *path*: by its extension, else by the first characters of its text."""
    by_extension = SYNTAXES.get(path.suffix.lower())
    if by_extension is not None:
        return by_extension
    from .sniffing import sniff

    sniffed = sniff(head)
    if sniffed is None:
        raise UsageError(
            f"{path}: not a manuscript sarcref can read",
            hint=f"supported: {SUPPORTED} (or a file whose content is one of them)",
        )
    return sniffed


def _reader(syntax: str) -> Callable[[Path], Reading]:
    if syntax == "markdown":
        from .markdown import read as read_markdown

        return read_markdown
    if syntax == "latex":
        from .latex import read as read_latex

        return read_latex
    if syntax == "aux":
        from .aux import read as read_aux

        return read_aux
    if syntax == "bcf":
        from .bcf import read as read_bcf

        return read_bcf
    from .typst import read as read_typst

    return read_typst


def read_one(path: str | os.PathLike[str], *, via_pandoc: bool = False) -> Reading:
    """The keys one manuscript cites (and the files it includes)."""
    from .source import read_text

    target = Path(path)
    if target.suffix.lower() in SYNTAXES:
        syntax = SYNTAXES[target.suffix.lower()]
    else:
        syntax = syntax_of(target, read_text(target)[:4096])
    if via_pandoc:
        from .via_pandoc import read as read_via_pandoc

        return read_via_pandoc(target, syntax)
    return _reader(syntax)(target)


def read_cited(paths: Iterable[str | os.PathLike[str]], *, via_pandoc: bool = False) -> Reading:
    """The keys *paths* cite, in first-citation order across the files, each once.

    DataError (exit 3) naming a file that cannot be read; UsageError (exit 2) for a file
    that is none of the supported syntaxes (see ``SUPPORTED``).
    """
    reading = Reading()
    for path in paths:
        reading.add(read_one(path, via_pandoc=via_pandoc))
    return reading


def cited_keys(
    paths: Iterable[str | os.PathLike[str]], *, via_pandoc: bool = False
) -> list[CitedKey]:
    """``read_cited(paths).keys``: the keys alone."""
    return read_cited(paths, via_pandoc=via_pandoc).keys


def keys_as_json(
    cited: Sequence[CitedKey], in_library: Callable[[str], bool] | Collection[str]
) -> list[dict[str, Any]]:
    """The records of ``sarcref keys --format json``: key, file, line, column, in_library.

    *in_library* is a predicate or a collection of the library's keys.
    """
    has = in_library if callable(in_library) else in_library.__contains__
    return [
        {
            "key": c.key,
            "file": str(c.file),
            "line": c.line,
            "column": c.column,
            "in_library": True if c.is_wildcard else bool(has(c.key)),
        }
        for c in cited
    ]
