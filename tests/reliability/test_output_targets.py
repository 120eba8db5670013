"""--output never replaces the library, and writes what a path names the way it must be
written: through symbolic links, in place for hard links, straight into devices and FIFOs."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.helpers import run_sarcref
from tests.reliability.conftest import snapshot


@pytest.mark.parametrize("command", [["export", "--format", "bibtex"], ["cite"]])
def test_no_output_path_ever_replaces_the_library(
    lib: Path, tmp_path: Path, command: list[str]
) -> None:
    before = snapshot(lib)
    link = tmp_path / "link.bib"
    link.symlink_to(lib)
    (tmp_path / "sub").mkdir()
    for target in (lib, tmp_path / "sub" / ".." / lib.name, link, Path(f"{lib}-wal")):
        done = run_sarcref("--library", str(lib), *command, "--output", str(target), cwd=tmp_path)
        assert done.returncode == 2, (target, done.stderr)
        assert "is the library file" in done.stderr
        assert done.stdout == ""
        assert snapshot(lib) == before
    relative = run_sarcref(
        "--library", str(lib), *command, "-o", f"sub/../{lib.name}", cwd=tmp_path
    )
    assert relative.returncode == 2
    assert snapshot(lib) == before


def test_a_symlinked_file_is_written_through_and_stays_a_link(lib: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "refs.bib"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "refs.bib"
    link.symlink_to(real)
    done = run_sarcref(
        "--library", str(lib), "export", "-f", "bibtex", "-o", str(link), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert "@article{knudson1971," in real.read_text()


def test_a_hard_linked_file_keeps_its_twin(lib: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.bib"
    one.write_text("old\n")
    twin = tmp_path / "twin.bib"
    os.link(one, twin)
    done = run_sarcref("--library", str(lib), "export", "-f", "ris", "-o", str(one), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert twin.read_text() == one.read_text()
    assert "TY  - JOUR" in twin.read_text()
    assert os.stat(one).st_ino == os.stat(twin).st_ino


def test_permissions_of_an_existing_file_are_kept(lib: Path, tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    target.write_text("[]\n")
    target.chmod(0o640)
    done = run_sarcref(
        "--library", str(lib), "export", "-f", "csl-json", "-o", str(target), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_devices_are_written_into_not_replaced(lib: Path, tmp_path: Path) -> None:
    done = run_sarcref("--library", str(lib), "cite", "-o", "/dev/null", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    to_stdout = run_sarcref(
        "--library", str(lib), "cite", "knudson1971", "-o", "/dev/stdout", cwd=tmp_path
    )
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout.startswith("Knudson, A. G. (1971).")


def test_a_fifo_is_written_into(lib: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = run_sarcref("--library", str(lib), "export", "-f", "ris", "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"TY  - JOUR" in received[0]


def test_a_folder_or_a_full_device_is_a_clear_error(lib: Path, tmp_path: Path) -> None:
    folder = run_sarcref("--library", str(lib), "cite", "-o", str(tmp_path), cwd=tmp_path)
    assert (folder.returncode, folder.stdout) == (2, "")
    assert f"{tmp_path} is a folder" in folder.stderr
    full = run_sarcref("--library", str(lib), "cite", "-o", "/dev/full", cwd=tmp_path)
    assert full.returncode == 3
    assert "cannot write /dev/full: No space left on device" in full.stderr
    assert "Traceback" not in full.stderr


@pytest.mark.parametrize(
    "command",
    [["cite"], ["export", "--format", "bibtex"], ["list"], ["show", "knudson1971"]],
)
def test_a_full_standard_output_is_exit_3_naming_the_cause(
    lib: Path, tmp_path: Path, command: list[str]
) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "sarcref", "--library", str(lib), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 3, done.stderr
    assert "cannot write to standard output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
