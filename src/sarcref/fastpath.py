"""Pipeline commands answered without the Typer CLI, for start-up time.

Importing Typer and building the command line takes about 100 ms, five times Python's own
start-up, and three commands are what scripts run over and over: ``search ... --format keys``
(which feeds ``| sarcref cite -``), ``cite`` to standard output, and ``show KEY`` as JSON or
as plain text. ``__main__`` offers their command lines here first. Only success is answered
here: for anything else (another option, ``--help``, a malformed query, no hits, a record
that cannot be rendered, a library problem) this returns None having printed nothing, and
the Typer CLI runs the command (all three only read, or write nothing before they succeed)
and reports as usual. ``cite`` on a terminal is answered here only from the library's cache:
a rendering that takes long shows the CLI's progress bar. The tests run their cases both
ways and compare.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import Library

INTERRUPTED = 130
BROKEN_PIPE = 141


@dataclass
class CommandLine:
    """A command line split the way the Typer CLI reads it."""

    library: str | None
    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def run(argv: list[str]) -> int | None:
    """Answer *argv* if it is a command line served here; None to leave it to Typer."""
    if "_SARCREF_COMPLETE" in os.environ:
        return None
    for command, answer in (("search", search_keys), ("cite", cite_plain), ("show", show_plain)):
        if command in argv[:4]:
            return answer(argv)
    return None


def search_keys(argv: list[str]) -> int | None:
    """``[--library PATH] search QUERY... --format keys [--sort S] [--limit N]``."""
    from .library import SEARCH_SORTS

    known = {"--format": "--format", "--sort": "--sort", "--limit": "--limit"}
    # search has no short options: `-word` is an exclusion in the query.
    line = _parse(argv, "search", known, short_options=False)
    if line is None:
        return None
    limit = line.options.get("--limit", "1")
    sort = line.options.get("--sort", "relevance")
    if (
        line.options.get("--format") != "keys"
        or sort not in SEARCH_SORTS
        or not (limit.isascii() and limit.isdigit() and int(limit) >= 1)
        or not line.words
        or line.words == ["-h"]
    ):
        return None
    query = " ".join(line.words)
    bound = int(limit) if "--limit" in line.options else None

    def keys(library: Library) -> str | None:
        found = library.search_keys(query, sort=sort, limit=bound)
        return "".join(f"{key}\n" for key in found) if found else None

    return _answer(line.library, keys)


_CITE_OPTIONS = {
    "--style": "--style",
    "-s": "--style",
    "--mode": "--mode",
    "-m": "--mode",
    "--format": "--format",
    "-f": "--format",
    "--locale": "--locale",
    "-l": "--locale",
}


def cite_plain(argv: list[str]) -> int | None:
    """``[--library PATH] cite [KEY...] [--style S] [--mode M] [--format F] [--locale L]``,
    rendered (and cached) here unless standard error is a terminal; from the cache always."""
    from .citing import FORMATS, MODES, CiteOptions

    line = _parse(argv, "cite", _CITE_OPTIONS, short_options=True)
    if line is None or "-" in line.words:
        return None
    mode = line.options.get("--mode", "bibliography")
    fmt = line.options.get("--format", "text")
    if mode not in MODES or fmt not in FORMATS:
        return None
    options = CiteOptions(
        style=line.options.get("--style", "apa"),
        mode=mode,
        fmt=fmt,
        locale=line.options.get("--locale"),
    )
    keys = line.words or None

    def cited(library: Library) -> str | None:
        from .citing import cached_citation, cite_library
        from .plain import use_rich

        if use_rich(sys.stderr):
            text = cached_citation(library, keys, options)
            if text is None:
                return None
        else:
            text = cite_library(library, keys, options)
        return text if text.endswith("\n") or not text else text + "\n"

    return _answer(line.library, cited)


def show_plain(argv: list[str]) -> int | None:
    """``[--library PATH] show KEY [--format pretty|json|csl-json]``, pretty only when piped."""
    from .plain import json_text, use_rich

    line = _parse(argv, "show", {"--format": "--format", "-f": "--format"}, short_options=True)
    if line is None or len(line.words) != 1:
        return None
    fmt = line.options.get("--format", "pretty")
    if fmt not in ("pretty", "json", "csl-json") or (fmt == "pretty" and use_rich()):
        return None
    key = line.words[0]

    def shown(library: Library) -> str:
        record = library.get(key)
        if fmt == "json":
            return json_text(record.to_json())
        if fmt == "csl-json":
            return json_text(record.to_csl())
        from .display import plain_text

        return plain_text(record) + "\n"

    return _answer(line.library, shown)


def _parse(
    argv: list[str], command: str, known: dict[str, str], *, short_options: bool
) -> CommandLine | None:
    """Split ``[--library PATH] COMMAND ...``; None for anything this module doesn't serve.

    *known* maps each option this command takes here (long and short spellings) to its
    long name; every one of them takes a value.
    """
    args = iter(argv)
    library = None
    for arg in args:  # global options
        if arg == command:
            break
        if arg == "--library":
            library = next(args, None)
            if library is None:
                return None
        elif arg.startswith("--library="):
            library = arg.partition("=")[2]
        else:
            return None
    else:
        return None
    line = CommandLine(library or None)
    for arg in args:
        if arg == "--":
            line.words.extend(args)
        elif arg.startswith("--") or (short_options and arg.startswith("-") and arg != "-"):
            name, equals, value = arg.partition("=")
            if name not in known or (equals and not name.startswith("--")):
                return None
            given = value if equals else next(args, None)
            if given is None:
                return None
            line.options[known[name]] = given
        else:
            line.words.append(arg)
    return line


def _answer(library_path: str | None, produce: Callable[[Library], str | None]) -> int | None:
    """Open the library, print what *produce* returns, or None to leave it to Typer."""
    from .library import Library

    try:
        try:
            with Library(library_path) as library:
                text = produce(library)
        except Exception:  # a SarcrefError, or a failure: the CLI runs it again and reports
            return None
        if text is None:
            return None
        sys.stdout.write(text)
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted; the library is as it was before this command\n")
        return INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as the CLI does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    return 0
