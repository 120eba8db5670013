"""``sarcref restore KEY``: bring a removed record back from the journal."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    key = session["key"]
    with session.open_library() as library:
        record = library.restore(key)
    tags = f" with its tags {', '.join(record.tags)}" if record.tags else ""
    printing.report(f"restored {record.key}{tags}")
