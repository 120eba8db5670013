"""Plain output decisions shared by the Typer CLI and its Typer-free fast path.

Both must print byte for byte the same thing, so the choice of rich vs plain text and the
JSON layout live here, in a module that imports neither Typer nor rich.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO


def use_rich(stream: TextIO | None = None) -> bool:
    """Rich output only on a terminal, and never when NO_COLOR is set or TERM is dumb."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def json_text(data: Any) -> str:
    """*data* as sarcref prints JSON: UTF-8 as is, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
