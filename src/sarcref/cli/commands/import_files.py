"""``sarcref import FILE...``: add records from files, all or nothing."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    from ...importing import load_sources
    from ...keys import KeyFormat

    sources = load_sources(session["files"], encoding=session["encoding"])
    column_map = None
    if session["column_map"] is not None:
        from ...formats.csv_exports import parse_column_map

        column_map = parse_column_map(session["column_map"])
    key_format = KeyFormat(session.settings.get("key-format") or "{auth}{year}{title}")
    with session.open_library() as library, printing.progress_bar("Importing") as update:
        outcome = library.import_sources(
            sources,
            fmt=session["fmt"],
            on_duplicate=session["on_duplicate"],
            dry_run=session["dry_run"],
            skip_invalid=session["skip_invalid"],
            key_format=key_format,
            column_map=column_map,
            progress=lambda phase, done, total: update(done, total),
        )
    # The per-file flow (PRISMA's numbers) when it says more than the summary line.
    flow = outcome.flow() if len(outcome.files) > 1 or outcome.skipped or outcome.updated else []
    for line in [*outcome.details(), *flow, outcome.summary()]:
        printing.report(line)
