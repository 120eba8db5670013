"""``sarcref update KEY...``: fetch records again; show or apply the changes."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> int:
    from ...updating import update_records
    from ...web.http import HttpClient

    keys = session.keys()
    client = HttpClient(email=session.settings.checked("email"), refresh=True)
    with session.open_library() as library, client:
        report = update_records(
            library, keys, apply=session["apply"], force=session["force"], client=client
        )
    if session["fmt"] == "json":
        printing.write_json(report.to_json())
    else:
        printing.write("".join(f"{line}\n" for line in report.lines()))
    for line in report.messages():
        printing.report(line)
    return report.exit_code
