"""``export --cited-in paper.md --output refs.bib --watch``: keep the file current.

The bibliography file is written once, then again whenever the manuscript, a file it
includes, or the library changes, until Ctrl-C. A problem found while watching (a key
typed that the library lacks, a file being rewritten) is reported and watching goes on:
the next save fixes it. A problem on the first run is raised, as without ``--watch``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SarcrefError
from .bibfile import BibliographyFile, cited_bibliography, write_if_changed
from .watching import DEFAULT_INTERVAL, library_files, watch

if TYPE_CHECKING:
    from ..library import Library

Report = Callable[[BibliographyFile, bool], None]  # (what was made, whether it was written)


def keep_bibliography(
    library: Library,
    files: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    fmt: str,
    *,
    report: Report,
    on_error: Callable[[SarcrefError], None],
    allow_missing: bool = False,
    via_pandoc: bool = False,
    interval: float = DEFAULT_INTERVAL,
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Write the bibliography of *files* to *output*, then keep it current until Ctrl-C
    (KeyboardInterrupt comes out of here) or *rounds* polls.

    *report* hears each result (and whether the file changed); *on_error* each error met
    while watching. Errors of the first run are raised: MissingKeysError (exit 1), DataError,
    UsageError.
    """
    manuscripts = [Path(f) for f in files]

    def build() -> list[Path]:
        made = cited_bibliography(
            library, manuscripts, fmt, allow_missing=allow_missing, via_pandoc=via_pandoc
        )
        report(made, write_if_changed(output, made.text, protect=[str(library.path)]))
        return list(made.cited.reading.files) or list(manuscripts)

    watched = build()
    if library.path != ":memory:":
        watched_library = library_files(library.path)
    else:
        watched_library = []

    def paths() -> list[Path]:
        return [*watched, *watched_library]

    def on_change(_changed: list[Path]) -> None:
        nonlocal watched
        try:
            watched = build()
        except SarcrefError as error:
            on_error(error)

    watch(paths, on_change, interval=interval, rounds=rounds, sleep=sleep)
