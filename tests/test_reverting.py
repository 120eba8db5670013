"""undo and restore: records put back as the journal kept them, times and tags included."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref import Library
from sarcref.errors import NotFoundError, UsageError

DOE = {
    "id": "doe2020",
    "type": "article-journal",
    "title": "Limb salvage in children",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2020]]},
    "DOI": "10.1000/doe",
}
ROE = {**DOE, "id": "roe2019", "title": "Radiotherapy timing", "DOI": "10.1000/roe"}


@pytest.fixture
def lib(library_path: Path) -> Library:
    library = Library(library_path, seed=False)
    library.add(DOE)
    library.add(ROE)
    return library


def stored(library: Library) -> dict[str, object]:
    return {r.key: r.to_json() for r in library.all()}


def test_undo_an_edit_puts_the_record_back_exactly(lib: Library) -> None:
    before = stored(lib)
    lib.edit("doe2020", ["title=Changed"], ["issued"])
    lib.undo()
    assert stored(lib) == before  # modified time included


def test_undo_can_be_undone(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])
    after = stored(lib)
    lib.undo()
    assert lib.get("doe2020").tags == []
    lib.undo()  # undoes the undo
    assert stored(lib) == after


def test_undo_an_insert_removes_it_and_undo_again_brings_it_back(lib: Library) -> None:
    before = stored(lib)
    lib.add({**DOE, "id": "new2021", "DOI": "10.1000/new"})
    added = stored(lib)
    lib.undo()
    assert stored(lib) == before
    lib.undo()
    assert stored(lib) == added


def test_undo_a_named_change(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])  # change 3
    lib.tag("roe2019", ["+y"])  # change 4
    lib.undo(3)
    assert (lib.get("doe2020").tags, lib.get("roe2019").tags) == ([], ["y"])


def test_undo_refuses_when_a_later_change_touched_the_records(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])  # 3
    lib.edit("doe2020", ["publisher=Wiley"])  # 4
    with pytest.raises(UsageError) as refused:
        lib.undo(3)
    assert "later changes (#4) touched 'doe2020'" in refused.value.message
    assert "--force" in (refused.value.hint or "")
    assert lib.get("doe2020").tags == ["x"]  # nothing changed


def test_undo_force_puts_the_records_back_anyway(lib: Library) -> None:
    lib.tag("doe2020", ["+x"])  # 3
    lib.edit("doe2020", ["publisher=Wiley"])  # 4
    lib.undo(3, force=True)
    record = lib.get("doe2020")
    assert record.tags == [] and "publisher" not in record.csl


def test_undo_a_removal_brings_the_records_back_with_their_tags(lib: Library) -> None:
    lib.tag("doe2020", ["+keep"])
    before = stored(lib)
    lib.remove(["doe2020", "roe2019"])
    lib.undo()
    assert stored(lib) == before


def test_undo_a_rename(lib: Library) -> None:
    before = stored(lib)
    lib.rename("doe2020", "doe2020limb")
    lib.undo()
    assert stored(lib) == before
    assert "doe2020limb" not in lib


def test_undo_a_merge_brings_the_other_record_and_the_aliases_back(lib: Library) -> None:
    before = stored(lib)
    lib.merge("doe2020", ["roe2019"])
    assert lib.get("roe2019").key == "doe2020"  # the alias finds the kept record
    lib.undo()
    assert stored(lib) == before
    assert lib.store.aliases_for("doe2020") == []
    assert lib.get("roe2019").key == "roe2019"


def test_undo_an_import(library_path: Path) -> None:
    from sarcref.importing import Source

    with Library(library_path, seed=False) as library:
        library.import_sources(
            [Source("a.bib", "@book{one, title={One}, year={2000}}\n@book{two, title={Two}}\n")]
        )
        assert len(library) == 2
        done = library.undo()
        assert len(library) == 0
        assert done.summary() == "removed one, two"


def test_nothing_to_undo(library_path: Path) -> None:
    with Library(library_path, seed=False) as library:
        with pytest.raises(NotFoundError, match="nothing to undo"):
            library.undo()
        with pytest.raises(NotFoundError, match="no change #7"):
            library.undo(7)


def test_undo_refuses_a_key_another_record_took(lib: Library) -> None:
    lib.rename("doe2020", "doe2020limb")  # 3
    lib.add({**DOE, "id": "doe2020", "title": "Another work", "DOI": "10.1000/other"})  # 4
    with pytest.raises(UsageError, match="another record has it"):
        lib.undo(3, force=True)
    assert lib.get("doe2020").title == "Another work"


def test_restore_brings_back_a_removed_record_with_its_tags(lib: Library) -> None:
    lib.tag("doe2020", ["+keep", "+sarcoma"])
    before = lib.get("doe2020").to_json()
    lib.remove(["doe2020"])
    lib.tag("roe2019", ["+later"])
    restored = lib.restore("doe2020")
    assert restored.tags == ["keep", "sarcoma"]
    assert lib.get("doe2020").to_json() == before
    assert lib.history()[0].records[0].action == "added"


def test_restore_takes_the_latest_removal(lib: Library) -> None:
    lib.remove(["doe2020"])
    lib.add({**DOE, "title": "Second version"})
    lib.remove(["doe2020"])
    assert lib.restore("doe2020").title == "Second version"


def test_restore_refuses_a_key_taken_now(lib: Library) -> None:
    lib.remove(["doe2020"])
    lib.add({**DOE, "title": "A new record under the old key"})
    with pytest.raises(UsageError, match="taken now") as refused:
        lib.restore("doe2020")
    assert refused.value.exit_code == 2


def test_restore_refuses_a_key_that_is_an_alias_now(lib: Library) -> None:
    lib.merge("doe2020", ["roe2019"])
    with pytest.raises(UsageError, match="merged into 'doe2020'"):
        lib.restore("roe2019")


def test_restore_of_a_key_never_removed(lib: Library) -> None:
    with pytest.raises(NotFoundError, match="no removed record 'nobody'"):
        lib.restore("nobody")


def test_restore_after_the_removal_was_pruned(lib: Library) -> None:
    from datetime import datetime, timezone

    lib.remove(["doe2020"])
    lib.prune_history(datetime(2999, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(NotFoundError):
        lib.restore("doe2020")
