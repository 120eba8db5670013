"""``sarcref check``: missing fields, bad DOIs, raw LaTeX, duplicates; retractions online."""

from __future__ import annotations

from .. import printing
from ..session import Session


def run(session: Session) -> int:
    from ...checking import check_library

    client = None
    if session["online"]:
        from ...web.http import HttpClient

        client = HttpClient(email=session.settings.checked("email"))
    with session.open_library() as library:
        keys = session.chosen_keys(library)
        try:
            report = check_library(
                library,
                keys,
                style=session.setting("style"),
                online=session["online"],
                client=client,
            )
        finally:
            if client is not None:
                client.close()
    if session["fmt"] == "json":
        printing.write(report.output("json"))
    elif printing.use_rich():
        from rich import box
        from rich.table import Table

        table = Table(title=report.summary(), header_style="bold", box=box.SIMPLE_HEAD)
        for column in ("key", "problem", "detail"):
            table.add_column(
                column,
                style="cyan" if column == "key" else "",
                ratio=3 if column == "detail" else None,
            )
        for row in report.rows():
            table.add_row(*row)
        if report.rows():
            with printing.paged(not session.no_pager):
                printing.console().print(table)
    else:
        printing.write(report.output("table"))
    for line in [report.summary(), *report.notes]:
        printing.report(line)
    return report.exit_code
