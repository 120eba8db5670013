"""Everything a command prints goes through here: one decision about rich vs plain text.

Results go to standard output, messages to standard error. On a terminal (and without
``NO_COLOR``) output is drawn with rich; piped, it is plain text with no ANSI codes and no
box drawing, and a table becomes tab-separated lines. rich is imported only when used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..plain import json_text
from ..plain import use_rich as use_rich  # the CLI asks output, as before

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..records import Record
    from ..search import Highlighter


class ListFormat(str, Enum):
    table = "table"
    keys = "keys"
    json = "json"
    tsv = "tsv"


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def out(text: str = "") -> None:
    """Write one line of results to standard output."""
    sys.stdout.write(text + "\n")


def message(text: str) -> None:
    """Write a message for the user to standard error."""
    if use_rich(sys.stderr):
        console(stderr=True).print(text)
    else:
        sys.stderr.write(_strip_markup(text) + "\n")


def error(text: str, hint: str | None = None) -> None:
    if use_rich(sys.stderr):
        from rich.markup import escape

        err = console(stderr=True)
        err.print(f"[bold red]Error:[/] {escape(text)}")
        if hint:
            err.print(f"[dim]{escape(hint)}[/]")
    else:
        sys.stderr.write(f"Error: {text}\n")
        if hint:
            sys.stderr.write(f"{hint}\n")


def _strip_markup(text: str) -> str:
    import re

    return re.sub(r"\[/?[a-z ]*\]", "", text)


def emit(text: str, path: str | None = None) -> None:
    """Write a command's result: to standard output, or atomically to *path*."""
    if text and not text.endswith("\n"):
        text += "\n"
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    from ..files import write_atomic

    write_atomic(path, text)
    message(f"wrote {path}")


@contextmanager
def progress_bar(label: str, *, delay: float = 1.0) -> Iterator[Callable[[int, int], None]]:
    """A progress callback ``(done, total)``: a rich bar on a terminal once *delay* has passed.

    Piped, or for work shorter than *delay*, nothing is drawn.
    """
    if not use_rich(sys.stderr):
        yield lambda done, total: None
        return
    import time

    started = time.monotonic()
    bar: Any = None
    task: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if time.monotonic() - started < delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            bar = Progress(
                f"[bold]{label}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console(stderr=True),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


def write_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def write_json_list(items: Iterable[Any]) -> None:
    """Write what ``write_json(list(items))`` writes, one item at a time (less memory)."""
    opening = "["
    for item in items:
        text = json_text(item).removesuffix("\n").replace("\n", "\n  ")
        sys.stdout.write(f"{opening}\n  {text}")
        opening = ","
    sys.stdout.write("[]\n" if opening == "[" else "\n]\n")


# -- record listings (list, search) --------------------------------------------------------

TABLE_COLUMNS = ("key", "year", "authors", "title", "journal")


def record_row(record: Record) -> tuple[str, str, str, str, str]:
    year = record.year
    return (
        record.key,
        str(year) if year is not None else "",
        record.short_authors(),
        _one_line(record.title),
        _one_line(record.container_title),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def print_records(
    records: Iterable[Record],
    fmt: ListFormat,
    *,
    title: str | None = None,
    highlighter: Highlighter | None = None,
) -> None:
    """Print records as a table, keys, JSON or TSV; the one listing code of list and search.

    With a *highlighter* (search), the terminal table marks the words that matched and
    shows the stretch of the abstract where the query matched under the title.
    """
    if fmt is ListFormat.keys:
        print_keys(r.key for r in records)
    elif fmt is ListFormat.json:
        write_json_list(r.to_json() for r in records)
    elif fmt is ListFormat.tsv:
        out("\t".join(TABLE_COLUMNS))
        for record in records:
            out("\t".join(_tsv_cell(c) for c in record_row(record)))
    elif use_rich():
        _rich_table(list(records), title=title, highlighter=highlighter)
    else:
        for record in records:
            out("\t".join(_tsv_cell(c) for c in record_row(record)))


def print_keys(keys: Iterable[str]) -> None:
    """One key a line: what `sarcref cite -` and friends read."""
    sys.stdout.write("".join(f"{key}\n" for key in keys))


def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


# The fields of the query language shown in the table's columns (key and year show none).
_CELL_FIELDS = (None, None, "author", "title", "journal")
MATCH_STYLE = "bold yellow"


def _rich_table(
    records: Sequence[Record], *, title: str | None, highlighter: Highlighter | None
) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, header_style="bold")
    table.add_column("key", style="cyan", no_wrap=True)
    table.add_column("year", justify="right", no_wrap=True)
    table.add_column("authors", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column(
        "journal", style="italic", ratio=1, max_width=32, overflow="ellipsis", no_wrap=True
    )
    for record in records:
        cells = [Text(c) for c in record_row(record)]
        if highlighter is not None:
            for cell, field in zip(cells, _CELL_FIELDS, strict=True):
                if field:
                    _mark(cell, highlighter.spans(cell.plain, field))
            snippet = highlighter.snippet(str(record.csl.get("abstract", "")))
            if snippet is not None:
                below = Text(snippet.text, style="dim")
                _mark(below, snippet.spans)
                cells[3].append("\n").append_text(below)
        table.add_row(*cells)
    console().print(table)


def _mark(text: Text, spans: Iterable[tuple[int, int]]) -> None:
    for start, end in spans:
        text.stylize(MATCH_STYLE, start, end)
