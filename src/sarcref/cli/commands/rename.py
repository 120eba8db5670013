"""``sarcref rename OLD NEW``: change a record's key."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    old, new = session["key"], session["new"]
    with session.open_library() as library:
        library.rename(old, new)
    printing.out(f"{old} -> {new}")
