"""Polling files for changes (``export --watch``)."""

from __future__ import annotations

import os
from pathlib import Path

from sarcref.manuscripts.watching import library_files, watch


def test_a_change_is_reported_once_it_has_settled(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("one")
    extra = tmp_path / "chapter.md"
    watched = [paper]
    seen: list[list[Path]] = []

    def on_change(changed: list[Path]) -> None:
        seen.append(changed)
        if extra not in watched:
            watched.append(extra)  # (as a manuscript that now includes a chapter)

    # Each poll, the test changes the world as an editor would:
    script = {
        1: (paper, "two, still being written"),
        2: (paper, "two"),  # changed again: not settled yet
        # 3: nothing changes: the change is reported, and chapter.md watched from now on
        5: (extra, "new"),  # a watched file appears
        # 6: settled: reported
        # 7, 8: nothing
    }
    polls = 0

    def sleep(_seconds: float) -> None:
        nonlocal polls
        polls += 1
        if polls in script:
            path, text = script[polls]
            path.write_text(text)
            os.utime(path, ns=(polls * 10**9, polls * 10**9))  # (mtimes that surely differ)

    watch(lambda: list(watched), on_change, interval=0.5, rounds=8, sleep=sleep)
    assert seen == [[paper], [extra]]


def test_a_library_is_its_file_and_its_write_ahead_log(tmp_path: Path) -> None:
    assert library_files(tmp_path / "lib.sqlite") == [
        tmp_path / "lib.sqlite",
        tmp_path / "lib.sqlite-wal",
    ]
