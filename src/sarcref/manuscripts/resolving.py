"""From the keys manuscripts cite to the library's records (``--cited-in FILE``).

>>> from sarcref import Library
>>> from pathlib import Path
>>> import tempfile
>>> paper = Path(tempfile.mkdtemp()) / "paper.md"
>>> _ = paper.write_text("See @lerman2015local and @lerman2051.\\n")
>>> with Library.in_memory(seed=True) as library:
...     cited = resolve_cited(library, [paper], allow_missing=True)
>>> cited.keys
['lerman2015local']
>>> print(cited.missing[0].message())  # doctest: +ELLIPSIS
/...paper.md:1:27: no record with key 'lerman2051' (did you mean lerman2015local?)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import NotFoundError
from . import CitedKey, Reading, read_cited

if TYPE_CHECKING:
    from ..library import Library

SUGGESTIONS = 3


@dataclass(frozen=True)
class MissingKey:
    """A key a manuscript cites that the library does not have, with close matches."""

    cited: CitedKey
    suggestions: tuple[str, ...] = ()

    def message(self) -> str:
        """``paper.md:3:5: no record with key 'doe20' (did you mean doe2020?)``"""
        text = f"{self.cited.where}: no record with key '{self.cited.key}'"
        if self.suggestions:
            text += f" (did you mean {', '.join(self.suggestions)}?)"
        return text


class MissingKeysError(NotFoundError):
    """Manuscripts cite keys the library lacks (exit 1); ``missing`` lists them."""

    def __init__(self, missing: list[MissingKey]) -> None:
        files = list(dict.fromkeys(str(m.cited.file) for m in missing))
        noun = "a key" if len(missing) == 1 else f"{len(missing)} keys"
        lines = [f"{', '.join(files)} cites {noun} the library does not have:"]
        lines += [f"  {m.message()}" for m in missing]
        super().__init__(
            "\n".join(lines),
            hint="--allow-missing prints what the library has and names the missing keys",
        )
        self.missing = missing


@dataclass
class CitedRecords:
    """The library keys manuscripts cite, and the cited keys it does not have.

    ``keys`` are in first-citation order (``@*`` / ``\\nocite{*}`` stands for every other
    record of the library, in the order they were added); ``reading`` has the files read
    (to watch) and the readers' warnings.
    """

    keys: list[str]
    missing: list[MissingKey]
    reading: Reading


def resolve_cited(
    library: Library,
    files: Iterable[str | os.PathLike[str]],
    *,
    allow_missing: bool = False,
    via_pandoc: bool = False,
) -> CitedRecords:
    """The records *files* cite, as keys of *library* in first-citation order.

    Raises MissingKeysError (a NotFoundError, exit 1) naming each missing key with its
    file:line:column and up to three close matches, unless *allow_missing*; DataError or
    UsageError from reading the files (see ``sarcref.manuscripts.read_cited``).
    """
    return resolve_reading(
        library, read_cited(files, via_pandoc=via_pandoc), allow_missing=allow_missing
    )


def resolve_reading(
    library: Library, reading: Reading, *, allow_missing: bool = False
) -> CitedRecords:
    """``resolve_cited`` for keys already read."""
    known = library.keys()
    have = set(known)
    # A key merged into another record (`sarcref merge`) still names that record.
    unknown = [c.key for c in reading.keys if not c.is_wildcard and c.key not in have]
    merged = library.store.aliases_of(unknown) if unknown else {}
    for alias, target in merged.items():
        library.notices.append(f"'{alias}' was merged into '{target}': it is '{target}' now")
    keys: list[str] = []
    taken: set[str] = set()
    missing: list[MissingKey] = []
    for cited in reading.keys:
        if cited.is_wildcard:
            every = [k for k in known if k not in taken]
            keys += every
            taken.update(every)
        elif cited.key in have or cited.key in merged:
            key = merged.get(cited.key, cited.key)
            if key not in taken:
                taken.add(key)
                keys.append(key)
        else:
            suggestions = tuple(library.suggest(cited.key, limit=SUGGESTIONS))
            missing.append(MissingKey(cited, suggestions))
    if missing and not allow_missing:
        raise MissingKeysError(missing)
    return CitedRecords(keys, missing, reading)
