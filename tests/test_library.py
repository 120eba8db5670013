"""The Python API: ``sarcref.Library`` as a script would use it."""

from __future__ import annotations

from pathlib import Path

import pytest

import sarcref
from sarcref import DataError, Library, NotFoundError, Record, UsageError


def test_library_opens_the_path_given(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "mine.sqlite"
    with Library(path) as lib:
        assert lib.path == path
        assert "lerman2015local" in lib
    assert path.exists()


def test_library_without_a_path_uses_the_environment(tmp_path: Path) -> None:
    with Library() as lib:
        assert lib.path == tmp_path / "library.sqlite"


def test_in_memory_library_starts_empty_unless_seeded() -> None:
    assert len(Library.in_memory()) == 0
    assert Library.in_memory(seed=True).keys() == ["lerman2015local"]


def test_get_unknown_key_suggests_close_keys() -> None:
    lib = Library.in_memory(seed=True)
    with pytest.raises(NotFoundError) as caught:
        lib.get("lerman2015")
    assert caught.value.exit_code == 1
    assert caught.value.hint == "did you mean lerman2015local?"


def test_add_get_update_remove() -> None:
    lib = Library.in_memory()
    added = lib.add({"id": "doe2020", "type": "book", "title": "First", "sarcref": {"tags": ["x"]}})
    assert added.added is not None
    record = lib.get("doe2020")
    assert (record.title, record.tags) == ("First", ["x"])
    record.csl["title"] = "Second"
    lib.update(record)
    assert lib.get("doe2020").title == "Second"
    assert lib.remove(["doe2020"]) == ["doe2020"]
    assert len(lib) == 0


def test_a_key_is_taken_once() -> None:
    lib = Library.in_memory()
    lib.add(Record.from_json({"id": "k", "type": "book"}))
    with pytest.raises(DataError, match="key 'k' already exists"):
        lib.add(Record.from_json({"id": "k", "type": "book"}))


def test_get_many_keeps_the_order_and_names_every_unknown_key() -> None:
    lib = Library.in_memory()
    for key in ("a", "b", "c"):
        lib.add({"id": key, "type": "book"})
    assert [r.key for r in lib.get_many(["c", "a"])] == ["c", "a"]
    with pytest.raises(NotFoundError, match="no record with keys 'x', 'y'"):
        lib.get_many(["a", "x", "y"])


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("added", ["b2001", "a1999", "c"]),
        ("key", ["a1999", "b2001", "c"]),
        ("year", ["a1999", "b2001", "c"]),
        ("-year", ["b2001", "a1999", "c"]),
        ("author", ["a1999", "b2001", "c"]),
        ("title", ["c", "b2001", "a1999"]),
    ],
)
def test_all_sorts(sort: str, expected: list[str]) -> None:
    lib = Library.in_memory()
    lib.add(
        {
            "id": "b2001",
            "type": "book",
            "title": "Beta",
            "author": [{"family": "Ávila"}],
            "issued": {"date-parts": [[2001]]},
        }
    )
    lib.add(
        {
            "id": "a1999",
            "type": "book",
            "title": "Gamma",
            "author": [{"family": "Aaron"}],
            "issued": {"date-parts": [[1999]]},
        }
    )
    lib.add({"id": "c", "type": "book", "title": "alpha"})
    assert [r.key for r in lib.all(sort)] == expected


def test_unknown_sort_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown sort 'size'"):
        Library.in_memory().all("size")


def test_package_exports_the_api() -> None:
    assert sarcref.Library is Library
    assert set(sarcref.__all__) >= {"Library", "Record", "SarcrefError"}
    with pytest.raises(AttributeError):
        sarcref.nothing  # noqa: B018


def test_the_user_folders_are_platformdirs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from sarcref.paths import user_folder

    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    assert user_folder("data") == platformdirs.user_data_path("sarcref")
    assert user_folder("config") == platformdirs.user_config_path("sarcref")
    assert user_folder("cache") == platformdirs.user_cache_path("sarcref")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/elsewhere")
    assert user_folder("config") == platformdirs.user_config_path("sarcref")
