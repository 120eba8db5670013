"""LaTeX's ``.aux`` files: the citations a compiled document made, in the order it made them.

BibTeX's ``\\citation{a,b}``, biblatex's ``\\abx@aux@cite{0}{a}`` (refsection, key) and
older ``\\abx@aux@cite{a}``; ``\\@input{chapter.aux}`` (written by ``\\include``) is followed
where it stands, relative to the main ``.aux`` file's folder. ``\\citation{*}`` is every
record.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import CitedKey, Reading
from .source import LineIndex, read_text

_LINE = re.compile(
    r"\\(?:(citation)\{([^{}]*)\}"
    r"|(abx@aux@cite)(?:\{(\d+)\})?\{([^{}]*)\}"
    r"|(@input)\{([^{}]*)\})"
)


def read(path: Path) -> Reading:
    """The keys an ``.aux`` file (and the ``.aux`` files it inputs) records."""
    reading = Reading()
    _read(path, path.parent, reading, set(), set(), None)
    return reading


def _read(
    path: Path,
    folder: Path,
    reading: Reading,
    visited: set[Path],
    seen: set[str],
    included_from: str | None,
) -> None:
    resolved = path.resolve()
    if resolved in visited:
        return
    visited.add(resolved)
    if included_from is None:
        text = read_text(path)
    else:
        try:
            text = read_text(path)
        except Exception as error:
            reading.warnings.append(f"{included_from}: {getattr(error, 'message', error)}")
            return
    reading.files.append(path)
    lines = LineIndex(text)
    for match in _LINE.finditer(text):
        if match.group(6):
            line, _column = lines.position(match.start())
            target = folder / match.group(7).strip()
            if not target.is_file():
                reading.warnings.append(f"{path}:{line}: cannot find {match.group(7).strip()}")
                continue
            _read(target, folder, reading, visited, seen, f"{path}:{line}")
            continue
        group = 2 if match.group(1) else 5
        offset = match.start(group)
        for part in match.group(group).split(","):
            key = part.strip()
            key_offset = offset + len(part) - len(part.lstrip())
            offset += len(part) + 1
            if key and key not in seen:
                seen.add(key)
                reading.keys.append(CitedKey(key, path, *lines.position(key_offset)))
