"""``sarcref add ID...``: records by DOI, PMID, PMCID, arXiv id or ISBN."""

from __future__ import annotations

import sys

from ...errors import UsageError
from .. import printing
from ..session import Session


def run(session: Session) -> int:
    from ...adding import add_identifiers, read_identifiers
    from ...web.http import HttpClient

    identifiers = session["identifiers"]
    if identifiers == ["-"]:
        if sys.stdin.isatty():
            raise UsageError("'-' reads identifiers from standard input, but it is a terminal")
        identifiers = read_identifiers(sys.stdin.read())
        if not identifiers:
            from ...errors import NotFoundError

            raise NotFoundError("no identifiers on standard input")
    client = HttpClient(email=session.settings.checked("email"), refresh=session["refresh"])
    with session.open_library() as library, client, printing.progress_bar("Fetching") as bar:
        report = add_identifiers(
            library,
            identifiers,
            on_duplicate=session["on_duplicate"],
            dry_run=session["dry_run"],
            client=client,
            progress=bar,
        )
    printing.write(report.output(session["fmt"]))
    for line in report.messages():
        printing.report(line)
    return report.exit_code
