"""``sarcref tag KEY +TAG -TAG``: add and remove tags."""

from __future__ import annotations

from typing import Annotated

import typer

from . import output
from .app import app
from .context import complete_keys, open_library


# '-old' must reach the command as a tag to remove, not be read as an unknown option.
@app.command(context_settings={"ignore_unknown_options": True})
def tag(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="The record's key.", autocompletion=complete_keys)
    ],
    changes: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[+TAG|-TAG]...",
            help="+TAG adds a tag, -TAG removes one; none: print the tags.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add and remove tags of a record; without changes, print its tags.

    Example: sarcref tag lerman2015local +sarcoma +review -unread
    """
    with open_library() as library:
        if not changes:
            for name in library.get(key).tags:
                output.out(name)
            return
        record = library.tag(key, changes)
    output.message(f"{record.key}: {', '.join(record.tags) or 'no tags'}")
