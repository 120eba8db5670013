"""Global options, help, version, the error sink and exit codes."""

from __future__ import annotations

from pathlib import Path

from sarcref import __version__
from tests.helpers import invoke, run_sarcref


def test_version() -> None:
    result = invoke(["--version"])
    assert (result.exit_code, result.stdout) == (0, f"sarcref {__version__}\n")


def test_version_as_a_process_matches(tmp_path: Path) -> None:
    for flag in ("--version", "-V"):
        done = run_sarcref(flag, cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (0, f"sarcref {__version__}\n", "")


def test_help_lists_every_command() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    for command in ("show", "list", "rm"):
        assert command in result.stdout
    assert "--library" in result.stdout


def test_no_arguments_shows_help() -> None:
    result = invoke([])
    assert "Usage" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    result = invoke(["list", "--frobnicate"])
    assert result.exit_code == 2
    assert "no such option: --frobnicate" in result.stderr


def test_library_option_wins_over_the_environment(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.sqlite"
    result = invoke(["--library", str(chosen), "list", "--format", "keys"])
    assert (result.exit_code, result.stdout) == (0, "lerman2015local\n")
    assert chosen.exists()
    assert not (tmp_path / "library.sqlite").exists()


def test_not_a_library_exits_3_and_names_the_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = invoke(["--library", str(notes), "list"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert f"Error: {notes} is not a sarcref library: it is a text file" in result.stderr
    assert "left untouched" in result.stderr
    assert notes.read_text() == "my notes\n"


def test_errors_have_no_traceback_unless_debug(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    quiet = run_sarcref("--library", str(notes), "list", cwd=tmp_path)
    assert quiet.returncode == 3
    assert "Traceback" not in quiet.stderr
    loud = run_sarcref("--debug", "--library", str(notes), "list", cwd=tmp_path)
    assert "Traceback" in loud.stderr
    assert "DataError" in loud.stderr


def test_first_run_in_a_new_home_uses_the_user_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "newhome"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "SARCREF_LIBRARY": ""}
    done = run_sarcref("show", "lerman2015local", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Local control of metastatic sarcoma\n")
    assert (home / "data" / "sarcref" / "library.sqlite").exists()


def test_piped_output_has_no_ansi_codes(tmp_path: Path) -> None:
    done = run_sarcref("list", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in done.stdout
    assert "─" not in done.stdout


def test_completion_offers_library_keys(tmp_path: Path) -> None:
    env = {
        "_SARCREF_COMPLETE": "complete_bash",
        "COMP_WORDS": "sarcref show ler",
        "COMP_CWORD": "2",
    }
    done = run_sarcref(cwd=tmp_path, env=env)
    assert "lerman2015local" in done.stdout


def test_show_completion_script() -> None:
    result = invoke(["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "_SARCREF_COMPLETE" in result.stdout or "complete" in result.stdout


def test_a_process_runs_one_command_and_still_helps_with_all(tmp_path: Path) -> None:
    listed = run_sarcref("--help", cwd=tmp_path)
    for command in ("cite", "export", "import", "list", "rm", "search", "show", "styles", "tag"):
        assert f"  {command} " in listed.stdout
    typo = run_sarcref("shwo", "lerman2015local", cwd=tmp_path)
    assert typo.returncode == 2
    assert "no such command 'shwo'; did you mean show?" in typo.stderr
    shown = run_sarcref("--debug", "show", "lerman2015local", "--format", "csl-json", cwd=tmp_path)
    assert shown.returncode == 0 and '"id": "lerman2015local"' in shown.stdout
