"""``sarcref edit KEY``: change fields, or open the record in $EDITOR."""

from __future__ import annotations

from typing import Annotated

import typer

from . import output
from .app import app
from .context import complete_keys, open_library


@app.command()
def edit(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="The record's key.", autocompletion=complete_keys)
    ],
    set_fields: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="FIELD=VALUE",
            help='Set a CSL field. Names: "Family, Given and Family, Given"; dates: '
            "YYYY[-MM[-DD]].",
            show_default=False,
        ),
    ] = None,
    unset: Annotated[
        list[str] | None,
        typer.Option("--unset", "-u", metavar="FIELD", help="Remove a field.", show_default=False),
    ] = None,
) -> None:
    """Change a record. Without --set or --unset, open it as JSON in $VISUAL or $EDITOR.

    Example: sarcref edit lerman2015local --set issued=2015-01 --set "author=Lerman, D. M."
    """
    from ..editing import edit_in_editor

    with open_library() as library:
        if set_fields or unset:
            library.edit(key, set_fields or [], unset or [])
            output.message(f"changed {key}")
            return
        edited = edit_in_editor(library.get(key))
        if edited is None:
            output.message(f"no changes; {key} is as it was")
            return
        library.update(edited)
    output.message(f"changed {key}")
