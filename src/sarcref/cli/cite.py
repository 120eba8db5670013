"""``sarcref cite``: citations and bibliographies in any CSL style."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from . import output
from .app import app
from .context import complete_keys, open_library, read_keys


class CiteMode(str, Enum):
    bibliography = "bibliography"
    citation = "citation"


class CiteFormat(str, Enum):
    text = "text"
    html = "html"
    markdown = "markdown"
    rtf = "rtf"


def complete_styles(incomplete: str) -> list[str]:
    from ..style_catalogue import ALIASES, all_ids

    return [s for s in [*ALIASES, *all_ids()] if s.startswith(incomplete)][:200]


@app.command()
def cite(
    keys: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KEY...]",
            help="Keys to cite (default: all); '-' reads them from stdin.",
            autocompletion=complete_keys,
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            help="CSL style id, alias (apa, vancouver, ama, mla, chicago, harvard, ieee, "
            "nature) or path to a .csl file.",
            autocompletion=complete_styles,
        ),
    ] = "apa",
    mode: Annotated[
        CiteMode,
        typer.Option("--mode", "-m", help="A bibliography, or one in-text citation cluster."),
    ] = CiteMode.bibliography,
    fmt: Annotated[CiteFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CiteFormat.text
    ),
    locale: Annotated[
        str | None,
        typer.Option("--locale", "-l", help="Locale, e.g. en-GB (default: the style's)."),
    ] = None,
    input_file: Annotated[
        str | None,
        typer.Option(
            "--input", "-i", metavar="FILE", help="Cite records of a file, not of the library."
        ),
    ] = None,
    output_file: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically)."),
    ] = None,
) -> None:
    """Print a bibliography or an in-text citation in any CSL style.

    Example: sarcref cite lerman2015local --style vancouver
    """
    from ..citing import CiteOptions, cite_library, cite_records, read_input

    options = CiteOptions(style, mode.value, fmt.value, locale)
    wanted = read_keys(keys) or None
    with output.progress_bar("Rendering") as progress:
        if input_file is not None:
            text = cite_records(read_input(input_file), wanted, options, progress=progress)
        else:
            with open_library() as library:
                text = cite_library(library, wanted, options, progress=progress)
    output.emit(text, output_file)
