"""The change journal: one entry per write, with each record's state before and after."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.errors import DataError, UsageError
from sarcref.importing import Source
from sarcref.journal import UNDO, parse_before, size
from sarcref.records import Record

DOE = {
    "id": "doe2020",
    "type": "article-journal",
    "title": "Limb salvage in children",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2020]]},
}
ROE = {**DOE, "id": "roe2019", "title": "Radiotherapy timing", "issued": {"date-parts": [[2019]]}}


@pytest.fixture
def lib(library_path: Path) -> Library:
    library = Library(library_path, seed=False, command="sarcref test")
    library.add(DOE)
    return library


def test_a_new_library_starts_with_an_empty_journal(library: Library) -> None:
    # The bundled record is where a library starts, not a change to undo.
    assert "lerman2015local" in library
    assert library.history() == []


def test_an_added_record_is_one_entry_with_the_command_line_and_no_stored_state(
    lib: Library,
) -> None:
    [entry] = lib.history()
    assert (entry.id, entry.command, entry.kind, entry.undoes) == (
        1,
        "sarcref test",
        "command",
        None,
    )
    [change] = entry.records
    assert (change.action, change.key, change.before, change.after) == (
        "added",
        "doe2020",
        None,
        None,
    )
    assert entry.time.endswith("Z")


def test_the_python_api_is_named_when_no_command_line_is_given(library_path: Path) -> None:
    with Library(library_path, seed=False) as library:
        library.add(DOE)
        assert library.history()[0].command == "python API"


def test_an_edit_keeps_the_record_before_and_after_field_by_field(lib: Library) -> None:
    lib.command = "sarcref edit doe2020 --set title=New --unset issued"
    lib.edit("doe2020", ["title=New"], ["issued"])
    entry = lib.history()[0]
    assert entry.command == "sarcref edit doe2020 --set title=New --unset issued"
    [change] = entry.records
    assert change.action == "changed"
    assert change.before is not None and change.before.record["title"] == DOE["title"]
    fields = {f.field: (f.before, f.after) for f in change.fields()}
    # modified always moves: not listed as a field change.
    assert fields == {
        "title": (DOE["title"], "New"),
        "issued": ({"date-parts": [[2020]]}, None),
    }


def test_tags_are_a_field_of_the_change(lib: Library) -> None:
    lib.tag("doe2020", ["+Sarcoma", "+review"])
    [change] = lib.history()[0].records
    assert [(f.field, f.before, f.after) for f in change.fields()] == [
        ("sarcref.tags", [], ["review", "Sarcoma"])
    ]


def test_a_transaction_of_several_commands_is_one_entry(lib: Library) -> None:
    lib.add(ROE)
    with lib.transaction():
        lib.tag("doe2020", ["+a"])
        lib.tag("roe2019", ["+a"])
        lib.edit("doe2020", ["publisher=Springer"])
    entry = lib.history()[0]
    assert [(c.key, c.action) for c in entry.records] == [
        ("doe2020", "changed"),
        ("roe2019", "changed"),
    ]
    # The first touch keeps the state before; the end of the transaction the state after.
    doe = entry.records[0]
    assert {f.field for f in doe.fields()} == {"sarcref.tags", "publisher"}


def test_a_failed_command_leaves_no_entry(lib: Library) -> None:
    with pytest.raises(UsageError), lib.transaction():
        lib.tag("doe2020", ["+kept-only-if-committed"])
        raise UsageError("the command fails after a change")
    assert len(lib.history()) == 1
    assert lib.get("doe2020").tags == []


def test_a_removal_keeps_the_whole_record(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])
    lib.remove(["doe2020"])
    [change] = lib.history()[0].records
    assert change.action == "removed"
    assert change.before is not None
    assert change.before.record["title"] == DOE["title"]
    assert change.before.record["sarcref"]["tags"] == ["x"]


def test_a_rename_names_both_keys_and_history_finds_it_under_either(lib: Library) -> None:
    lib.rename("doe2020", "doe2020limb")
    [change] = lib.history()[0].records
    assert (change.action, change.key, change.new_key) == ("renamed", "doe2020", "doe2020limb")
    assert [e.id for e in lib.history("doe2020")] == [2, 1]
    assert [e.id for e in lib.history("doe2020limb")] == [2]


def test_a_merge_keeps_the_removed_record_and_the_aliases_moved(lib: Library) -> None:
    lib.add({**DOE, "id": "doe2020b", "DOI": "10.1000/x"})
    lib.merge("doe2020", ["doe2020b"])
    entry = lib.history()[0]
    by_key = {c.key: c for c in entry.records}
    assert by_key["doe2020b"].action == "removed"
    kept = by_key["doe2020"]
    assert kept.after is not None and kept.after.aliases == ["doe2020b"]
    assert ("aliases", None, ["doe2020b"]) in [(f.field, f.before, f.after) for f in kept.fields()]


def test_an_import_is_one_entry_whatever_its_size(library_path: Path) -> None:
    bib = "".join(
        f"@article{{entry{n}, title={{Work number {n}}}, author={{Doe, Jane}}, year={{2001}}}}\n"
        for n in range(60)
    )
    with Library(library_path, seed=False, command="sarcref import refs.bib") as library:
        library.import_sources([Source("refs.bib", bib)])
        [entry] = library.history()
        assert entry.count == 60
        assert {c.action for c in entry.records} == {"added"}
        assert entry.summary() == "added entry0, entry1, entry2 and 57 more"
        assert entry.counts == {"added": 60}
        assert len(entry.records) == 50  # the first 50 in detail


def test_import_with_on_duplicate_update_keeps_the_records_before(library_path: Path) -> None:
    with Library(library_path, seed=False) as library:
        library.add({**DOE, "DOI": "10.1000/doe"})
        library.import_records(
            [Record.from_json({**DOE, "publisher": "Wiley"})],
            on_duplicate="update",
        )
        [change] = library.history()[0].records
        assert ("publisher", None, "Wiley") in [
            (f.field, f.before, f.after) for f in change.fields()
        ]


def test_the_citation_cache_is_not_journaled(lib: Library) -> None:
    lib.cache_output("some-key", "Doe J. Limb salvage.")
    assert len(lib.history()) == 1


def test_history_of_a_key_and_limits(lib: Library) -> None:
    lib.add(ROE)
    lib.tag("roe2019", ["+a"])
    lib.tag("doe2020", ["+b"])
    assert [e.id for e in lib.history()] == [4, 3, 2, 1]
    assert [e.id for e in lib.history(limit=2)] == [4, 3]
    assert [e.id for e in lib.history("roe2019")] == [3, 2]
    assert lib.history("nobody") == []
    with pytest.raises(UsageError):
        lib.history(limit=0)


def test_undo_is_journaled_as_an_undo_of_its_entry(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])
    done = lib.undo()
    assert (done.kind, done.undoes) == (UNDO, 2)
    assert lib.history()[0].id == done.id


def test_parse_before_takes_dates_and_days() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_before("90d", now=now) == datetime(2024, 2, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_before("2024-01-31", now=now) == datetime(2024, 1, 31, tzinfo=timezone.utc)
    assert parse_before("2024-01-31T10:00:00Z") == datetime(2024, 1, 31, 10, tzinfo=timezone.utc)
    for bad in ("yesterday", "90", "d", "-5d", "2024-13-01"):
        with pytest.raises(UsageError):
            parse_before(bad, now=now)


def test_prune_drops_old_entries_only(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])
    assert lib.prune_history("2000-01-01") == (0, 0)
    assert len(lib.history()) == 2
    assert lib.prune_history(datetime(2999, 1, 1, tzinfo=timezone.utc)) == (2, 0)
    assert lib.history() == []
    assert lib.get("doe2020").tags == ["x"]  # the records stay as they are


def test_prune_keeps_what_a_sync_has_not_sent(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])
    lib.tag("doe2020", ["+y"])
    # As a sync leaves it: the journal entries up to 1 are in the shared repository.
    lib.store.set_meta({"sync.remote": "/elsewhere", "sync.change": "1"})
    assert lib.prune_history(datetime(2999, 1, 1, tzinfo=timezone.utc)) == (1, 2)
    assert [e.id for e in lib.history()] == [3, 2]


def test_an_import_of_many_records_costs_little_journal(library_path: Path) -> None:
    records = [
        {**DOE, "id": f"doe{n}", "title": f"Work number {n} on limb salvage", "abstract": "x" * 300}
        for n in range(400)
    ]
    with Library(library_path, seed=False) as library:
        library.import_records([Record.from_json(r) for r in records])
        entries, stored = size(library.store)
        assert entries == 1
        # A key and a few numbers a record: far below the records' own JSON.
        assert stored < 400 * 40
        library.remove([f"doe{n}" for n in range(400)])
        _, after_rm = size(library.store)
        # The removed records are kept compressed.
        assert 400 * 40 < after_rm - stored < sum(len(str(r)) for r in records)


def test_store_writes_open_their_own_transaction_and_are_journaled(lib: Library) -> None:
    # Every store write opens its own transaction: the journal cannot be bypassed.
    lib.store.delete(["doe2020"])
    assert lib.history()[0].records[0].action == "removed"
    with pytest.raises(DataError):
        lib.store.replace(Record.from_json({**DOE, "id": "nobody"}))
