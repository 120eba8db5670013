"""A long bibliography shared out over forked processes gives what one process gives."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import pytest

from sarcref.errors import RenderError
from sarcref.rendering import Processor, forking

from .fidelity_support import corpus, golden, normalize, style, style_ids

SUBSTITUTING = ["modern-language-association", "turabian-author-date"]  # ——— for repeats


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """Share out work from 4 records on, as if 8 CPUs were free; yields the forked slices."""
    monkeypatch.setattr(forking, "MINIMUM", 4)
    monkeypatch.setattr(forking, "MAXIMUM_WORKERS", 8)
    monkeypatch.setattr(forking, "available_cpus", lambda: 8)
    monkeypatch.delenv("SARCREF_WORKERS", raising=False)
    slices: list[tuple[int, int]] = []
    fork = forking._fork

    def counted(compute: Callable[[int, int], list[object]], start: int, end: int) -> object:
        slices.append((start, end))
        return fork(compute, start, end)

    monkeypatch.setattr(forking, "_fork", counted)
    yield slices


def in_one_process(style_id: str, fmt: str) -> list[str]:
    return Processor(style(style_id), corpus(), fmt=fmt).bibliography().entries


@pytest.mark.parametrize("style_id", style_ids())
def test_a_shared_out_bibliography_matches_citeproc_js(
    style_id: str, forks: list[tuple[int, int]]
) -> None:
    expected = golden()["styles"][style_id]["bibliography"]
    if expected is None:
        pytest.skip("the style has no bibliography")  # covered by test_fidelity
    bibliography = Processor(style(style_id), corpus(), fmt="text").bibliography()
    assert forks, "the work was not shared out"
    assert bibliography.ids == expected["ids"]
    assert [normalize("text", e) for e in bibliography.entries] == [
        normalize("text", e) for e in expected["text"]
    ]


@pytest.mark.parametrize("workers", [2, 3, 5, 8])
@pytest.mark.parametrize("style_id", SUBSTITUTING)
def test_author_substitution_carries_across_every_split(
    style_id: str, workers: int, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARCREF_WORKERS", "1")
    sequential = in_one_process(style_id, "html")
    assert forks == []
    monkeypatch.setenv("SARCREF_WORKERS", str(workers))
    shared = in_one_process(style_id, "html")
    assert len({start for start, _ in forks}) >= workers - 1
    assert shared == sequential
    assert any("———" in entry or "&#8212;&#8212;&#8212;" in entry for entry in shared)


def test_a_slice_starting_with_a_repeated_author_substitutes_it(
    forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    one_author = [
        {"id": f"doe{n}", "type": "book", "title": f"Volume {n:02d}",
         "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2000 + n]]}}
        for n in range(12)
    ]  # fmt: skip
    monkeypatch.setenv("SARCREF_WORKERS", "3")
    entries = Processor(style("modern-language-association"), one_author).bibliography().entries
    assert forks[0][0] == 4
    assert entries[0].startswith("Doe, Jane. ")
    assert all(entry.startswith("———. Volume") for entry in entries[1:])


def test_slices_come_back_in_order(forks: list[tuple[int, int]]) -> None:
    values = list(range(1000))
    assert forking.map_items(lambda n: n * n, values) == [n * n for n in values]
    assert len(forks) == 7


def test_a_slice_whose_child_fails_is_computed_by_the_parent(
    forks: list[tuple[int, int]],
) -> None:
    parent = os.getpid()

    def square_but_not_in_a_child(start: int, end: int) -> list[int]:
        if os.getpid() != parent:
            raise MemoryError("a child that cannot finish")
        return [n * n for n in range(start, end)]

    assert forking.map_slices(square_but_not_in_a_child, 100) == [n * n for n in range(100)]
    assert forks


def test_the_first_failing_record_is_the_one_reported(forks: list[tuple[int, int]]) -> None:
    def fail_from(bad: int) -> Callable[[int, int], list[int]]:
        def compute(start: int, end: int) -> list[int]:
            for n in range(start, end):
                if n >= bad:
                    raise RenderError(f"cannot render record {n}")
            return list(range(start, end))

        return compute

    with pytest.raises(RenderError, match="record 3$"):
        forking.map_slices(fail_from(3), 100)  # in the parent's own slice
    with pytest.raises(RenderError, match="record 60$"):
        forking.map_slices(fail_from(60), 100)  # in a child's slice
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child was reaped


def test_an_interrupt_in_the_parent_stops_and_reaps_the_children(
    forks: list[tuple[int, int]],
) -> None:
    parent = os.getpid()

    def interrupted_here(start: int, end: int) -> list[int]:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        threading.Event().wait(30)  # a child still at work
        return list(range(start, end))

    with pytest.raises(KeyboardInterrupt):
        forking.map_slices(interrupted_here, 100)
    assert len(forks) == 7
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # all killed and reaped, none left waiting 30 s


@pytest.mark.parametrize(
    "setting, size, expected",
    [("1", 1000, 1), ("2", 1000, 2), ("", 1000, 8), ("", 3, 1), ("", 9, 4), ("x", 1000, 8)],
)
def test_worker_count(
    setting: str, size: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forking, "MINIMUM", 4)
    monkeypatch.setattr(forking, "MAXIMUM_WORKERS", 8)
    monkeypatch.setattr(forking, "available_cpus", lambda: 8)
    monkeypatch.setenv("SARCREF_WORKERS", setting)
    assert forking.worker_count(size) == expected


def test_no_fork_while_another_thread_runs(forks: list[tuple[int, int]]) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forking.map_items(str, list(range(100))) == [str(n) for n in range(100)]
    finally:
        stop.set()
        thread.join()
    assert forks == []
