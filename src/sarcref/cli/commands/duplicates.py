"""``sarcref duplicates``: the groups of records that are one work, and why."""

from __future__ import annotations

from ...errors import NotFoundError
from .. import printing
from ..session import Session

_COLUMNS = ("group", "key", "reason", "year", "authors", "title")


def run(session: Session) -> None:
    fmt = session["fmt"]
    with session.open_library() as library:
        found = library.duplicate_groups()
        if not found:
            raise NotFoundError("no duplicates in the library")
        keys = [key for group in found for key, _ in group]
        rows = {row[0]: row for row in library.store.iter_rows(keys=keys)}
    if fmt == "json":
        printing.write_json(
            [[{"key": key, "reason": reason or None} for key, reason in group] for group in found]
        )
        return
    lines = [
        (str(number), key, reason or "(kept)", rows[key][1], rows[key][2], rows[key][3])
        for number, group in enumerate(found, 1)
        for key, reason in group
    ]
    if fmt == "table" and printing.use_rich():
        from rich import box
        from rich.table import Table

        table = Table(title=f"{len(found)} groups of duplicates", box=box.SIMPLE_HEAD)
        for column in _COLUMNS:
            table.add_column(column, ratio=3 if column == "title" else None)
        for line in lines:
            table.add_row(*line)
        with printing.paged(not session.no_pager):
            printing.console().print(table)
        return
    if fmt == "tsv":
        printing.out("\t".join(_COLUMNS))
    printing.write("".join(printing.tsv_line(line) + "\n" for line in lines))
