"""Everything a command prints goes through here.

Results go to standard output, messages to standard error. On a terminal output is drawn
with rich (colour unless ``NO_COLOR``), long output goes through a pager, and a progress
bar shows work that takes more than a second; piped, output is plain text with no ANSI
codes and no box drawing, and a table becomes tab-separated lines. rich is imported only
when something is drawn.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .plain import json_text, use_colour, use_rich

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..records import Record
    from ..search import Highlighter

__all__ = ["use_rich"]

# While a pager may be needed, what would go to the terminal is collected here first.
_captured: io.StringIO | None = None


def console(*, stderr: bool = False) -> Console:
    """A rich console for standard output (or error): colour unless NO_COLOR."""
    from rich.console import Console

    colour = use_colour()
    if _captured is not None and not stderr:
        # Drawn as for the terminal the text will reach (through the pager or not).
        return Console(
            file=_captured,
            force_terminal=True if sys.stdout.isatty() else None,
            width=_terminal_width(),
            highlight=False,
            soft_wrap=False,
            color_system="auto" if colour else None,
            no_color=not colour,
        )
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        color_system="auto" if colour else None,
        no_color=not colour,
    )


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def out(text: str = "") -> None:
    """Write one line of results to standard output."""
    (_captured or sys.stdout).write(text + "\n")


def write(text: str) -> None:
    """Write results as they are (no newline added)."""
    (_captured or sys.stdout).write(text)


def write_bytes(data: bytes) -> None:
    """Write results already encoded as UTF-8 (a long listing) as they are."""
    if _captured is not None or not hasattr(sys.stdout, "buffer"):
        write(data.decode("utf-8", "surrogateescape"))
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def message(text: str) -> None:
    """Write a message for the user to standard error (rich markup allowed)."""
    if use_rich(sys.stderr):
        console(stderr=True).print(text, soft_wrap=True)
    else:
        sys.stderr.write(_strip_markup(text) + "\n")


def report(line: str) -> None:
    """A report line on standard error, as it is: keys and paths may hold [brackets]."""
    if use_rich(sys.stderr):
        from rich.markup import escape

        console(stderr=True).print(escape(line), soft_wrap=True)
    else:
        sys.stderr.write(line + "\n")


def error(text: str, hint: str | None = None) -> None:
    if use_rich(sys.stderr):
        from rich.markup import escape

        err = console(stderr=True)
        err.print(f"[bold red]Error:[/] {escape(text)}", soft_wrap=True)
        if hint:
            err.print(f"[dim]{escape(hint)}[/]", soft_wrap=True)
    else:
        sys.stderr.write(f"Error: {text}\n")
        if hint:
            sys.stderr.write(f"{hint}\n")


def interactive() -> bool:
    """Whether a person is at both ends: standard input and output are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str) -> bool:
    """Ask *question* on standard error; True for an answer of y or yes."""
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (EOFError, OSError):
        return False
    return answer.strip().lower() in ("y", "yes")


def _strip_markup(text: str) -> str:
    import re

    return re.sub(r"\[/?[a-z ]*\]", "", text)


def emit(text: str, path: str | None = None, *, protect: Sequence[str] = ()) -> None:
    """Write a command's result: to standard output, or to *path* (see ``files.write_output``).

    *protect*: files no output may replace (the library and its journal files).
    """
    if text and not text.endswith("\n"):
        text += "\n"
    if path is None or path == "-":
        write(text)
        return
    from ..files import write_output

    write_output(path, text, protect=protect)
    message(f"wrote {path}")


@contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """Send what is printed inside through a pager when it is longer than the terminal.

    Only on a terminal, and not with ``--no-pager`` (*enabled* False); the pager is
    ``$SARCREF_PAGER``, else ``$PAGER``, else ``less -FRX``, as git does.
    """
    global _captured
    if not enabled or _captured is not None or not use_rich(sys.stdout):
        yield
        return
    _captured = io.StringIO()
    try:
        yield
        text = _captured.getvalue()
    finally:
        _captured = None
    from .pager import show

    show(text)


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
    write(json_text(data))


def write_json_list(items: Iterable[Any]) -> None:
    """Write what ``write_json(list(items))`` writes, one item at a time (less memory)."""
    opening = "["
    for item in items:
        text = json_text(item).removesuffix("\n").replace("\n", "\n  ")
        write(f"{opening}\n  {text}")
        opening = ","
    write("[]\n" if opening == "[" else "\n]\n")


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


def tsv_line(cells: Iterable[str]) -> str:
    return "\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells)


def print_records(
    records: Iterable[Record],
    fmt: str,
    *,
    title: str | None = None,
    highlighter: Highlighter | None = None,
) -> None:
    """Print records as a table, keys, JSON or TSV; the one listing code of list and search.

    With a *highlighter* (search), the terminal table marks the words that matched and
    shows the stretch of the abstract where the query matched under the title.
    """
    if fmt == "keys":
        print_keys(r.key for r in records)
    elif fmt == "json":
        write_json_list(r.to_json() for r in records)
    elif fmt == "tsv":
        out("\t".join(TABLE_COLUMNS))
        for record in records:
            out(tsv_line(record_row(record)))
    elif use_rich():
        _rich_table(list(records), title=title, highlighter=highlighter)
    else:
        for record in records:
            out(tsv_line(record_row(record)))


def print_keys(keys: Iterable[str]) -> None:
    """One key a line: what `sarcref cite -` and friends read."""
    for key in keys:
        write(f"{key}\n")


# The fields of the query language shown in the table's columns (key and year show none).
_CELL_FIELDS = (None, None, "author", "title", "journal")
MATCH_STYLE = "bold yellow"


NARROW = 100


def record_table(title: str | None = None, width: int | None = None) -> Any:
    """An empty records table whose title column takes most of the *width*: the key folds,
    authors and journal are cut short with an ellipsis, each to a share of the width."""
    from rich import box
    from rich.table import Table

    width = width or _terminal_width()
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("key", style="cyan", max_width=min(22, width // 6), overflow="fold")
    table.add_column("year", justify="right", no_wrap=True)
    table.add_column("authors", max_width=min(20, width // 8), overflow="ellipsis", no_wrap=True)
    table.add_column("title", ratio=5, min_width=20)
    if width >= NARROW:  # on a narrow terminal the journal would squeeze the title
        table.add_column(
            "journal",
            style="italic",
            ratio=1,
            max_width=min(28, width // 7),
            overflow="ellipsis",
            no_wrap=True,
        )
    return table


def _rich_table(
    records: Sequence[Record], *, title: str | None, highlighter: Highlighter | None
) -> None:
    from rich.text import Text

    draw = console()
    table = record_table(title, draw.width)
    for record in records:
        cells = [Text(c) for c in record_row(record)][: len(table.columns)]
        if highlighter is not None:
            for cell, field in zip(cells, _CELL_FIELDS, strict=False):
                if field:
                    _mark(cell, highlighter.spans(cell.plain, field))
            snippet = highlighter.snippet(str(record.csl.get("abstract", "")))
            if snippet is not None:
                below = Text(snippet.text, style="dim")
                _mark(below, snippet.spans)
                cells[3].append("\n").append_text(below)
        table.add_row(*cells)
    draw.print(table)


def _mark(text: Text, spans: Iterable[tuple[int, int]]) -> None:
    for start, end in spans:
        text.stylize(MATCH_STYLE, start, end)
