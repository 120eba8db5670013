"""``sarcref rm KEY...``: remove records (all or none)."""

from __future__ import annotations

from ...errors import UsageError
from .. import printing
from ..session import Session


def run(session: Session) -> int | None:
    wanted = session.keys()
    with session.open_library() as library:
        records = library.get_many(wanted)
        if not session["yes"]:
            if session["keys"] == ["-"] or not printing.interactive():
                raise UsageError(
                    "not removing without confirmation", hint="add --yes to remove without asking"
                )
            listed = ", ".join(r.key for r in records)
            if not printing.confirm(f"Remove {len(records)} record(s): {listed}?"):
                printing.message("nothing removed")
                return 1
        removed = library.remove([r.key for r in records])
    printing.report(f"removed {len(removed)} record(s): {', '.join(removed)}")
    return None
