"""Whatever each library does, and whatever order they sync in, they end the same.

Random sequences of add, edit, tag, rm and rename on two or three libraries, then syncs
in a random order (twice round, so the first ones take what the later ones merged): every
library holds the same records, and every work that no library removed is still there.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcref import Library
from sarcref.errors import UsageError
from sarcref.sync.engine import connect, sync
from tests.helpers import require_program
from tests.sync.conftest import records, work

FIELDS = ("volume", "issue", "publisher", "title")
VALUES = ("1", "2", "Wiley")
operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 3)),
    st.tuples(st.just("edit"), st.integers(0, 9), st.sampled_from(FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("tag"), st.integers(0, 9), st.sampled_from(("+x", "+y", "-x", "-y"))),
    st.tuples(st.just("rm"), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.integers(0, 9), st.integers(0, 3)),
)


def apply(library: Library, side: int, steps: list[tuple], made: list[str], gone: set[str]) -> None:
    for number, step in enumerate(steps):
        keys = sorted(library.keys())
        kind = step[0]
        if kind == "add":
            key = f"k{step[1]}"  # few keys: the same key is often added on two sides
            if key in library:
                continue
            # A work is its "note": edits never change it, so it names the work throughout.
            note = f"work {side}-{number}"
            library.add(work(key, f"Work {side} {number} on sarcoma", note=note))
            made.append(note)
            continue
        if not keys:
            continue
        key = keys[step[1] % len(keys)]
        if kind == "edit":
            library.edit(key, [f"{step[2]}={step[3]}"])
        elif kind == "tag":
            library.tag(key, [step[2]])
        elif kind == "rm":
            gone.add(str(library.get(key).csl["note"]))
            library.remove([key])
        else:
            try:
                library.rename(key, f"r{step[2]}")
            except UsageError:
                pass  # the key is taken here


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    sides=st.lists(st.lists(operation, max_size=6), min_size=2, max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_libraries_syncing_in_any_order_end_with_the_same_records(
    sides: list[list[tuple]], order: object
) -> None:
    require_program("git")
    import random
    import subprocess

    assert isinstance(order, random.Random)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        subprocess.run(["git", "init", "--bare", "--quiet", str(tmp / "r.git")], check=True)
        libraries = []
        for n in range(len(sides)):
            library = Library(tmp / f"{n}.sqlite", seed=False)
            connect(library, str(tmp / "r.git"))
            libraries.append(library)
        made: list[str] = []
        first = libraries[0]
        for n in range(3):
            first.add(work(f"s{n}", f"Shared work {n}", note=f"shared {n}"))
            made.append(f"shared {n}")
        for library in [*libraries, *libraries]:
            sync(library)
        gone: set[str] = set()
        for side, (library, steps) in enumerate(zip(libraries, sides, strict=True)):
            apply(library, side, steps, made, gone)
        turn = list(libraries)
        order.shuffle(turn)
        for library in [*turn, *turn]:
            sync(library)
        try:
            assert len({records(library) for library in libraries}) == 1
            notes = {str(r.csl.get("note")) for r in first.all()}
            assert set(made) - gone <= notes  # nothing lost that no one removed
            assert notes <= set(made)
        finally:
            for library in libraries:
                library.close()
