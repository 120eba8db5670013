"""The repository's files: keys as file names (reversibly), records as stable JSON."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcref.errors import DataError
from sarcref.sync.files import (
    file_name,
    key_of,
    path_of,
    read_format,
    read_record,
    record_text,
    settings_text,
)


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("lerman2015local", "lerman2015local.json"),
        ("doe-2020_a.b", "doe-2020_a.b.json"),
        ("Doe2020", "%44oe2020.json"),
        ("doe:2020/x", "doe%3A2020%2Fx.json"),
        ("müller2019", "m%C3%BCller2019.json"),
        (".hidden", "%2Ehidden.json"),
        ("con", "%63on.json"),  # a device name on Windows
        ("nul.x", "%6Eul.x.json"),
        ("a%20b", "a%2520b.json"),
    ],
)
def test_keys_become_safe_file_names_and_come_back(key: str, name: str) -> None:
    assert file_name(key) == name
    assert key_of(f"records/{name}") == key


@given(st.text(min_size=1, max_size=60))
def test_every_key_round_trips_and_keys_differing_in_case_stay_apart(key: str) -> None:
    try:
        name = file_name(key)
    except DataError as error:
        # Too long once escaped (a file name holds 255 bytes): said, never cut short; a key
        # of up to 78 bytes always fits, escaped three characters a byte.
        assert "too long to be a file name" in error.message
        assert len(key.encode("utf-8")) > 78
        return
    assert key_of(f"records/{name}") == key
    assert name == name.lower() or "%" in name  # only escapes carry upper case
    assert "/" not in name and "\\" not in name and ":" not in name
    other = key.swapcase()
    if other != key:
        assert file_name(other).lower() != name.lower()


def test_paths_that_are_not_records() -> None:
    for path in ("sarcref.toml", "records/a.txt", "records/sub/a.json", "other/a.json"):
        assert key_of(path) is None
    assert path_of("a") == "records/a.json"


def test_a_key_too_long_for_a_file_name() -> None:
    with pytest.raises(DataError, match="too long"):
        file_name("x" * 300)


def test_a_change_to_one_field_is_a_one_line_diff() -> None:
    record = {
        "id": "doe2020",
        "type": "book",
        "title": "A book",
        "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "R"}],
        "sarcref": {"tags": ["b", "a"], "added": "2020-01-01T00:00:00Z"},
    }
    changed = {**record, "author": [{"family": "Doe", "given": "Janet"}, record["author"][1]]}
    lines = [
        line
        for line in difflib.unified_diff(
            record_text(record).splitlines(), record_text(changed).splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert lines == ['-      "given": "Jane"', '+      "given": "Janet"']
    assert record_text(record).startswith('{\n  "author": [\n')  # sorted keys


def test_a_record_file_is_read_back_and_checked() -> None:
    text = record_text({"id": "doe2020", "type": "book", "title": "A", "sarcref": {"tags": []}})
    assert read_record(text.encode(), "records/doe2020.json")["title"] == "A"
    with pytest.raises(DataError, match="records/x.json"):
        read_record(text.encode(), "records/x.json")  # the name says another key
    with pytest.raises(DataError, match="not valid JSON"):
        read_record(b"{", "records/doe2020.json")
    with pytest.raises(DataError, match="type"):
        read_record(b'{"id": "doe2020", "type": "nonsense"}', "records/doe2020.json")


def test_the_format_file() -> None:
    assert read_format(settings_text().encode(), "r") == 1
    with pytest.raises(DataError, match="newer sarcref"):
        read_format(b"format = 2\n", "r")
    with pytest.raises(DataError, match="not a shared sarcref library"):
        read_format(None, "r")
