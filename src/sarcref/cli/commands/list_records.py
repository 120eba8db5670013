"""``sarcref list``: every record, streamed from one indexed query."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    sort, fmt = session["sort"], session["fmt"]
    with session.open_library() as library:
        store = library.store
        if fmt == "keys":
            printing.write_bytes(store.listing(sort))
        elif fmt == "json":
            printing.write_json_list(r.to_json() for r in store.iter_records(sort))
        elif fmt == "tsv" or not printing.use_rich():
            if fmt == "tsv":
                printing.out("\t".join(printing.TABLE_COLUMNS))
            printing.write_bytes(store.listing(sort, rows=True))
        else:
            records = list(store.iter_records(sort))
            with printing.paged(not session.no_pager):
                printing.print_records(records, fmt, title=f"{len(records)} records")
