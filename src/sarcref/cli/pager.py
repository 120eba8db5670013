"""Long output on a terminal through a pager, the way git does it.

The pager is ``$SARCREF_PAGER``, else ``$PAGER``, else ``less`` (with ``LESS=FRX`` unless
the user set ``LESS``: quit if one screen, keep colours, leave the text on the screen). It
runs only when the text is taller than the terminal; an empty pager setting or ``cat``
means no pager. A pager that cannot start is skipped and the text printed as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

DEFAULT_PAGER = "less"


def pager_command() -> str | None:
    for variable in ("SARCREF_PAGER", "PAGER"):
        if variable in os.environ:
            chosen = os.environ[variable].strip()
            return None if chosen in ("", "cat") else chosen
    return DEFAULT_PAGER if shutil.which(DEFAULT_PAGER) else None


def show(text: str) -> None:
    """Print *text* on the terminal, through the pager when it does not fit."""
    command = pager_command()
    rows = shutil.get_terminal_size().lines
    if command is None or text.count("\n") < rows:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert pager.stdin is not None
    try:
        with pager.stdin:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
    except BrokenPipeError:
        pass  # the user quit the pager before reading it all
    except KeyboardInterrupt:
        pass  # the pager handles Ctrl-C itself; wait for it to end
    while True:
        try:
            code = pager.wait()
            break
        except KeyboardInterrupt:
            continue
    if code == 127:  # the shell could not find the pager
        sys.stdout.write(text)
