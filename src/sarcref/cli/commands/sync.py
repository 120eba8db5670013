"""``sarcref sync``, ``sync init REMOTE``, ``sync resolve KEY --take ...``, ``sync status``."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> int:
    from ...sync.engine import sync

    with session.open_library() as library:
        report = sync(library)
    if session["fmt"] == "json":
        printing.write_json(report.to_json())
    else:
        for line in report.lines():
            printing.report(line)
    return report.exit_code


def init(session: Session) -> None:
    from ...sync.engine import connect

    with session.open_library() as library:
        status = connect(library, session["remote"], branch=session["branch"])
    printing.report(
        f"connected to {status.remote} (branch {status.branch}); "
        "`sarcref sync` now sends this library and merges the others'"
    )


def resolve(session: Session) -> None:
    from ...sync.engine import resolve as settle

    key = session["key"]
    with session.open_library() as library:
        _, fields = settle(library, key, list(session["take"]))
    printing.report(f"{key}: settled {', '.join(fields)}; the next `sarcref sync` sends the record")


def show_status(session: Session) -> None:
    from ...sync.engine import status

    with session.open_library() as library:
        found = status(library)
    if session["fmt"] == "json":
        printing.write_json(found.to_json())
    else:
        printing.write("".join(f"{line}\n" for line in found.lines()))
