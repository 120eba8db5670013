"""Libraries syncing through a bare repository, with real git: every merge case."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.errors import DataError, NotFoundError, TemporaryFailure, UsageError
from sarcref.sync import engine
from sarcref.sync.engine import connect, resolve, status, sync
from tests.sync.conftest import MakeLibrary, records, work


def show(remote: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "--git-dir", str(remote), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_first_sync_writes_one_file_per_record_and_nothing_else(
    make_library: MakeLibrary, remote: Path
) -> None:
    a = make_library("a")
    a.add(work("doe2020", "Limb salvage"))
    a.add(work("Roe:2019", "Radiotherapy"))
    a.tag("doe2020", ["+sarcoma"])
    report = sync(a)
    assert (report.sent, report.received, report.exit_code) == (["Roe:2019", "doe2020"], [], 0)
    files = show(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert files == ["records/%52oe%3A2019.json", "records/doe2020.json", "sarcref.toml"]
    stored = json.loads(show(remote, "show", "main:records/doe2020.json"))
    assert stored == a.get("doe2020").to_json()
    assert show(remote, "show", "main:sarcref.toml").endswith("format = 1\n")
    assert show(remote, "rev-list", "--count", "main") == "1\n"


def test_one_commit_per_sync_listing_the_commands(make_library: MakeLibrary, remote: Path) -> None:
    a = make_library("a")
    sync(a)
    a.command = "sarcref add 10.1000/x"
    a.add(work("doe2020", "Limb salvage"))
    a.command = "sarcref tag doe2020 +a"
    a.tag("doe2020", ["+a"])
    sync(a)
    message = show(remote, "log", "-1", "--format=%B", "main")
    assert message.startswith("sarcref sync from ")
    assert "Z sarcref add 10.1000/x\n" in message
    assert "Z sarcref tag doe2020 +a\n" in message
    assert show(remote, "rev-list", "--count", "main") == "2\n"
    # Nothing new: no commit.
    assert sync(a).sent == []
    assert show(remote, "rev-list", "--count", "main") == "2\n"


def test_edits_to_different_fields_of_one_record_both_land(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["publisher=Wiley"])
    b.edit("doe2020", ["volume=12"])
    b.tag("doe2020", ["+b-tag"])
    a.tag("doe2020", ["+a-tag"])
    sync(a)
    assert sync(b).exit_code == 0
    sync(a)
    record = a.get("doe2020")
    assert (record.csl["publisher"], record.csl["volume"]) == ("Wiley", "12")
    assert record.tags == ["a-tag", "b-tag"]
    assert records(a) == records(b)


def test_a_conflict_keeps_mine_records_theirs_and_is_settled(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["title=Title from a", "volume=1"])
    b.edit("doe2020", ["title=Title from b", "issue=2"])
    sync(a)
    report = sync(b)
    assert report.exit_code == 1
    [conflict] = report.conflicts
    assert (conflict.key, conflict.field, conflict.mine, conflict.theirs) == (
        "doe2020",
        "title",
        "Title from b",
        "Title from a",
    )
    assert "conflict: doe2020 title: kept 'Title from b', the other side has 'Title from a'" in (
        report.lines()
    )
    # The rest of the record merged: the conflict stopped nothing.
    assert (b.get("doe2020").csl["volume"], b.get("doe2020").csl["issue"]) == ("1", "2")
    assert sync(b).exit_code == 1  # still waiting to be settled
    sync(a)
    assert records(a) == records(b)
    with pytest.raises(NotFoundError):
        resolve(a, "doe2020", ["theirs"])  # the conflict is b's to settle
    record, fields = resolve(b, "doe2020", ["theirs"])
    assert (record.title, fields) == ("Title from a", ["title"])
    assert sync(b).exit_code == 0
    sync(a)
    assert a.get("doe2020").title == "Title from a"
    assert records(a) == records(b)


@pytest.mark.parametrize(
    ("take", "title"),
    [(["mine"], "Title from b"), (["title=A third title"], "A third title")],
)
def test_resolve_mine_or_a_value(make_library: MakeLibrary, take: list[str], title: str) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["title=Title from a"])
    b.edit("doe2020", ["title=Title from b"])
    sync(a)
    sync(b)
    resolve(b, "doe2020", take)
    assert engine.conflicts(b) == []
    sync(b)
    sync(a)
    assert a.get("doe2020").title == b.get("doe2020").title == title


def test_resolve_refuses_what_it_cannot_do(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["title=A"])
    b.edit("doe2020", ["title=B"])
    sync(a)
    sync(b)
    for take in (["volume=3"], ["mine", "theirs"], ["whatever"], []):
        with pytest.raises(UsageError):
            resolve(b, "doe2020", take)
    assert len(engine.conflicts(b)) == 1


def test_removed_on_one_side_and_edited_on_the_other_is_kept(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    a.add(work("roe2019", "Radiotherapy"))
    sync(a)
    sync(b)
    a.remove(["doe2020"])
    b.edit("doe2020", ["volume=3"])
    b.remove(["roe2019"])
    a.edit("roe2019", ["issue=4"])
    sync(a)
    report = sync(b)
    assert "doe2020: removed there, edited here: kept with the edit" in report.notes
    assert "roe2019: removed here, edited there: kept with the edit" in report.notes
    sync(a)
    assert a.get("doe2020").csl["volume"] == "3"
    assert a.get("roe2019").csl["issue"] == "4"
    assert records(a) == records(b)


def test_a_record_removed_on_one_side_goes_everywhere(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    b.remove(["doe2020"])
    sync(b)
    assert sync(a).received == ["doe2020"]
    assert "doe2020" not in a
    # ... and the journal keeps it: restore brings it back, and the next sync sends it.
    a.restore("doe2020")
    sync(a)
    sync(b)
    assert "doe2020" in b


def test_a_key_added_on_both_sides_for_two_works_is_renamed(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    sync(a)
    sync(b)
    a.add(work("doe2020", "Chemotherapy of osteosarcoma"))
    b.add(work("doe2020", "Imaging of chondrosarcoma"))
    b.tag("doe2020", ["+mine"])
    sync(a)
    report = sync(b)
    assert report.notes == [
        "doe2020: another work has this key in the shared library; "
        "this library's record is now 'doe2020a'"
    ]
    assert b.get("doe2020a").title == "Imaging of chondrosarcoma"
    assert b.get("doe2020a").tags == ["mine"]
    assert b.get("doe2020").title == "Chemotherapy of osteosarcoma"
    sync(a)
    assert records(a) == records(b)
    assert len(a) == 2


def test_one_work_imported_on_both_sides_is_recognised(make_library: MakeLibrary) -> None:
    a, b = make_library("a"), make_library("b")
    sync(a)
    sync(b)
    a.add(work("doe2020", "Limb salvage", DOI="10.1000/limb", volume="3"))
    b.add(work("doe2020", "Limb salvage", DOI="10.1000/LIMB", abstract="An abstract."))
    a.add(work("roe2019", "Radiotherapy timing", DOI="10.1000/rt"))
    b.add(work("roe2019rt", "Radiotherapy timing", DOI="10.1000/rt"))
    sync(a)
    report = sync(b)
    assert report.notes == [
        "doe2020: added on both sides as one work (same DOI 10.1000/limb): combined",
        "roe2019rt: added here, and 'roe2019' added there look like one work "
        "(same DOI 10.1000/rt); `sarcref merge roe2019 roe2019rt` merges them",
    ]
    combined = b.get("doe2020")
    assert (combined.csl["volume"], combined.csl["abstract"]) == ("3", "An abstract.")
    sync(a)
    assert records(a) == records(b)
    assert sorted(a.keys()) == ["doe2020", "roe2019", "roe2019rt"]


def test_the_same_record_added_on_both_sides_at_other_times_is_one(
    make_library: MakeLibrary,
) -> None:
    a, b = make_library("a"), make_library("b")
    times = {"added": "2021-01-01T00:00:00Z", "modified": "2021-01-01T00:00:00Z"}
    a.add({**work("doe2020", "Limb salvage"), "sarcref": times})
    later = {"added": "2022-01-01T00:00:00Z", "modified": "2022-01-01T00:00:00Z"}
    b.add({**work("doe2020", "Limb salvage"), "sarcref": later})
    sync(a)
    assert sync(b).notes == []
    sync(a)
    assert records(a) == records(b)
    record = b.get("doe2020")
    assert (record.added, record.modified) == ("2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z")


def test_three_libraries_end_with_the_same_records(make_library: MakeLibrary) -> None:
    libraries = [make_library(name) for name in "abc"]
    for n, library in enumerate(libraries):
        library.add(work(f"w{n}", f"Work {n}"))
    for library in [*libraries, *libraries[:2]]:  # the first ones take the later ones' works
        sync(library)
    assert records(libraries[0]) == records(libraries[1]) == records(libraries[2])
    libraries[0].edit("w1", ["volume=1"])
    libraries[1].edit("w2", ["issue=2"])
    libraries[2].remove(["w0"])
    for library in [*libraries, *libraries]:
        sync(library)
    assert records(libraries[0]) == records(libraries[1]) == records(libraries[2])
    assert sorted(libraries[0].keys()) == ["w1", "w2"]


def test_a_push_overtaken_by_another_library_merges_again(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["volume=1"])
    b.edit("doe2020", ["issue=2"])
    overtaken = []

    def b_syncs_first(name: str) -> None:
        # Between a's fetch and a's push, b pushes: a's push is rejected once.
        if name == "sync-fetched" and not overtaken:
            overtaken.append(name)
            sync(b)

    monkeypatch.setattr(engine, "pause_point", b_syncs_first)
    report = sync(a)
    assert report.attempts == 2
    monkeypatch.undo()
    sync(b)
    assert records(a) == records(b)
    assert (a.get("doe2020").csl["volume"], a.get("doe2020").csl["issue"]) == ("1", "2")


def test_no_network_is_exit_75_and_nothing_is_lost(
    make_library: MakeLibrary, remote: Path, tmp_path: Path
) -> None:
    a = make_library("a")
    sync(a)
    a.add(work("doe2020", "Limb salvage"))
    away = tmp_path / "unmounted.git"
    remote.rename(away)  # the remote cannot be reached (a missing mount, no network)
    with pytest.raises(TemporaryFailure) as failed:
        sync(a)
    assert failed.value.exit_code == 75
    assert f"cannot reach {remote}" in failed.value.message
    assert status(a).unsent == 1
    away.rename(remote)
    assert sync(a).sent == ["doe2020"]
    assert status(a).unsent == 0


def test_an_unreachable_url_is_exit_75(make_library: MakeLibrary) -> None:
    a = make_library("a")
    a.store.set_meta({"sync.remote": "http://127.0.0.1:9/nothing.git"})
    with pytest.raises(TemporaryFailure):
        sync(a)


def test_an_interrupted_sync_completes_next_time(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    a.edit("doe2020", ["volume=1"])
    b.edit("doe2020", ["issue=2"])
    sync(b)

    def stop(name: str) -> None:
        if name == "sync-pushed":
            raise KeyboardInterrupt  # after the push, before the library notes it

    monkeypatch.setattr(engine, "pause_point", stop)
    with pytest.raises(KeyboardInterrupt):
        sync(a)
    monkeypatch.undo()
    assert status(a).unsent > 0
    assert sync(a).sent == []  # the push had landed: nothing to send again
    sync(b)
    assert records(a) == records(b)


def test_the_clone_is_made_again_when_removed(make_library: MakeLibrary) -> None:
    import shutil

    a = make_library("a")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    shutil.rmtree(status(a).clone)
    a.edit("doe2020", ["volume=1"])
    assert sync(a).sent == ["doe2020"]


def test_stale_git_locks_are_cleared(make_library: MakeLibrary) -> None:
    a = make_library("a")
    sync(a)
    clone = status(a).clone
    lock = clone / "refs" / "remotes" / "origin" / "main.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("left by a killed git")
    a.add(work("doe2020", "Limb salvage"))
    assert sync(a).sent == ["doe2020"]
    assert not lock.exists()


def test_the_clone_lives_in_the_user_data_folder(make_library: MakeLibrary, tmp_path: Path) -> None:
    clone = status(make_library("a")).clone
    assert clone.is_relative_to(tmp_path / "home" / ".local" / "share" / "sarcref" / "sync")
    assert (clone / "HEAD").exists()


def test_sync_of_a_library_not_connected(library: Library) -> None:
    with pytest.raises(UsageError, match="not shared yet"):
        sync(library)


def test_init_refuses_a_repository_that_is_not_a_shared_library(
    library: Library, tmp_path: Path, git: str
) -> None:
    other = tmp_path / "code"
    subprocess.run([git, "init", "--quiet", str(other)], check=True)
    (other / "README").write_text("code\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
    }
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run([git, "-C", str(other), "add", "README"], check=True)
    subprocess.run([git, "-C", str(other), "commit", "-qm", "code"], check=True, env=env)
    branch = subprocess.run(
        [git, "-C", str(other), "branch", "--show-current"], capture_output=True, text=True
    ).stdout.strip()
    with pytest.raises(DataError, match="not a shared sarcref library"):
        connect(library, str(other), branch=branch)
    with pytest.raises(UsageError, match="no repository at"):
        connect(library, str(tmp_path / "missing.git"))
    with pytest.raises(UsageError, match="no repository at"):  # was OSError ENAMETOOLONG
        connect(library, "x" * 3000)
    # git would read it as an option and run the command it names
    with pytest.raises(UsageError, match="it starts with '-'"):
        connect(library, "--upload-pack=touch pwned:x")
    with pytest.raises(UsageError, match="branch name"):
        connect(library, str(other), branch="bad branch")


def test_a_newer_repository_format_is_refused(make_library: MakeLibrary, remote: Path) -> None:
    a, b = make_library("a"), make_library("b")
    sync(a)
    status_a = status(a)
    from sarcref.sync.git import Git

    git = Git(status_a.clone)
    newer = git.commit(
        "refs/test", status_a.commit, "newer", {"sarcref.toml": b"format = 9\n"}, ("t", "t@t")
    )
    git.run("push", str(remote), f"{newer}:refs/heads/main")
    b.add(work("doe2020", "Limb salvage"))
    with pytest.raises(DataError, match="newer sarcref"):
        sync(b)
    assert "doe2020" in b


def test_sync_needs_git_2_30(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "git"
    script.write_text("#!/bin/sh\necho 'git version 2.20.1'\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    with pytest.raises(UsageError, match="git 2.30 or newer; this is git version 2.20.1"):
        connect(library, str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(UsageError, match="git was not found"):
        connect(library, str(tmp_path))


def test_init_again_keeps_the_last_synced_state(make_library: MakeLibrary, remote: Path) -> None:
    a, b = make_library("a"), make_library("b")
    a.add(work("doe2020", "Limb salvage"))
    sync(a)
    sync(b)
    b.remove(["doe2020"])
    sync(b)
    connect(a, str(remote))  # by mistake, again: a's next sync still knows doe2020 was synced
    assert sync(a).received == ["doe2020"]
    assert "doe2020" not in a


def test_one_sync_of_a_library_at_a_time(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    a = make_library("a")
    clone = status(a).clone
    # Another sync of this library (or a git it started, outliving it) holds the lock.
    with open(clone.with_name(clone.name + ".lock"), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        monkeypatch.setattr(engine, "LOCK_WAIT_SECONDS", 0.2)
        with pytest.raises(TemporaryFailure, match="another sync of this library"):
            sync(a)
    assert sync(a).exit_code == 0
