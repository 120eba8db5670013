"""The keys pandoc itself reads in a Markdown or LaTeX document (``--via-pandoc``).

pandoc turns the document into its JSON tree (``pandoc -t json``); the keys are those of
its ``Cite`` elements in tree order (what pandoc's citeproc numbers), then those of the
``nocite`` metadata. pandoc gives no positions: a key's line and column are those the
built-in reader found for it, else where ``@key`` (or the key) first appears in the file.

Known differences from the built-in readers: pandoc reads ``@user`` in a bare URL as a
citation; for LaTeX, pandoc puts ``\\nocite`` keys last (LaTeX cites them where they stand)
and does not know every biblatex command (``\\fullcite``, ``\\volcite``, ...) or
``\\input file`` without braces.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError, UsageError
from . import WILDCARD, CitedKey, Reading
from .source import LineIndex, read_text

PANDOC_FORMATS = {"markdown": "markdown", "latex": "latex"}
TIMEOUT_SECONDS = 120


def pandoc_path() -> str | None:
    """The pandoc executable on PATH, or None."""
    return shutil.which("pandoc")


def read(path: Path, syntax: str) -> Reading:
    """The keys pandoc reads in *path* (written in *syntax*: "markdown" or "latex")."""
    if syntax not in PANDOC_FORMATS:
        raise UsageError(
            f"{path}: pandoc reads Markdown and LaTeX manuscripts, not {syntax}",
            hint="drop --via-pandoc for this file",
        )
    document = pandoc_json(path, PANDOC_FORMATS[syntax])
    ids = [key for key in cite_ids(document.get("blocks", [])) if key != WILDCARD]
    ids += cite_ids(document.get("meta", {}).get("nocite", {}))
    ids = [key for key in ids if key]  # (pandoc reads `@{}` as a citation of no key)
    from . import read_one

    built_in = {c.key: c for c in read_one(path).keys}
    text = read_text(path)
    lines = LineIndex(text)
    quarto = path.suffix.lower() == ".qmd"
    keys: list[CitedKey] = []
    seen: set[str] = set()
    for key in ids:
        if key in seen:
            continue
        if quarto:
            from .markdown import is_quarto_crossref

            if is_quarto_crossref(key):
                continue
        seen.add(key)
        known = built_in.get(key)
        if known is not None:
            keys.append(CitedKey(key, path, known.line, known.column))
            continue
        found = text.find("@" + key)
        found = found + 1 if found >= 0 else text.find(key)
        position = lines.position(found) if found >= 0 else (None, None)
        keys.append(CitedKey(key, path, *position))
    return Reading(keys, [path], [])


def pandoc_json(path: Path, source_format: str) -> dict[str, Any]:
    """pandoc's JSON tree of *path*; UsageError without pandoc, DataError if it fails."""
    pandoc = pandoc_path()
    if pandoc is None:
        raise UsageError(
            "pandoc is not installed (or not on PATH)",
            hint="install pandoc, or read the manuscript without --via-pandoc",
        )
    if not path.is_file():
        raise DataError(f"cannot read {path}: no such file")
    try:
        done = subprocess.run(
            # "./": a file named like an option (-o.md) stays a file name for pandoc
            [pandoc, "--from", source_format, "--to", "json", f"./{path.name}"],
            cwd=path.parent if str(path.parent) else None,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DataError(
            f"pandoc did not finish reading {path} in {TIMEOUT_SECONDS} s",
            hint="a file that \\input's itself makes pandoc loop",
        ) from None
    except OSError as error:
        raise DataError(f"cannot run pandoc: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {done.returncode}"
        raise DataError(f"pandoc could not read {path}: {detail}")
    try:
        document = json.loads(done.stdout)
    except ValueError:
        raise DataError(f"pandoc's output for {path} is not JSON") from None
    if not isinstance(document, dict):
        raise DataError(f"pandoc's output for {path} is not a document")
    return document


def cite_ids(node: Any) -> list[str]:
    """The ``citationId`` of every ``Cite`` in *node*, in the order pandoc's ``query`` sees
    them: a Cite's own citations, then what its prefixes, suffixes and text hold."""
    return list(_cite_ids(node))


def _cite_ids(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for child in node:
            yield from _cite_ids(child)
        return
    if not isinstance(node, dict):
        return
    if node.get("t") == "Cite":
        citations, content = node.get("c", [[], []])
        for citation in citations:
            yield str(citation.get("citationId", ""))
        for citation in citations:
            yield from _cite_ids(citation.get("citationPrefix", []))
            yield from _cite_ids(citation.get("citationSuffix", []))
        yield from _cite_ids(content)
        return
    for value in node.values():
        if isinstance(value, (list, dict)):
            yield from _cite_ids(value)
