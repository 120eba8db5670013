"""The output module: rich on a terminal, plain when piped, progress only when it helps."""

from __future__ import annotations

import pytest

from sarcref.cli import plain, printing


def test_progress_bar_draws_on_a_terminal_once_the_delay_has_passed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    monkeypatch.setattr(
        printing, "console", lambda stderr=False: Console(stderr=stderr, force_terminal=True)
    )
    with printing.progress_bar("Rendering", delay=0) as progress:
        progress(0, 10)
        progress(10, 10)
    drawn = capsys.readouterr()
    assert "Rendering" in drawn.err
    assert "10/10" in drawn.err
    assert drawn.out == ""


def test_progress_bar_stays_silent_for_short_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    with printing.progress_bar("Rendering", delay=60) as progress:
        progress(5, 10)
    assert capsys.readouterr() == ("", "")


def test_progress_bar_is_silent_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    with printing.progress_bar("Rendering", delay=0) as progress:
        progress(5, 10)
    assert capsys.readouterr() == ("", "")


def test_no_color_turns_colour_off_and_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    assert printing.use_rich(Terminal)  # type: ignore[arg-type]
    assert plain.use_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert printing.use_rich(Terminal)  # type: ignore[arg-type]
    assert not plain.use_colour()
    monkeypatch.setenv("TERM", "dumb")
    assert not printing.use_rich(Terminal)  # type: ignore[arg-type]
