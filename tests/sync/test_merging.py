"""sarcref's three-way merge, per record and per field (no git here)."""

from __future__ import annotations

from typing import Any

from sarcref.sync.merging import Conflict, merge_record, merge_tags, plan


def record(key: str = "doe2020", **fields: Any) -> dict[str, Any]:
    own = {
        "tags": fields.pop("tags", []),
        "added": fields.pop("added", "2020-01-01T00:00:00Z"),
        "modified": fields.pop("modified", "2020-01-01T00:00:00Z"),
    }
    data = {
        "id": key,
        "type": "article-journal",
        "title": "Limb salvage",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
        **fields,
        "sarcref": own,
    }
    return {k: v for k, v in data.items() if v is not None}


BASE = record()


def test_edits_to_different_fields_both_land() -> None:
    mine = record(publisher="Wiley", modified="2021-01-01T00:00:00Z")
    theirs = record(title="Limb salvage in children", modified="2021-02-01T00:00:00Z")
    merged = merge_record("doe2020", BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.record == record(
        publisher="Wiley", title="Limb salvage in children", modified="2021-02-01T00:00:00Z"
    )


def test_one_field_changed_to_different_values_is_a_conflict_keeping_mine() -> None:
    mine = record(title="Mine", publisher="Wiley")
    theirs = record(title="Theirs", volume="3")
    merged = merge_record("doe2020", BASE, mine, theirs)
    assert merged.conflicts == [Conflict("doe2020", "title", "Mine", "Theirs")]
    assert merged.record == record(title="Mine", publisher="Wiley", volume="3")


def test_a_field_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    merged = merge_record("doe2020", BASE, record(title=None), record(title="Theirs"))
    assert merged.conflicts == [Conflict("doe2020", "title", None, "Theirs")]
    assert merged.record is not None and "title" not in merged.record


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = record(title="Same")
    assert merge_record("doe2020", BASE, both, both).record == both
    merged = merge_record(
        "doe2020", BASE, record(title="Same", volume="1"), record(title="Same", issue="2")
    )
    assert merged.conflicts == []
    assert merged.record == record(title="Same", volume="1", issue="2")


def test_sarcrefs_own_fields_merge_one_by_one() -> None:
    base = record(tags=None)
    base["sarcref"]["note"] = "n"
    mine = record()
    mine["sarcref"].update(note="n", sources=[{"file": "a.bib"}])
    theirs = record()
    theirs["sarcref"].update(note="changed")
    merged = merge_record("doe2020", base, mine, theirs)
    assert merged.record is not None
    assert merged.record["sarcref"]["note"] == "changed"
    assert merged.record["sarcref"]["sources"] == [{"file": "a.bib"}]


def test_tags_merge_as_a_set() -> None:
    assert merge_tags(["a", "b", "c"], ["a", "b", "mine"], ["b", "c", "Theirs"]) == [
        "b",
        "mine",
        "Theirs",
    ]
    assert merge_tags([], ["Sarcoma"], ["sarcoma"]) == ["Sarcoma"]  # one tag, mine spelled
    merged = merge_record("doe2020", BASE, record(tags=["x"]), record(tags=["y"]))
    assert merged.conflicts == []
    assert merged.record is not None and merged.record["sarcref"]["tags"] == ["x", "y"]


def test_times_never_conflict() -> None:
    mine = record(volume="1", modified="2021-05-01T00:00:00Z")
    theirs = record(issue="2", added="2019-01-01T00:00:00Z", modified="2021-03-01T00:00:00Z")
    merged = merge_record("doe2020", BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.record is not None
    assert merged.record["sarcref"]["modified"] == "2021-05-01T00:00:00Z"
    assert merged.record["sarcref"]["added"] == "2019-01-01T00:00:00Z"


def test_removed_on_one_side_and_edited_on_the_other_is_kept_with_the_edit() -> None:
    edited = record(title="Edited")
    here = merge_record("doe2020", BASE, None, edited)
    assert (here.record, here.note) == (edited, "removed here, edited there: kept with the edit")
    there = merge_record("doe2020", BASE, edited, None)
    assert (there.record, there.note) == (edited, "removed there, edited here: kept with the edit")


def test_removed_on_one_side_and_untouched_on_the_other_is_removed() -> None:
    assert merge_record("doe2020", BASE, None, BASE).record is None
    assert merge_record("doe2020", BASE, BASE, None).record is None
    assert merge_record("doe2020", BASE, None, None).record is None


def test_added_on_one_side_only() -> None:
    assert merge_record("doe2020", None, BASE, None).record == BASE
    assert merge_record("doe2020", None, None, BASE).record == BASE


def nobody_taken() -> set[str]:
    return {"doe2020", "doe2020a"}


def test_one_key_added_on_both_sides_for_two_works_renames_mine() -> None:
    mine = record(title="Chemotherapy of osteosarcoma")
    theirs = record(title="Imaging of chondrosarcoma")
    result = plan({}, {"doe2020": mine}, {"doe2020": theirs}, nobody_taken)
    assert result.renames == [("doe2020", "doe2020b")]
    assert result.records["doe2020"] == theirs
    assert result.records["doe2020b"] == {**mine, "id": "doe2020b"}
    assert result.notes == [
        "doe2020: another work has this key in the shared library; "
        "this library's record is now 'doe2020b'"
    ]


def test_one_key_added_on_both_sides_for_one_work_is_combined() -> None:
    mine = record(DOI="10.1000/x", abstract="Short.", tags=["mine"])
    theirs = record(DOI="10.1000/X", abstract="A longer abstract.", tags=["theirs"], volume="4")
    result = plan({}, {"doe2020": mine}, {"doe2020": theirs}, nobody_taken)
    assert result.renames == []
    combined = result.records["doe2020"]
    assert combined is not None
    assert (combined["abstract"], combined["volume"]) == ("A longer abstract.", "4")
    assert combined["sarcref"]["tags"] == ["mine", "theirs"]
    assert result.notes == [
        "doe2020: added on both sides as one work (same DOI 10.1000/x): combined"
    ]


def test_the_same_record_added_on_both_sides_at_other_times_is_one_record() -> None:
    mine = record(added="2021-01-01T00:00:00Z", modified="2021-01-01T00:00:00Z")
    theirs = record(added="2021-02-01T00:00:00Z", modified="2021-02-01T00:00:00Z")
    result = plan({}, {"doe2020": mine}, {"doe2020": theirs}, nobody_taken)
    assert (result.renames, result.notes) == ([], [])
    assert result.records["doe2020"] == record(
        added="2021-01-01T00:00:00Z", modified="2021-02-01T00:00:00Z"
    )


def test_one_work_added_on_both_sides_under_two_keys_is_reported_not_merged() -> None:
    mine = record("doe2020", DOI="10.1000/x")
    theirs = record("doe2020limb", DOI="10.1000/x")
    result = plan({}, {"doe2020": mine}, {"doe2020limb": theirs}, nobody_taken)
    assert result.records == {"doe2020": mine, "doe2020limb": theirs}
    assert result.notes == [
        "doe2020: added here, and 'doe2020limb' added there look like one work "
        "(same DOI 10.1000/x); `sarcref merge doe2020limb doe2020` merges them"
    ]


def test_the_merge_does_not_depend_on_the_order_of_fields() -> None:
    mine = dict(reversed(list(record(volume="1").items())))
    theirs = record(issue="2")
    merged = merge_record("doe2020", BASE, mine, theirs)
    assert merged.record == record(volume="1", issue="2")
