"""biber's control file (``.bcf``): the ``bcf:citekey`` elements biblatex wrote, in order.

The file is parsed as untrusted XML (no entities, no DTD, no network).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from . import CitedKey, Reading

_NAMESPACE = "https://sourceforge.net/projects/biblatex"


def read(path: Path) -> Reading:
    """The keys of every ``bcf:citekey`` element, in document order, each once."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"cannot read {path}: no such file") from None
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    from ..rendering.xmlsafe import parse_xml_bytes

    try:
        tree = parse_xml_bytes(data)
    except (ValueError, SyntaxError) as error:  # (lxml's XMLSyntaxError is a SyntaxError)
        raise DataError(f"{path}: not a biber control file: {error}") from None
    lines = data.decode("utf-8", errors="replace").split("\n")
    keys: list[CitedKey] = []
    seen: set[str] = set()
    for element in tree.getroot().iter(f"{{{_NAMESPACE}}}citekey", "citekey"):
        key = (element.text or "").strip()
        if not key or key in seen:
            continue
        seen.add(key)
        line = element.sourceline
        column = None
        if isinstance(line, int) and 0 < line <= len(lines):
            found = lines[line - 1].find(">" + key + "<")
            column = found + 2 if found >= 0 else None
        keys.append(CitedKey(key, path, line if isinstance(line, int) else None, column))
    return Reading(keys, [path], [])
