"""``sarcref merge KEEP OTHER...``: duplicates into one record; their keys stay as aliases."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    keep, others = session["key"], session.keys("others")
    with session.open_library() as library:
        library.merge(keep, others)
    printing.report(f"merged {', '.join(others)} into {keep}")
