"""A long bibliography shared out over forked processes gives what one process gives.

(The workers' own mechanics are tested in tests/test_workers.py.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from sarcref import workers
from sarcref.rendering import Processor, processor

from .fidelity_support import corpus, golden, normalize, style

SUBSTITUTING = ["modern-language-association", "turabian-author-date"]  # ——— for repeats
# Styles whose entries depend on other entries (sorting, numbering, year suffixes given
# in bibliography order, author substitution, collation): what a split could break. The
# single-process outputs of every style are test_fidelity's.
SHARED_STYLES = [
    *SUBSTITUTING, "apa", "chicago-author-date", "vancouver-nlm", "ieee", "din-1505-2",
    "chicago-notes-bibliography", "serdica-journal-of-computing", "palaeovertebrata",
    "universitetet-i-oslo-rettsvitenskap",
]  # fmt: skip


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """Share out work from 4 records on, as if 8 CPUs were free; yields the forked slices."""
    monkeypatch.setattr(processor, "SHARED_FROM", 4)
    monkeypatch.setattr(workers, "MAXIMUM_WORKERS", 8)
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    monkeypatch.delenv("SARCREF_WORKERS", raising=False)
    slices: list[tuple[int, int]] = []
    fork = workers._fork

    def counted(work: Callable[[], object], start: int = 0, end: int = 0) -> object:
        slices.append((start, end))
        return fork(work, start, end)

    monkeypatch.setattr(workers, "_fork", counted)
    yield slices


def in_one_process(style_id: str, fmt: str) -> list[str]:
    return Processor(style(style_id), corpus(), fmt=fmt).bibliography().entries


@pytest.mark.parametrize("style_id", SHARED_STYLES)
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
