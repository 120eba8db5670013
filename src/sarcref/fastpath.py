"""``sarcref search ... --format keys`` answered without the Typer CLI, for start-up time.

Importing Typer and building the command line takes about 100 ms, five times Python's own
start-up, and ``search --format keys`` feeds pipelines (``| sarcref cite -``). So
``__main__`` offers a search command line here first. Only success is answered here: for
anything else (another format or option, ``--help``, a malformed query, no hits, a library
problem) this returns None having printed nothing, and the Typer CLI runs the command
(search only reads) and reports as usual. The tests run their cases both ways.
"""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130
BROKEN_PIPE = 141


def search_keys(argv: list[str]) -> int | None:
    """Run ``[--library PATH] search QUERY... --format keys [--sort S] [--limit N]``.

    Returns the exit code, or None (nothing done) when the Typer CLI should run instead.
    """
    parsed = _parse(argv)
    if parsed is None or "_SARCREF_COMPLETE" in os.environ:
        return None
    path, query, sort, limit = parsed
    from .errors import SarcrefError
    from .library import Library

    try:
        with Library(path) as library:
            keys = library.search_keys(query, sort=sort, limit=limit)
        if not keys:
            return None
        sys.stdout.write("".join(f"{key}\n" for key in keys))
        sys.stdout.flush()
    except SarcrefError:
        return None
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted; the library is as it was before this command\n")
        return INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as the CLI does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    return 0


def _parse(argv: list[str]) -> tuple[str | None, str, str, int | None] | None:
    """The library path, query, sort and limit of a command line this module answers."""
    from .library import SEARCH_SORTS

    args = iter(argv)
    path = None
    for arg in args:  # global options
        if arg == "search":
            break
        if arg == "--library":
            path = next(args, None)
            if path is None:
                return None
        elif arg.startswith("--library="):
            path = arg.partition("=")[2]
        else:
            return None
    else:
        return None
    words: list[str] = []
    options: dict[str, str] = {}
    for arg in args:
        if arg == "--":
            words.extend(args)
        elif arg.startswith("--"):
            name, equals, value = arg.partition("=")
            if name not in ("--format", "--sort", "--limit"):
                return None
            options[name] = value if equals else next(args, "")
        else:
            words.append(arg)
    limit = options.get("--limit", "1")
    sort = options.get("--sort", "relevance")
    if (
        options.get("--format") != "keys"
        or sort not in SEARCH_SORTS
        or not (limit.isascii() and limit.isdigit() and int(limit) >= 1)
        or not words
        or words == ["-h"]
    ):
        return None
    return path or None, " ".join(words), sort, int(limit) if "--limit" in options else None
