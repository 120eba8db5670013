"""``sarcref export``: write records as BibTeX, CSL-JSON or RIS."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    from ...exporting import export_text, select_records

    keys = session.keys()
    with session.open_library() as library:
        records = select_records(library, keys, session["query"])
        protect = [str(library.path)]
    text = export_text(records, session["fmt"], ascii_only=session["ascii"])
    printing.emit(text, session["output"], protect=protect)
