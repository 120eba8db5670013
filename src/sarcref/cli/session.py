"""What a command handler is given: its parsed values and the helpers every command shares.

Opening the library, reading keys from arguments or standard input, and settings (an
option given on the command line, else its environment variable, else the settings file,
else the default) are decided here once, for every command.
"""

from __future__ import annotations

import re
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError, UsageError
from .parsing import Invocation

if TYPE_CHECKING:
    from ..library import Library
    from ..settings import Settings

_KEY_SEPARATORS = re.compile(r"[\s,;]+")


def split_keys(text: str) -> list[str]:
    """Keys as users paste them: whitespace, comma or semicolon separated, with pandoc's
    ``@key``, ``[@key]``, ``[-@key]`` and ``@{key}`` accepted."""
    keys = []
    for token in _KEY_SEPARATORS.split(text):
        token = token.strip("[]")
        if token.startswith("-@"):
            token = token[1:]
        token = token.removeprefix("@")
        if token.startswith("{") and token.endswith("}"):
            token = token[1:-1]
        if token:
            keys.append(token)
    return keys


class Session:
    """One command's run: ``session["dest"]`` reads a value, the rest are shared helpers."""

    def __init__(self, invocation: Invocation) -> None:
        self.invocation = invocation
        self.libraries: list[Library] = []

    def __getitem__(self, name: str) -> Any:
        return self.invocation.values[name]

    @property
    def debug(self) -> bool:
        return self.invocation.debug

    @property
    def no_pager(self) -> bool:
        return self.invocation.no_pager

    @cached_property
    def settings(self) -> Settings:
        from ..settings import Settings

        return Settings()

    def report_warnings(self) -> None:
        """Say what the settings file holds that sarcref ignored, and the library's notices
        (a merged key used), once, on standard error."""
        from .printing import report

        if "settings" in self.__dict__:
            for warning in self.settings.warnings:
                report(f"warning: {warning}")
            self.settings.warnings.clear()
        for library in self.libraries:
            for notice in dict.fromkeys(library.notices):
                report(f"note: {notice}")
            library.notices.clear()

    def setting(self, dest: str) -> Any:
        """An option's value: the command line's, else its setting's, else its default."""
        option = next(o for o in self.invocation.command.options if o.dest == dest)
        if dest in self.invocation.given or option.setting is None:
            return self.invocation.values[dest]
        value = self.settings.get(option.setting)
        if value is not None and option.choices and value not in option.choices:
            source = self.settings.lookup(option.setting).source
            raise UsageError(
                f"the setting {option.setting} = '{value}' ({source}) is not one of "
                + ", ".join(option.choices)
            )
        return value if value is not None else option.default

    def library_path(self) -> str | None:
        """``--library``; else None, and ``paths.resolve_library_path`` decides
        (``$SARCREF_LIBRARY``, the ``library`` setting, the user data folder)."""
        return self.invocation.library or None

    def open_library(self) -> Library:
        """The library the options and settings point at, created with the bundled record if
        new; read-only when the file cannot be written (reading commands still work)."""
        import shlex

        from ..library import Library

        # The change journal records the command line behind each change.
        words = self.invocation.argv or self.invocation.path.split()
        command = shlex.join(["sarcref", *words])
        library = Library(self.library_path(), command=command)
        self.libraries.append(library)
        return library

    def chosen_keys(self, library: Library) -> list[str] | None:
        """The keys a command works on: its KEY arguments (or ``-``) and the keys the
        ``--cited-in`` manuscripts cite, in first-citation order; None when neither was given
        (the whole library). A manuscript citing nothing the library has is NotFoundError,
        never the whole library."""
        keys = self.keys()
        files = self.invocation.values.get("cited_in") or []
        if not files:
            return keys or None
        from ..manuscripts.resolving import resolve_cited
        from .printing import report

        cited = resolve_cited(library, files, allow_missing=bool(self["allow_missing"]))
        for warning in cited.reading.warnings:
            report(f"warning: {warning}")
        for missing in cited.missing:
            report(f"warning: {missing.message()}")
        chosen = list(dict.fromkeys([*keys, *cited.keys]))
        if not chosen:
            raise NotFoundError(
                f"{', '.join(files)} cites no record of the library",
                hint="`sarcref keys FILE` lists the keys it cites",
            )
        return chosen

    def keys(self, dest: str = "keys") -> list[str]:
        """KEY arguments; a single ``-`` reads them from standard input.

        An empty list read from standard input is never "every record": it is
        NotFoundError (exit 1). No arguments at all is an empty list (the caller decides).
        """
        words = self.invocation.values.get(dest) or []
        if isinstance(words, str):
            words = [words]
        if "-" in words:
            if words != ["-"]:
                raise UsageError("'-' (keys from standard input) must be the only key given")
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("'-' reads keys from standard input, but it is a terminal")
            keys = split_keys(sys.stdin.read())
            if not keys:
                raise NotFoundError(
                    "no keys on standard input",
                    hint="nothing was done; the command before the pipe found nothing?",
                )
            return list(dict.fromkeys(keys))
        keys = [k for word in words for k in split_keys(word)]
        return list(dict.fromkeys(keys))
