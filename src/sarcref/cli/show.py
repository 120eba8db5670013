"""``sarcref show KEY``: one record."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from . import output
from .app import app
from .context import complete_keys, open_library


class ShowFormat(str, Enum):
    pretty = "pretty"
    json = "json"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


@app.command()
def show(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="The record's key.", autocompletion=complete_keys)
    ],
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="pretty: a readable summary; json: the stored record (CSL-JSON plus sarcref's "
            "fields); csl-json: plain CSL-JSON; bibtex; ris.",
        ),
    ] = ShowFormat.pretty,
) -> None:
    """Show one record.

    Example: sarcref show lerman2015local --format csl-json
    """
    with open_library() as library:
        record = library.get(key)
    if fmt is ShowFormat.json:
        output.write_json(record.to_json())
    elif fmt is ShowFormat.csl_json:
        output.write_json(record.to_csl())
    elif fmt in (ShowFormat.bibtex, ShowFormat.ris):
        from ..formats.exporters import export

        output.out(export([record], fmt.value).removesuffix("\n"))
    elif output.use_rich():
        from .panels import record_panel

        output.console().print(record_panel(record))
    else:
        from ..display import plain_text

        output.out(plain_text(record))
