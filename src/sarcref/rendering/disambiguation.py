"""Disambiguation of cites: add names, add given names, ``disambiguate`` conditions,
year suffixes, in that order, as the style's citation options allow.

Cites are compared by their plain citation rendering. Each method is tried only on the
items that are still ambiguous, and an item keeps the first settings that make it unique
among its clash set. Year suffixes go to the items still ambiguous, in bibliography order
(a, b, c, ...), which is what makes ``1905a``/``1905b``/``1905c`` match citeproc-js.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from .context import Disambiguation, NamesetRecord
from .items import Item

KeyFunction = Callable[[Item, Disambiguation], tuple[str, list[NamesetRecord]]]
CoarseKeyFunction = Callable[[Item], str]


class Disambiguator:
    def __init__(
        self,
        key: KeyFunction,
        add_names: bool,
        add_givenname: bool,
        add_year_suffix: bool,
        has_disambiguate_condition: bool,
        givenname_rule: str,
        coarse_key: CoarseKeyFunction | None = None,
    ) -> None:
        self.key = key
        self.coarse_key = coarse_key
        self.add_names = add_names
        self.add_givenname = add_givenname
        self.add_year_suffix = add_year_suffix
        self.has_condition = has_disambiguate_condition
        self.givenname_rule = givenname_rule

    def run(self, items: list[Item]) -> dict[str, Disambiguation]:
        """Settings per item id; ``items`` must be in bibliography order."""
        settings = {item.id: Disambiguation() for item in items}
        records: dict[str, list[NamesetRecord]] = {}
        keys: dict[str, str] = {}
        candidates = items
        if self.coarse_key is not None:
            # Cites that differ in their letters and digits can never clash: only the
            # others need their exact rendering.
            coarse: dict[str, list[Item]] = defaultdict(list)
            for item in items:
                coarse[self.coarse_key(item)].append(item)
            wanted = {item.id for group in coarse.values() if len(group) > 1 for item in group}
            candidates = [item for item in items if item.id in wanted]
        for item in candidates:
            keys[item.id], records[item.id] = self.key(item, settings[item.id])
        items = candidates
        for group in self._clashes(items, keys):
            self._resolve(group, settings, keys, records)
        return settings

    @staticmethod
    def _clashes(items: list[Item], keys: dict[str, str]) -> list[list[Item]]:
        groups: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            groups[keys[item.id]].append(item)
        return [group for group in groups.values() if len(group) > 1]

    def _rekey(
        self,
        group: list[Item],
        settings: dict[str, Disambiguation],
        keys: dict[str, str],
        records: dict[str, list[NamesetRecord]],
    ) -> None:
        for item in group:
            keys[item.id], records[item.id] = self.key(item, settings[item.id])

    def _resolve(
        self,
        group: list[Item],
        settings: dict[str, Disambiguation],
        keys: dict[str, str],
        records: dict[str, list[NamesetRecord]],
    ) -> None:
        remaining = list(group)
        if self.add_names:
            remaining = self._try_add_names(remaining, settings, keys, records)
        if len(remaining) > 1 and self.add_givenname:
            remaining = self._try_givennames(remaining, settings, keys, records)
        if len(remaining) > 1 and self.has_condition:
            originals = {item.id: settings[item.id].copy() for item in remaining}
            for item in remaining:
                settings[item.id].disambiguate = 1
            self._rekey(remaining, settings, keys, records)
            still = self._still_ambiguous(remaining, keys)
            if len(still) == len(remaining):
                for item in remaining:
                    settings[item.id] = originals[item.id]
                self._rekey(remaining, settings, keys, records)
            remaining = still
        if self.add_year_suffix:
            for clash in self._clashes(remaining, keys):
                for index, item in enumerate(clash):
                    settings[item.id].year_suffix = index

    @staticmethod
    def _still_ambiguous(group: list[Item], keys: dict[str, str]) -> list[Item]:
        counts: dict[str, int] = defaultdict(int)
        for item in group:
            counts[keys[item.id]] += 1
        return [item for item in group if counts[keys[item.id]] > 1]

    def _try_add_names(
        self,
        group: list[Item],
        settings: dict[str, Disambiguation],
        keys: dict[str, str],
        records: dict[str, list[NamesetRecord]],
    ) -> list[Item]:
        originals = {item.id: settings[item.id].copy() for item in group}
        remaining = list(group)
        positions = max((len(records[item.id]) for item in group), default=0)
        improved = False
        for pos in range(positions):
            while len(remaining) > 1:
                grew = False
                for item in remaining:
                    nameset = records[item.id]
                    if pos >= len(nameset):
                        continue
                    record = nameset[pos]
                    total = max(record.counts) if record.counts else 0
                    if record.shown < total:
                        settings[item.id].names[pos] = record.shown + 1
                        grew = True
                if not grew:
                    break
                self._rekey(remaining, settings, keys, records)
                still = self._still_ambiguous(remaining, keys)
                if len(still) < len(remaining):
                    improved = True
                remaining = still
        if not improved:
            for item in group:
                settings[item.id] = originals[item.id]
            self._rekey(group, settings, keys, records)
            return list(group)
        return remaining

    def _try_givennames(
        self,
        group: list[Item],
        settings: dict[str, Disambiguation],
        keys: dict[str, str],
        records: dict[str, list[NamesetRecord]],
    ) -> list[Item]:
        originals = {item.id: settings[item.id].copy() for item in group}
        remaining = list(group)
        improved = False
        for level in (1, 2):
            if len(remaining) < 2:
                break
            for item in remaining:
                for pos, record in enumerate(records[item.id]):
                    givens = settings[item.id].givens.setdefault(pos, {})
                    for index in range(record.shown):
                        if givens.get(index, 0) < level:
                            givens[index] = level
            self._rekey(remaining, settings, keys, records)
            still = self._still_ambiguous(remaining, keys)
            if len(still) < len(remaining):
                improved = True
            remaining = still
        if not improved:
            for item in group:
                settings[item.id] = originals[item.id]
            self._rekey(group, settings, keys, records)
            return list(group)
        return remaining
