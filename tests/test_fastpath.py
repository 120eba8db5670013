"""The Typer-free path of pipeline commands: it prints what the CLI prints, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sarcref import Library, fastpath
from sarcref.cli import app
from tests.helpers import run_sarcref

CACHED = [
    ["cite"],
    ["cite", "lerman2015local", "--style", "vancouver"],
    ["cite", "lerman2015local", "-s", "vancouver", "-m", "citation"],
    ["cite", "--style=ieee", "--format=html"],
    ["cite", "-f", "rtf", "-s", "nature"],
    ["cite", "lerman2015local", "--locale", "de-DE", "--style", "apa"],
]
LEFT_TO_TYPER = [
    ["cite", "nope2020"],  # unknown key
    ["cite", "--style", "vancover"],  # unknown style
    ["cite", "-", "--style", "apa"],  # keys from stdin
    ["cite", "--output", "out.txt"],
    ["cite", "--input", "refs.json"],
    ["cite", "--mode", "footnote"],
    ["cite", "--format", "pdf"],
    ["cite", "--help"],
    ["cite", "-s"],
    ["--debug", "cite"],
    ["show", "cite"],  # unknown key
    ["show", "lerman2015local", "--format", "bibtex"],
    ["show", "lerman2015local", "lerman2015local"],
    ["show", "--help"],
]
UNCACHED = [
    ["cite", "--style", "ieee", "--mode", "citation"],
    ["cite", "lerman2015local", "-s", "chicago", "-f", "html"],
    ["cite", "--style", "nature", "--format", "markdown"],
]
SHOWN = [
    ["show", "lerman2015local"],
    ["show", "lerman2015local", "--format", "json"],
    ["show", "-f", "csl-json", "lerman2015local"],
    ["show", "--format=pretty", "--", "lerman2015local"],
]


@pytest.fixture
def primed(runner: CliRunner, library: Library, library_path: Path) -> Path:
    """A library whose cache holds the outputs of CACHED, rendered through Typer."""
    for argv in CACHED:
        assert runner.invoke(app, ["--library", str(library_path), *argv]).exit_code == 0
    return library_path


def answered_as_the_cli_answers(
    runner: CliRunner, library_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    """Run *argv* here and through Typer; both must succeed with the same output."""
    code = fastpath.run(["--library", str(library_path), *argv])
    fast = capsys.readouterr()
    typer = runner.invoke(app, ["--library", str(library_path), *argv])
    assert (code, fast.out, fast.err) == (0, typer.stdout, "")
    return fast.out


@pytest.mark.parametrize("argv", CACHED)
def test_a_cached_citation_is_printed_as_the_cli_prints_it(
    runner: CliRunner, primed: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = answered_as_the_cli_answers(runner, primed, argv, capsys)
    assert out.endswith("\n") and out.strip()


@pytest.mark.parametrize("argv", LEFT_TO_TYPER)
def test_anything_else_is_left_to_typer(
    primed: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert fastpath.run(["--library", str(primed), *argv]) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("argv", SHOWN)
def test_a_shown_record_is_printed_as_the_cli_prints_it(
    runner: CliRunner,
    library: Library,
    library_path: Path,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = answered_as_the_cli_answers(runner, library_path, argv, capsys)
    assert "Local control of metastatic sarcoma" in out


def test_show_on_a_terminal_is_left_to_rich(
    library: Library,
    library_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(fastpath.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert fastpath.run(["--library", str(library_path), "show", "lerman2015local"]) is None
    assert (
        fastpath.run(["--library", str(library_path), "show", "lerman2015local", "-f", "json"]) == 0
    )


def test_an_alias_and_its_style_id_share_the_cache(
    primed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["cite", "lerman2015local", "--style", "vancouver-nlm", "--mode", "citation"]
    assert fastpath.run(["--library", str(primed), *argv]) == 0
    assert capsys.readouterr().out == "(1)\n"


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard error on a terminal, where a long rendering would show a progress bar."""
    monkeypatch.setattr(fastpath.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm")


@pytest.mark.parametrize("argv", UNCACHED)
def test_an_uncached_citation_is_rendered_here_as_the_cli_renders_it(
    runner: CliRunner,
    library: Library,
    library_path: Path,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = answered_as_the_cli_answers(runner, library_path, argv, capsys)
    assert "Lerman" in out or out in ("(1)\n", "[1]\n")


def test_on_a_terminal_only_the_cache_is_served(
    library: Library,
    library_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = ["--library", str(library_path), "cite", "--style", "ieee"]
    with monkeypatch.context() as terminal:
        on_a_terminal(terminal)
        assert fastpath.run(argv) is None  # a rendering: the CLI, with its progress bar
        assert capsys.readouterr() == ("", "")
    assert fastpath.run(argv) == 0  # piped: rendered here, and cached
    rendered = capsys.readouterr().out
    assert rendered.startswith("[1]")
    with monkeypatch.context() as terminal:
        on_a_terminal(terminal)
        assert fastpath.run(argv) == 0
        assert capsys.readouterr().out == rendered


def test_a_failure_while_rendering_is_left_to_the_cli_to_report(
    library: Library,
    library_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sarcref import citing

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(citing, "cite_library", broken)
    assert fastpath.run(["--library", str(library_path), "cite", "--style", "ieee"]) is None
    assert capsys.readouterr() == ("", "")


def test_a_changed_record_misses_the_cache(
    primed: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    record = library.get("lerman2015local")
    record.csl["title"] = "Changed"
    library.update(record)
    assert fastpath.run(["--library", str(primed), "cite"]) == 0
    assert "Changed" in capsys.readouterr().out


def test_a_cached_cite_as_a_process(tmp_path: Path) -> None:
    first = run_sarcref("cite", "--style", "vancouver", cwd=tmp_path)
    again = run_sarcref("cite", "--style", "vancouver", cwd=tmp_path)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout
    assert again.stdout.startswith("1. Lerman DM, Randall R.")
