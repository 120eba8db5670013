"""Worker processes: the policy (how many) and the two ways of running work in them."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import pytest

from sarcref import workers
from sarcref.errors import RenderError


@pytest.fixture
def eight_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MAXIMUM_WORKERS", 8)
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    monkeypatch.delenv("SARCREF_WORKERS", raising=False)


@pytest.fixture
def forks(eight_cpus: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """The slices handed to forked children."""
    slices: list[tuple[int, int]] = []
    fork = workers._fork

    def counted(work: Callable[[], object], start: int = 0, end: int = 0) -> object:
        slices.append((start, end))
        return fork(work, start, end)

    monkeypatch.setattr(workers, "_fork", counted)
    yield slices


# -- the policy -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "setting, size, expected",
    [("1", 1000, 1), ("2", 1000, 2), ("", 1000, 8), ("", 3, 1), ("", 9, 4), ("x", 1000, 8)],
)
def test_worker_count(
    eight_cpus: None, setting: str, size: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARCREF_WORKERS", setting)
    assert workers.worker_count(size, minimum=4) == expected


def test_no_more_workers_than_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "available_cpus", lambda: 2)
    monkeypatch.setenv("SARCREF_WORKERS", "16")
    assert workers.worker_limit() == 2
    monkeypatch.setattr(workers, "available_cpus", lambda: 1)
    assert workers.worker_count(10_000, minimum=4) == 1


def test_no_fork_while_another_thread_runs(forks: list[tuple[int, int]]) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not workers.fork_is_safe()
        assert workers.map_items(str, list(range(100)), 4) == [str(n) for n in range(100)]
    finally:
        stop.set()
        thread.join()
    assert forks == []


# -- sharing a job out over forks -------------------------------------------------------------
def test_slices_come_back_in_order(forks: list[tuple[int, int]]) -> None:
    values = list(range(1000))
    assert workers.map_items(lambda n: n * n, values, 4) == [n * n for n in values]
    assert len(forks) == 7


def test_a_slice_whose_child_fails_is_computed_by_the_parent(
    forks: list[tuple[int, int]],
) -> None:
    parent = os.getpid()

    def square_but_not_in_a_child(start: int, end: int) -> list[int]:
        if os.getpid() != parent:
            raise MemoryError("a child that cannot finish")
        return [n * n for n in range(start, end)]

    assert workers.map_slices(square_but_not_in_a_child, 100, 4) == [n * n for n in range(100)]
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
        workers.map_slices(fail_from(3), 100, 4)  # in the parent's own slice
    with pytest.raises(RenderError, match="record 60$"):
        workers.map_slices(fail_from(60), 100, 4)  # in a child's slice
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
        workers.map_slices(interrupted_here, 100, 4)
    assert len(forks) == 7
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # all killed and reaped, none left waiting 30 s


def test_without_a_process_to_be_had_the_parent_does_it_all(
    eight_cpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(workers.os, "fork", no_fork)
    assert workers.map_items(lambda n: -n, list(range(50)), 4) == [-n for n in range(50)]


# -- one call aside ---------------------------------------------------------------------------
def test_a_call_aside_runs_in_a_fork_where_that_is_safe(forks: list[tuple[int, int]]) -> None:
    with workers.Aside("os", "getpid") as aside:
        pid = aside.result()
    assert forks and isinstance(pid, int) and pid != os.getpid()


def test_a_call_aside_runs_in_a_fresh_interpreter_where_a_fork_is_not_safe(
    eight_cpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "fork_is_safe", lambda: False)
    with workers.Aside("operator", "add", 2, 3) as aside:
        assert aside.process is not None
        assert aside.result() == 5


def test_a_call_aside_that_fails_has_no_result(
    eight_cpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with workers.Aside("operator", "truediv", 1, 0) as aside:
        assert aside.result() is None  # the fork failed
    monkeypatch.setattr(workers, "fork_is_safe", lambda: False)
    monkeypatch.setattr(workers.sys, "executable", "/nonexistent/python")
    with workers.Aside("operator", "add", 2, 3) as aside:
        assert aside.result() is None  # no interpreter to start


def test_no_call_aside_with_one_worker(
    forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARCREF_WORKERS", "1")
    with workers.Aside("os", "getpid") as aside:
        assert aside.result() is None
    assert forks == []
