"""``sarcref tag KEY +TAG -TAG``: add and remove tags (``-`` for keys from stdin)."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> None:
    keys = session.keys("key")
    changes = session["changes"] or []
    with session.open_library() as library:
        if not changes:
            for record in library.get_many(keys):
                prefix = f"{record.key}\t" if len(keys) > 1 else ""
                printing.write("".join(f"{prefix}{tag}\n" for tag in record.tags))
            return
        with library.transaction():
            changed = [library.tag(key, changes) for key in keys]
    for record in changed:
        printing.report(f"{record.key}: {', '.join(record.tags) or 'no tags'}")
