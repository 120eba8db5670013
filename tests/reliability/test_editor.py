"""`sarcref edit KEY` in $EDITOR never loses the user's edit, nor a change made meanwhile."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import run_sarcref


def editor_env(tmp_path: Path, body: str) -> dict[str, str]:
    """$EDITOR: a Python script running *body* with `path` (the file) and `text` (its text)."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import os, subprocess, sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n" + body + "\n"
    )
    return {
        "EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}",
        "VISUAL": "",
        "TMPDIR": str(tmp_path),
    }


def kept_file(stderr: str) -> Path:
    """The file an error message says the edit is kept in."""
    marker = "your edit is kept in "
    assert marker in stderr, stderr
    return Path(stderr.split(marker, 1)[1].split(";", 1)[0].strip())


def test_a_change_made_while_the_editor_was_open_is_not_overwritten(
    lib: Path, tmp_path: Path
) -> None:
    # The "editor" tags the record through another sarcref command, then saves its edit.
    body = (
        f"subprocess.run([sys.executable, '-m', 'sarcref', '--library', {str(lib)!r}, 'tag',"
        " 'knudson1971', '+meanwhile'], check=True)\n"
        'path.write_text(text.replace(\'"title": "Mutation\', \'"title": "Edited\'))'
    )
    done = run_sarcref(
        "--library", str(lib), "edit", "knudson1971", cwd=tmp_path, env=editor_env(tmp_path, body)
    )
    assert done.returncode == 3, done.stderr
    assert "was changed by another command while you edited it" in done.stderr
    kept = kept_file(done.stderr)
    assert '"title": "Edited' in kept.read_text()
    with Library(lib) as library:
        record = library.get("knudson1971")
    assert record.tags == ["meanwhile"]
    assert record.title.startswith("Mutation")
    # Applied after a look, with --from:
    applied = run_sarcref(
        "--library", str(lib), "edit", "knudson1971", "--from", str(kept), cwd=tmp_path
    )
    assert applied.returncode == 0, applied.stderr
    with Library(lib) as library:
        assert library.get("knudson1971").title.startswith("Edited")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("path.write_text(text.replace('1971', '1972'))\nsys.exit(2)", "exited with status 2"),
        ("path.unlink()", "is gone"),
        ("path.unlink()\npath.mkdir()", "is now a folder"),
        ("path.write_bytes(text.encode() + b'\\xff\\xfe')", "is not UTF-8"),
        ("path.write_text(text.replace('}', ']', 1))", "not valid JSON"),
    ],
)
def test_an_editor_that_fails_leaves_the_record_and_says_what_happened(
    lib: Path, tmp_path: Path, body: str, says: str
) -> None:
    before = Library(lib).get("knudson1971").to_json()
    done = run_sarcref(
        "--library", str(lib), "edit", "knudson1971", cwd=tmp_path, env=editor_env(tmp_path, body)
    )
    assert done.returncode == 3, done.stderr
    assert says in done.stderr
    assert "'knudson1971' is unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert Library(lib).get("knudson1971").to_json() == before
    if "exited" in says:
        assert "1972" in kept_file(done.stderr).read_text()  # the user's edit is kept


def test_an_editor_command_that_cannot_be_read_or_run_is_a_usage_error(
    lib: Path, tmp_path: Path
) -> None:
    unbalanced = run_sarcref(
        "--library",
        str(lib),
        "edit",
        "knudson1971",
        cwd=tmp_path,
        env={"EDITOR": "vim 'oops", "VISUAL": ""},
    )
    assert unbalanced.returncode == 2
    assert "cannot read the editor command" in unbalanced.stderr
    missing = run_sarcref(
        "--library",
        str(lib),
        "edit",
        "knudson1971",
        cwd=tmp_path,
        env={"EDITOR": "/nonexistent/editor", "VISUAL": ""},
    )
    assert missing.returncode == 2
    assert "cannot start the editor" in missing.stderr


def test_no_editor_and_no_terminal_is_exit_2_never_a_hang(lib: Path, tmp_path: Path) -> None:
    done = run_sarcref(
        "--library",
        str(lib),
        "edit",
        "knudson1971",
        cwd=tmp_path,
        env={"EDITOR": "", "VISUAL": ""},
        input="",
    )
    assert done.returncode == 2
    assert "no editor" in done.stderr
