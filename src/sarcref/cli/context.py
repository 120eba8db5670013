"""Per-invocation state set by the global options, and helpers every command shares."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..library import Library


@dataclass
class State:
    library_path: str | None = None
    debug: bool = False


state = State()


def open_library() -> Library:
    """The library the global options point at, created with the bundled record if new."""
    from ..library import Library

    return Library(state.library_path)


def read_keys(keys: list[str] | None) -> list[str]:
    """KEY arguments; a single ``-`` reads whitespace-separated keys from standard input."""
    if keys == ["-"]:
        if sys.stdin.isatty():
            raise UsageError("'-' reads keys from standard input, but it is a terminal")
        return sys.stdin.read().split()
    if keys and "-" in keys:
        raise UsageError("'-' (keys from standard input) must be the only key given")
    return list(keys or [])


def complete_keys(incomplete: str) -> list[str]:
    """Shell completion for KEY arguments: the library's keys that start with the text."""
    try:
        with open_library() as library:
            return [k for k in library.keys() if k.startswith(incomplete)]
    except Exception:  # completion must never print a traceback into the shell
        return []
