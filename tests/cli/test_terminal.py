"""On a real terminal (a pseudo-terminal here): tables, NO_COLOR, the pager, column widths."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from sarcref import Library


def on_terminal(
    args: list[str], cwd: Path, env: dict[str, str], *, columns: int = 100, rows: int = 40
) -> str:
    """Run sarcref with its standard output and error on a pseudo-terminal; what it drew."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **env}
    full_env.pop("COLUMNS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "sarcref", *args],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=cwd,
        env=full_env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.fixture
def many(library: Library) -> Library:
    for n in range(60):
        library.add(
            {
                "id": f"record{n:02d}",
                "type": "article-journal",
                "title": f"A study of sarcoma number {n} with a long title that wraps",
                "author": [{"family": "Doe", "given": "Jane"}],
                "issued": {"date-parts": [[2000 + n % 20]]},
                "container-title": "Journal of Long Names",
            }
        )
    return library


def test_no_color_keeps_the_table_and_drops_only_the_colour(tmp_path: Path, many: Library) -> None:
    coloured = on_terminal(["list"], tmp_path, {"SARCREF_PAGER": ""})
    plain = on_terminal(["list"], tmp_path, {"SARCREF_PAGER": "", "NO_COLOR": "1"})
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain
    assert "record42" in plain
    header = next(line for line in plain.splitlines() if line.split()[:2] == ["key", "year"])
    assert header.split() == ["key", "year", "authors", "title", "journal"]
    assert "\t" not in plain  # a table, not the tab-separated lines of a pipe


def test_long_output_goes_through_the_pager_short_output_does_not(
    tmp_path: Path, many: Library
) -> None:
    pager = tmp_path / "pager.py"
    seen = tmp_path / "paged.txt"
    pager.write_text(
        f"import sys, pathlib\npathlib.Path({str(seen)!r}).write_text(sys.stdin.read())\n"
    )
    env = {"SARCREF_PAGER": f"{sys.executable} {pager}", "NO_COLOR": "1"}
    drawn = on_terminal(["list"], tmp_path, env, rows=20)
    assert "record59" in seen.read_text()
    assert "record59" not in drawn  # the pager showed it, not sarcref
    seen.unlink()
    short = on_terminal(["show", "record01"], tmp_path, env, rows=200)
    assert not seen.exists()
    assert "A study of sarcoma number 1" in short
    no_pager = on_terminal(["--no-pager", "list"], tmp_path, env, rows=20)
    assert not seen.exists()
    assert "record59" in no_pager


@pytest.mark.parametrize("columns", [80, 120])
def test_the_title_gets_most_of_the_width(tmp_path: Path, many: Library, columns: int) -> None:
    drawn = on_terminal(["list"], tmp_path, {"SARCREF_PAGER": "", "NO_COLOR": "1"}, columns=columns)
    header = next(line for line in drawn.splitlines() if line.split()[:2] == ["key", "year"])
    starts = [header.index(name) for name in header.split()]
    widths = [b - a for a, b in zip(starts, [*starts[1:], columns], strict=True)]
    title_width = widths[header.split().index("title")]
    assert title_width == max(widths), header
    assert title_width >= columns * 0.4, header
    assert ("journal" in header) == (columns >= 100)  # a narrow terminal drops the journal
