"""`sarcref history`, `sarcref undo` and `sarcref restore` on the command line."""

from __future__ import annotations

import json

from sarcref import Library
from tests.helpers import invoke


def test_every_writing_command_leaves_its_command_line(library: Library) -> None:
    assert invoke(["tag", "lerman2015local", "+sarcoma"]).exit_code == 0
    assert invoke(["edit", "lerman2015local", "--set", "publisher=Wolters Kluwer"]).exit_code == 0
    assert invoke(["rename", "lerman2015local", "lerman2015"]).exit_code == 0
    assert invoke(["rm", "lerman2015", "--yes"]).exit_code == 0
    result = invoke(["history", "--format", "json"])
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    assert [e["command"] for e in entries] == [
        "sarcref rm lerman2015 --yes",
        "sarcref rename lerman2015local lerman2015",
        "sarcref edit lerman2015local --set 'publisher=Wolters Kluwer'",
        "sarcref tag lerman2015local +sarcoma",
    ]
    assert [e["id"] for e in entries] == [4, 3, 2, 1]
    assert entries[2]["records"] == [
        {
            "key": "lerman2015local",
            "action": "changed",
            "fields": [{"field": "publisher", "before": None, "after": "Wolters Kluwer"}],
        }
    ]
    assert entries[1]["records"] == [
        {"key": "lerman2015local", "action": "renamed", "new_key": "lerman2015"}
    ]


def test_history_lists_what_changed_field_by_field(library: Library) -> None:
    invoke(["edit", "lerman2015local", "--set", "title=Local control"])
    result = invoke(["history"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("#1  ")
    assert lines[0].endswith("  sarcref edit lerman2015local --set 'title=Local control'")
    assert lines[1:] == [
        "    changed lerman2015local",
        '      lerman2015local title: "Local control of metastatic sarcoma" -> "Local control"',
    ]


def test_history_of_a_key_and_its_limit(library: Library) -> None:
    library.add({"id": "doe2020", "type": "book", "title": "A book"})
    invoke(["tag", "doe2020", "+a"])
    invoke(["tag", "lerman2015local", "+b"])
    invoke(["tag", "doe2020", "+c"])
    keys = invoke(["history", "doe2020", "-f", "json"])
    assert [e["id"] for e in json.loads(keys.stdout)] == [4, 2, 1]
    limited = invoke(["history", "--limit", "1", "-f", "json"])
    assert [e["id"] for e in json.loads(limited.stdout)] == [4]


def test_an_empty_history_is_exit_1(library: Library) -> None:
    result = invoke(["history"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no changes in the journal yet" in result.stderr
    assert invoke(["history", "nobody"]).exit_code == 1


def test_history_prune(library: Library) -> None:
    invoke(["tag", "lerman2015local", "+a"])
    kept = invoke(["history", "--prune", "2000-01-01"])
    assert (kept.exit_code, kept.stderr) == (0, "dropped 0 changes older than 2000-01-01\n")
    dropped = invoke(["history", "--prune", "2999-01-01"])
    assert dropped.stderr == "dropped 1 changes older than 2999-01-01\n"
    assert invoke(["history"]).exit_code == 1
    bad = invoke(["history", "--prune", "last week"])
    assert bad.exit_code == 2
    assert "neither a date nor a number of days" in bad.stderr
    assert invoke(["history", "lerman2015local", "--prune", "90d"]).exit_code == 2


def test_undo_and_undo_again(library: Library) -> None:
    invoke(["tag", "lerman2015local", "+a"])
    undone = invoke(["undo"])
    assert undone.exit_code == 0
    assert undone.stderr == (
        "undid change #1 (sarcref tag lerman2015local +a): changed lerman2015local; "
        "this undo is change #2 (`sarcref undo` reverts it)\n"
    )
    assert library.get("lerman2015local").tags == []
    assert invoke(["undo", "#2"]).exit_code == 0
    assert library.get("lerman2015local").tags == ["a"]


def test_undo_refusals_and_force(library: Library) -> None:
    invoke(["tag", "lerman2015local", "+a"])
    invoke(["tag", "lerman2015local", "+b"])
    refused = invoke(["undo", "1"])
    assert refused.exit_code == 2
    assert "later changes (#2) touched 'lerman2015local'" in refused.stderr
    assert library.get("lerman2015local").tags == ["a", "b"]
    assert invoke(["undo", "1", "--force"]).exit_code == 0
    assert library.get("lerman2015local").tags == []
    assert invoke(["undo", "99"]).exit_code == 1
    assert invoke(["undo", "one"]).exit_code == 2


def test_restore_a_removed_record(library: Library) -> None:
    invoke(["tag", "lerman2015local", "+keep"])
    invoke(["rm", "lerman2015local", "--yes"])
    restored = invoke(["restore", "lerman2015local"])
    assert (restored.exit_code, restored.stderr) == (
        0,
        "restored lerman2015local with its tags keep\n",
    )
    assert library.get("lerman2015local").tags == ["keep"]
    taken = invoke(["restore", "lerman2015local"])
    assert taken.exit_code == 2
    assert "taken now" in taken.stderr
    assert invoke(["restore", "nobody2020"]).exit_code == 1


def test_other_commands_print_what_they_printed(library: Library) -> None:
    # The journal is silent: a writing command's output is as before.
    tagged = invoke(["tag", "lerman2015local", "+a"])
    assert (tagged.stdout, tagged.stderr) == ("", "lerman2015local: a\n")
    removed = invoke(["rm", "lerman2015local", "--yes"])
    assert removed.stderr == "removed 1 record(s): lerman2015local\n"
