"""``sarcref config``: the settings in effect, and setting or removing one in the file."""

from __future__ import annotations

from .. import printing
from ..session import Session


def show(session: Session) -> None:
    values = session.settings.all()
    if session["fmt"] == "json":
        printing.write_json(
            {
                "file": str(session.settings.path),
                "settings": {v.name: {"value": v.value, "source": v.source} for v in values},
            }
        )
        return
    rows = [(v.name, v.value if v.value is not None else "", v.source) for v in values]
    if printing.use_rich():
        from rich import box
        from rich.table import Table

        table = Table(
            title=f"settings (file: {session.settings.path})",
            header_style="bold",
            box=box.SIMPLE_HEAD,
        )
        for column in ("setting", "value", "from"):
            table.add_column(column, style="cyan" if column == "setting" else "")
        for row in rows:
            table.add_row(*row)
        printing.console().print(table)
    else:
        printing.write("".join(printing.tsv_line(row) + "\n" for row in rows))


def set_value(session: Session) -> None:
    from ...settings import set_value as write

    path = write(session["name"], session["value"])
    printing.report(f"{session['name']} = {session['value']} (in {path})")


def unset_value(session: Session) -> None:
    from ...settings import unset_value as remove

    path, present = remove(session["name"])
    if present:
        printing.report(f"removed {session['name']} from {path}")
    else:
        printing.report(f"{session['name']} was not set in {path}")
