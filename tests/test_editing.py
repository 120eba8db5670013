"""Changing a record: --set/--unset values, tags, and the editor round trip."""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

import pytest

from sarcref import DataError, Library, UsageError
from sarcref.editing import apply_changes, change_tags, edit_in_editor, field_value


def test_names_dates_and_text_are_parsed_and_validated() -> None:
    assert field_value("author", "Lerman, Daniel M. and {World Health Organization}") == [
        {"family": "Lerman", "given": "Daniel M."},
        {"literal": "World Health Organization"},
    ]
    assert field_value("issued", "2015-01") == {"date-parts": [[2015, 1]]}
    assert field_value("title", "Sarcoma -- a review") == "Sarcoma -- a review"
    for field, value, message in [
        ("issued", "2015-13", "issued: '2015-13' is not a date"),
        ("issued", "January 2015", "issued: 'January 2015' is not a date"),
        ("type", "novel", "'novel' is not a CSL item type"),
        ("titel", "x", "unknown field 'titel'"),
        ("id", "new", "the key is not a field"),
        ("author", " ", 'author needs at least one name: "Family, Given and ..."'),
    ]:
        with pytest.raises(UsageError) as caught:
            field_value(field, value)
        assert caught.value.message == message


def test_apply_changes_sets_and_unsets_without_touching_the_original(library: Library) -> None:
    record = library.get("lerman2015local")
    changed = apply_changes(record, ["volume=28", "issued=2016"], ["language", "abstract"])
    assert (changed.csl["volume"], changed.year) == ("28", 2016)
    assert "language" not in changed.csl and "abstract" not in changed.csl
    assert record.csl["volume"] == "27"


def test_library_edit_keeps_search_in_step(library: Library) -> None:
    library.edit("lerman2015local", ["title=Whales and sharks"], [])
    hits = library.store.db.execute(
        "SELECT rowid FROM records_fts WHERE records_fts MATCH 'whales'"
    ).fetchall()
    assert len(hits) == 1
    assert library.get("lerman2015local").title == "Whales and sharks"


def test_tags_are_added_and_removed() -> None:
    from sarcref import Record

    record = Record(key="k", csl={"type": "book"}, tags=["old", "keep"])
    assert change_tags(record, ["+new", "-old", "bare"]).tags == ["bare", "keep", "new"]
    assert change_tags(record, ["+two  words"]).tags == ["keep", "old", "two words"]
    for empty in ("+a,b", "", " ", "+", "-"):  # "" was an IndexError (exit 70)
        with pytest.raises(UsageError, match="a tag holds no , or ;"):
            change_tags(record, [empty])


def test_tags_are_one_whatever_their_case() -> None:
    from sarcref import Record

    record = Record(key="k", csl={"type": "book"}, tags=["To-Read"])
    assert change_tags(record, ["+to-read", "+Later"]).tags == ["Later", "To-Read"]
    assert change_tags(record, ["-TO-READ"]).tags == []


def editor(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make $EDITOR a Python script that runs *body* with the file's text as `text`."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n" + body + "\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where edited files are kept


def test_the_editor_changes_fields_and_tags(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(
        tmp_path,
        'path.write_text(text.replace(\'"volume": "27"\', \'"volume": "99"\')'
        ".replace('\"tags\": []', '\"tags\": [\"read\"]'), encoding='utf-8')",
        monkeypatch,
    )
    record = library.get("lerman2015local")
    outcome = edit_in_editor(record)
    assert outcome is not None
    edited, kept = outcome
    assert (edited.csl["volume"], edited.tags, edited.added) == ("99", ["read"], record.added)
    assert kept.exists()  # until the caller has stored the edit


def test_an_unchanged_file_means_no_change(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, "pass", monkeypatch)
    assert edit_in_editor(library.get("lerman2015local")) is None


def test_an_invalid_edit_changes_nothing_and_keeps_the_users_text(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, "path.write_text(text.replace('article-journal', 'novel'))", monkeypatch)
    with pytest.raises(DataError) as caught:
        edit_in_editor(library.get("lerman2015local"))
    assert "'novel' is not a CSL item type; 'lerman2015local' is unchanged" in caught.value.message
    hint = caught.value.hint or ""
    kept = Path(hint.removeprefix("your edit is kept in ").partition(";")[0])
    assert f"sarcref edit lerman2015local --from {kept}" in hint
    assert kept.parent == tmp_path
    assert '"type": "novel"' in kept.read_text(encoding="utf-8")


def test_a_changed_key_or_an_aborted_editor_is_refused(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, "path.write_text(text.replace('lerman2015local', 'other'))", monkeypatch)
    with pytest.raises(DataError, match="the key is 'lerman2015local' and cannot change"):
        edit_in_editor(library.get("lerman2015local"))
    editor(tmp_path, "sys.exit(1)", monkeypatch)
    with pytest.raises(DataError, match="the editor exited with status 1; 'lerman2015local'"):
        edit_in_editor(library.get("lerman2015local"))
