"""The decisions every printed byte depends on, in a module that imports nothing heavy.

Rich output (tables, panels, progress bars) only on a terminal whose TERM is not dumb;
``NO_COLOR`` (https://no-color.org) turns colour off and nothing else, so a table on a
terminal stays a table, drawn without ANSI codes. JSON is printed one way everywhere.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO


def use_rich(stream: TextIO | None = None) -> bool:
    """Tables and panels only on a terminal, and never when TERM is dumb."""
    stream = stream or sys.stdout
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def use_colour() -> bool:
    """Colour (and other ANSI styling) unless NO_COLOR is set to anything non-empty."""
    return not os.environ.get("NO_COLOR")


def json_text(data: Any) -> str:
    """*data* as sarcref prints JSON: UTF-8 as is, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
