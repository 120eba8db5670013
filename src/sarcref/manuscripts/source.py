"""Reading a manuscript's text, and turning offsets into lines and columns."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from ..errors import DataError


def read_text(path: Path) -> str:
    """The text of *path*, newlines normalised; DataError naming the file if it cannot be read.

    UTF-8 first (with or without a byte-order mark); a file in another 8-bit encoding is
    read as Latin-1, which never fails and keeps every ASCII key intact.
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise DataError(f"{path} is a folder, not a manuscript") from None
    except FileNotFoundError:
        raise DataError(f"cannot read {path}: no such file") from None
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class LineIndex:
    """Offsets of a text -> 1-based (line, column), columns counted in characters."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
