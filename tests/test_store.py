"""The SQLite file: migrations, first-run load, foreign files, concurrency, crashes."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sarcref import DataError, Library, Record
from sarcref.store import APPLICATION_ID, MIGRATIONS, Store


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_record(key: str, title: str = "A title") -> Record:
    return Record.from_json({"id": key, "type": "book", "title": title})


def test_new_library_is_migrated_and_marked_as_sarcref(library_path: Path) -> None:
    Library(library_path).close()
    db = sqlite3.connect(library_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"records", "tags", "records_fts", "citation_cache", "meta"} <= tables


def test_first_use_loads_the_bundled_record_exactly_once(library_path: Path) -> None:
    with Library(library_path) as lib:
        assert lib.created
        assert lib.keys() == ["lerman2015local"]
        lib.remove(["lerman2015local"])
    with Library(library_path) as lib:
        assert not lib.created
        assert len(lib) == 0


def test_opening_again_does_not_migrate_or_write(library_path: Path) -> None:
    Library(library_path).close()
    before = sha256(library_path)
    with Library(library_path) as lib:
        assert lib.keys() == ["lerman2015local"]
    assert sha256(library_path) == before


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"@article{x, title={Not a library}}\n", "it is a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "it is not an SQLite database"),
    ],
)
def test_a_file_that_is_not_a_library_is_reported_and_left_byte_identical(
    library_path: Path, content: bytes, what: str
) -> None:
    library_path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        Library(library_path)
    assert f"{library_path} is not a sarcref library: {what}" == caught.value.message
    assert library_path.read_bytes() == content
    assert not Path(f"{library_path}-wal").exists()


def test_another_programs_sqlite_database_is_not_touched(library_path: Path) -> None:
    other = sqlite3.connect(library_path)
    other.execute("CREATE TABLE moz_places (url TEXT)")
    other.commit()
    other.close()
    before = sha256(library_path)
    expected = r"an SQLite database but not a sarcref library \(tables: moz_places\)"
    with pytest.raises(DataError, match=expected):
        Library(library_path)
    assert sha256(library_path) == before


def test_an_empty_file_becomes_a_new_library(library_path: Path) -> None:
    library_path.write_bytes(b"")
    with Library(library_path) as lib:
        assert lib.keys() == ["lerman2015local"]


def test_a_library_from_a_newer_sarcref_is_refused(library_path: Path) -> None:
    Library(library_path).close()
    db = sqlite3.connect(library_path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(DataError, match="written by a newer sarcref"):
        Library(library_path)


def test_a_damaged_library_is_reported(library_path: Path) -> None:
    Library(library_path).close()
    data = bytearray(library_path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the first is garbage
    library_path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="is damaged"):
        with Library(library_path) as lib:
            lib.all()


def test_a_directory_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is a directory"):
        Library(tmp_path)


def test_a_failed_write_leaves_the_library_as_it_was(library: Library) -> None:
    with pytest.raises(RuntimeError):
        with library.transaction():
            library.add(make_record("first"))
            raise RuntimeError("boom")
    assert library.keys() == ["lerman2015local"]


def test_removing_an_unknown_key_removes_nothing(library: Library) -> None:
    library.add(make_record("kept"))
    with pytest.raises(Exception, match="no record with key 'nope'"):
        library.remove(["kept", "nope"])
    assert library.keys() == ["lerman2015local", "kept"]


def test_search_index_follows_every_change(library: Library) -> None:
    def indexed() -> list[str]:
        rows = library.store.db.execute("SELECT key FROM records_fts ORDER BY rowid")
        return [key for (key,) in rows]

    library.add(make_record("b1", "Bone sarcoma"))
    assert indexed() == ["lerman2015local", "b1"]
    record = library.get("b1")
    record.csl["title"] = "Soft tissue"
    library.update(record)
    hits = library.store.db.execute(
        "SELECT key FROM records_fts WHERE records_fts MATCH 'soft'"
    ).fetchall()
    assert hits == [("b1",)]
    library.remove(["b1"])
    assert indexed() == ["lerman2015local"]


WRITER = textwrap.dedent(
    """
    import sys, time
    from sarcref import Library, Record
    path, prefix, count, hold = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    with Library(path, seed=False) as lib:
        with lib.transaction():
            for i in range(count):
                lib.add(Record.from_json({"id": f"{prefix}{i}", "type": "book", "title": "t"}))
            print("in-transaction", flush=True)
            time.sleep(hold)
    print("done", flush=True)
    """
)


def start_writer(path: Path, prefix: str, count: int, hold: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count), str(hold)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_both_succeed_one_waits(library_path: Path) -> None:
    Library(library_path).close()
    first = start_writer(library_path, "a", 50, 1.0)
    assert first.stdout is not None and first.stdout.readline() == "in-transaction\n"
    second = start_writer(library_path, "b", 50, 0.0)
    out_a, err_a = first.communicate(timeout=60)
    out_b, err_b = second.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0), err_a + err_b
    with Library(library_path) as lib:
        assert len(lib) == 101


def test_a_killed_writer_leaves_the_library_intact_and_unchanged(library_path: Path) -> None:
    Library(library_path).close()
    writer = start_writer(library_path, "k", 2000, 30.0)
    assert writer.stdout is not None and writer.stdout.readline() == "in-transaction\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    db = sqlite3.connect(library_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with Library(library_path) as lib:
        assert lib.keys() == ["lerman2015local"]


def test_an_interrupted_write_rolls_back(library_path: Path) -> None:
    Library(library_path).close()
    writer = start_writer(library_path, "i", 500, 30.0)
    assert writer.stdout is not None and writer.stdout.readline() == "in-transaction\n"
    writer.send_signal(signal.SIGINT)
    writer.wait(timeout=30)
    assert writer.returncode != 0
    time.sleep(0.1)
    with Library(library_path) as lib:
        assert lib.keys() == ["lerman2015local"]


def test_in_memory_store_has_the_same_schema() -> None:
    store = Store(":memory:")
    assert store.count() == 0
    store.insert(make_record("m1"))
    assert store.keys() == ["m1"]


def test_a_kept_listing_follows_every_change(library: Library) -> None:
    store = library.store
    assert store.listing() == b"lerman2015local\n"
    library.add(
        {"id": "doe2020", "type": "book", "title": "A book", "issued": {"date-parts": [[2020]]}}
    )
    assert store.listing() == b"lerman2015local\ndoe2020\n"
    assert store.listing("key", rows=True).decode().splitlines()[0].split("\t")[:2] == [
        "doe2020",
        "2020",
    ]
    library.rename("doe2020", "roe2020")
    assert store.listing() == b"lerman2015local\nroe2020\n"
    library.remove(["roe2020"])
    assert store.listing() == b"lerman2015local\n"
    store.cache_put_many({"k": "v"})  # a rendered citation is not a record: the listing stays
    assert store.listing() == b"lerman2015local\n"


def test_key_lists_longer_than_one_sqlite_statement_are_asked_in_chunks(
    library_path: Path,
) -> None:
    # SQLite caps the parameters of one statement; 1,234 keys take three chunks of 500.
    store = Store(library_path)
    try:
        keys = [f"doe{n:04}" for n in range(1234)]
        store.insert_many([make_record(key) for key in keys])
        wanted = keys[::-1] + ["nobody"]
        assert [record.key for record in store.get_many(wanted)] == keys[::-1]
        assert [row[0] for row in store.iter_rows(keys=wanted)] == keys[::-1]
        assert [key for key, _ in store.content_hashes(wanted)] == keys[::-1]
        assert store.aliases_of(wanted) == {}
    finally:
        store.close()
