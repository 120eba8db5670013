"""The output module: rich on a terminal, plain when piped, progress only when it helps."""

from __future__ import annotations

import pytest

from sarcref.cli import output


def test_progress_bar_draws_on_a_terminal_once_the_delay_has_passed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    monkeypatch.setattr(output, "use_rich", lambda stream=None: True)
    monkeypatch.setattr(
        output, "console", lambda stderr=False: Console(stderr=stderr, force_terminal=True)
    )
    with output.progress_bar("Rendering", delay=0) as progress:
        progress(0, 10)
        progress(10, 10)
    drawn = capsys.readouterr()
    assert "Rendering" in drawn.err
    assert "10/10" in drawn.err
    assert drawn.out == ""


def test_progress_bar_stays_silent_for_short_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(output, "use_rich", lambda stream=None: True)
    with output.progress_bar("Rendering", delay=60) as progress:
        progress(5, 10)
    assert capsys.readouterr() == ("", "")


def test_progress_bar_is_silent_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    with output.progress_bar("Rendering", delay=0) as progress:
        progress(5, 10)
    assert capsys.readouterr() == ("", "")


def test_no_color_turns_rich_off(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    assert output.use_rich(Terminal)  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.use_rich(Terminal)  # type: ignore[arg-type]
