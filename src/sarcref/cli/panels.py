"""Rich renderables for records (imported only when drawing on a terminal)."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..records import Record
from .display import view


def record_panel(record: Record) -> Panel:
    shown = view(record)
    heading = Text(shown.title, style="bold")
    if shown.authors:
        heading.append("\n" + shown.authors, style="")
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column()
    for label, value in shown.fields:
        fields.add_row(label, value)
    parts: list[Text | Table] = [heading, Text(), fields]
    if shown.abstract:
        parts += [Text(), Text("Abstract", style="bold underline")]
        for number, (heading_label, body) in enumerate(shown.abstract, 1):
            if heading_label:
                parts.append(Text(heading_label, style="bold cyan"))
            parts.append(Text(body + ("\n" if number < len(shown.abstract) else "")))
    return Panel(Group(*parts), title=record.key, title_align="left", border_style="blue")
