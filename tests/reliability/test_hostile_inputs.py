"""Input that tries to break sarcref: every case is a message and a documented exit code."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from sarcref import DataError, Library
from sarcref import store as store_module
from tests.helpers import invoke, run_sarcref
from tests.reliability.conftest import snapshot


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["search", "x", "--limit", str(2**63)], 2, "--limit: 9223372036854775808 is out of range"),
        (["search", "x", "--limit", "1e3"], 2, "--limit: '1e3' is not a whole number"),
        (["search", "year:"], 2, "year: needs a value"),
        (["search", "sarcoma", "title:"], 2, "title: needs a value"),
        (["search", "NOT " * 50 + "sarcoma"], 0, ""),
        (
            ["search", "sarcoma " + "-(b AND year:2000 AND " * 40 + "c" + ")" * 40],
            2,
            "about 15 levels",
        ),
        (["cite", "--locale", "en-US/../../x"], 2, "is not a locale tag"),
        (["cite", "--style", "/dev/zero"], 2, "is not a regular file"),
        (["cite", "--style", "/"], 2, "is a folder"),
    ],
)
def test_hostile_options_and_queries(lib: Path, argv: list[str], code: int, says: str) -> None:
    result = invoke(["--library", str(lib), *argv])
    assert result.exit_code == code, result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_a_repeated_term_costs_what_one_does(lib: Path) -> None:
    from sarcref.query import parse

    assert parse(" OR ".join(["sarcoma"] * 400)) == parse("sarcoma")
    result = invoke(["--library", str(lib), "search", " OR ".join(["sarcoma"] * 400), "-f", "keys"])
    assert (result.exit_code, result.stdout) == (0, "lerman2015local\n")


@pytest.mark.parametrize("make", ["device", "fifo", "folder"])
def test_a_library_path_that_is_not_a_file_is_refused_untouched(tmp_path: Path, make: str) -> None:
    path = {"device": Path("/dev/null"), "fifo": tmp_path / "pipe", "folder": tmp_path}[make]
    if make == "fifo":
        os.mkfifo(path)
    done = run_sarcref("--library", str(path), "list", cwd=tmp_path)
    assert done.returncode == 3
    assert str(path) in done.stderr
    assert "Traceback" not in done.stderr


def test_a_library_through_a_symlink_keeps_its_journal_beside_the_real_file(
    lib: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere" / "link.sqlite"
    link.parent.mkdir()
    link.symlink_to(lib)
    done = run_sarcref("--library", str(link), "tag", "knudson1971", "+linked", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (link.parent / "link.sqlite-wal").exists()
    assert Library(lib).get("knudson1971").tags == ["linked"]


def test_a_library_of_a_newer_sarcref_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "newer.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {len(store_module.MIGRATIONS) + 5}")
    db.execute("CREATE TABLE records (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    before = path.read_bytes()
    done = run_sarcref("--library", str(path), "list", cwd=tmp_path)
    assert done.returncode == 3
    assert "written by a newer sarcref" in done.stderr
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()  # not even switched to WAL


def test_a_read_only_library_still_answers_reading_commands(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root every file is writable, so the read-only view is what this process is told;
    # SQLite then opens the file read-only for real.
    monkeypatch.setattr(store_module, "_writable", lambda target: False)
    before = snapshot(lib)
    assert invoke(["--library", str(lib), "list", "-f", "keys"]).exit_code == 0
    assert invoke(["--library", str(lib), "search", "cancer", "-f", "keys"]).exit_code == 0
    cited = invoke(["--library", str(lib), "cite", "knudson1971", "--style", "ieee"])
    assert (cited.exit_code, cited.stdout.startswith("[1] A. G. Knudson")) == (0, True)
    written = invoke(["--library", str(lib), "tag", "knudson1971", "+x"])
    assert written.exit_code == 3
    assert f"the library {lib} is read-only" in written.stderr
    assert snapshot(lib) == before


def test_a_full_disk_is_named_as_such(lib: Path) -> None:
    with Library(lib) as library, pytest.raises(DataError) as caught, library.store.write():
        raise sqlite3.OperationalError("database or disk is full")  # as SQLite reports it
    assert caught.value.message == f"no space left on the device holding the library {lib}"
