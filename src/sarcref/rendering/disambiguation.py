"""Disambiguation of cites, following citeproc-js's algorithm.

Registered items whose (un-disambiguated) cites render the same form an ambiguity set.
Each set is worked through with one shared configuration ("base") that is stepped up:
given names of the current name are expanded (initials, then full, with the ``by-cite``
rule and ``disambiguate-add-givenname``), then one more name is shown (``add-names``),
name by name and nameset by nameset. After each step the set is re-scanned against its
first item; items that became unique keep the configuration that freed them ("better
base"), and the rest carry on. When names are exhausted, ``disambiguate="true"`` conditions
and year suffixes (given in bibliography order) finish the job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from .context import Disambiguation, NamesetRecord
from .items import Item

# A cite as compared: its text, its namesets, and how many disambiguate="true" conditions
# held and were tested while it rendered.
CiteKey = tuple[str, list[NamesetRecord], tuple[int, int]]
KeyFunction = Callable[[Item, Disambiguation], CiteKey]
CoarseKeysFunction = Callable[[list[Item]], list[str]]  # one key per item, in order


def _config_from(records: list[NamesetRecord]) -> Disambiguation:
    config = Disambiguation()
    for pos, record in enumerate(records):
        config.names[pos] = record.shown
        config.givens[pos] = dict.fromkeys(range(record.shown), 0)
    return config


def _pad(config: Disambiguation) -> None:
    for pos, count in config.names.items():
        givens = config.givens.setdefault(pos, {})
        for index in range(count):
            givens.setdefault(index, 0)


class Disambiguator:
    def __init__(
        self,
        key: KeyFunction,
        add_names: bool,
        add_givenname: bool,
        add_year_suffix: bool,
        has_disambiguate_condition: bool,
        givenname_rule: str,
        coarse_keys: CoarseKeysFunction | None = None,
    ) -> None:
        self.key = key
        self.coarse_keys = coarse_keys
        self.add_names = add_names
        self.add_givenname = add_givenname
        self.modes: list[str] = []
        if add_names or (add_givenname and givenname_rule == "by-cite"):
            self.modes.append("names")
        if add_year_suffix:
            self.modes.append("years")
        if has_disambiguate_condition:
            self.modes.append("extra")
        self.givens_max = 2 if (givenname_rule == "by-cite" and add_givenname) else None

    def run(self, items: list[Item], base_for_all: bool = False) -> dict[str, Disambiguation]:
        """Settings per item id; ``items`` must be in bibliography order.

        With ``base_for_all``, every item starts from what its ambiguous cite showed, as
        citeproc-js registers every item (it matters when a cite's subsequent form shows
        more names than its first form: citeproc-js shows them in the first form too).
        """
        settings = {item.id: Disambiguation() for item in items}
        self.order = {item.id: index for index, item in enumerate(items)}
        if not self.modes and not base_for_all:
            return settings
        candidates = items
        if self.coarse_keys is not None and not base_for_all:
            # Cites that differ in their letters and digits can never clash.
            coarse: dict[str, list[Item]] = defaultdict(list)
            for item, coarse_key in zip(items, self.coarse_keys(items), strict=True):
                coarse[coarse_key].append(item)
            wanted = {item.id for group in coarse.values() if len(group) > 1 for item in group}
            candidates = [item for item in items if item.id in wanted]
        groups: dict[str, list[Item]] = defaultdict(list)
        self.records: dict[str, list[NamesetRecord]] = {}
        for item in candidates:
            key, records, _counts = self.key(item, settings[item.id])
            self.records[item.id] = records
            settings[item.id] = _config_from(records)
            groups[key].append(item)
        for group in groups.values():
            if len(group) > 1 and self.modes:
                _SetRun(self, group, settings).run()
        return settings


class _SetRun:
    """One ambiguity set worked through (citeproc-js's CSL.Disambiguation run)."""

    def __init__(
        self, owner: Disambiguator, group: list[Item], settings: dict[str, Disambiguation]
    ) -> None:
        self.owner = owner
        self.settings = settings
        records = owner.records
        self.max_names = {item.id: [max(r.counts) for r in records[item.id]] for item in group}
        base: Disambiguation | None = None
        for item in group:
            config = _config_from(records[item.id])
            if base is None:
                base = config.copy()
                continue
            if len(config.names) < len(base.names):
                base = config.copy()
            for pos, count in config.names.items():
                if count > base.names.get(pos, 0):
                    base.names[pos] = count
                    base.givens[pos] = dict(config.givens.get(pos, {}))
        assert base is not None
        _pad(base)
        base.year_suffix = None
        base.disambiguate = 0
        self.base = base
        self.better = base.copy()

        def sort_key(item: Item) -> tuple[str, str]:
            return (",".join(str(n) for n in self.max_names[item.id]), item.id)

        ordered = sorted(group, key=sort_key)
        first = ordered[0]
        self.names_max = self.max_names[first.id][0] if self.max_names[first.id] else None
        self.namesets_max = len(records[ordered[-1].id]) - 1
        self.lists: list[tuple[Disambiguation, list[Item]]] = [(self.base, ordered)]
        self.mode_index = 0
        self.init_givens = True
        self.last_counts = (0, 0)  # disambiguate conditions held/tested in the last cite

    # -- helpers ---------------------------------------------------------------------------
    def cite(self, item: Item, config: Disambiguation) -> str:
        key, _records, self.last_counts = self.owner.key(item, config)
        return key

    def register(self, item: Item, config: Disambiguation) -> None:
        self.settings[item.id] = config.copy()

    def capture_step(self) -> None:
        if self.owner.givens_max is not None and self.base.givens:
            level = self.base.givens.get(self.gnameset, {}).get(self.gname)
            if level is not None:
                self.better.givens.setdefault(self.gnameset, {})[self.gname] = level
        if self.gnameset in self.base.names:
            self.better.names[self.gnameset] = self.base.names[self.gnameset]

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> None:
        while self.lists:
            self.gnameset = 0
            self.gname = 0
            self.clashes = [1, 0]
            guard = 0
            while self.lists and self.lists[0][1]:
                guard += 1
                if guard > 500:  # safety net against a non-terminating style
                    for item in self.lists[0][1]:
                        self.register(item, self.better)
                    break
                self.list_pos = 0
                maxed = self.increment()
                self.scan(self.lists[0])
                self.evaluate(maxed)
            self.lists = self.lists[1:]

    def scan(self, entry: tuple[Disambiguation, list[Item]]) -> None:
        items = entry[1]
        head = items[0]
        head_cite = self.cite(head, self.base)
        self.partners = [head]
        self.nonpartners: list[Item] = []
        clashes = 0
        for other in items[1:]:
            if self.cite(other, self.base) == head_cite:
                clashes += 1
                self.partners.append(other)
            else:
                self.nonpartners.append(other)
        self.clashes = [self.clashes[1], clashes]

    def evaluate(self, maxed: bool) -> None:
        mode = self.owner.modes[self.mode_index]
        if mode == "names":
            self.dis_names(maxed)
        elif mode == "years":
            self.dis_years()
        else:
            self.dis_extra_text()
        if maxed:
            if self.mode_index < len(self.owner.modes) - 1:
                self.mode_index += 1
            else:
                while len(self.lists) <= self.list_pos + 1:
                    self.lists.append((self.base, []))
                self.lists[self.list_pos + 1] = (self.base, [])

    def increment(self) -> bool:
        if self.init_givens:
            self.init_givens = False
            return False
        mode = self.owner.modes[self.mode_index]
        if mode == "extra":
            self.base.disambiguate += 1
            self.better.disambiguate += 1
            return False
        if mode != "names":
            return False
        givens_max = self.owner.givens_max
        names_max = self.names_max
        base = self.base
        increment_names = givens_max is None
        increment_namesets = names_max is None
        if givens_max is not None:
            givens = base.givens.get(self.gnameset, {})
            if givens and givens.get(self.gname, 0) < givens_max:
                givens[self.gname] = givens.get(self.gname, 0) + 1
            else:
                increment_names = True
        if names_max is not None and increment_names:
            if self.owner.add_names:
                increment_namesets = False
                if self.gname < names_max:
                    base.names[self.gnameset] = base.names.get(self.gnameset, 0) + 1
                    self.gname += 1
                else:
                    increment_namesets = True
            else:
                increment_namesets = True
        if increment_namesets and self.gnameset < self.namesets_max:
            self.gnameset += 1
            base.names[self.gnameset] = 1
            self.gname = 0
        _pad(base)
        level = base.givens.get(self.gnameset, {}).get(self.gname)
        return (
            (self.namesets_max <= 0 or self.gnameset == self.namesets_max)
            and (not self.owner.add_names or names_max is None or self.gname == names_max)
            and (givens_max is None or level is None or level == givens_max)
        )

    def dis_names(self, maxed: bool) -> None:
        pos = self.list_pos
        if self.clashes[1] == 0 and len(self.nonpartners) == 1:
            self.capture_step()
            self.register(self.nonpartners[0], self.better)
            self.register(self.partners[0], self.better)
            self.lists[pos] = (self.better, [])
        elif self.clashes[1] == 0:
            self.capture_step()
            self.register(self.partners[0], self.better)
            self.lists[pos] = (self.better, self.nonpartners)
            if self.nonpartners:
                self.init_givens = True
        elif len(self.nonpartners) == 1:
            self.capture_step()
            self.register(self.nonpartners[0], self.better)
            self.lists[pos] = (self.better, self.partners)
        elif self.clashes[1] < self.clashes[0]:
            self.capture_step()
            self.lists[pos] = (self.better, self.partners)
            self.lists.append((self.better, self.nonpartners))
        elif maxed:
            self.lists[pos] = (self.better, self.nonpartners)
            self.lists.append((self.better, self.partners))
            if self.mode_index == len(self.owner.modes) - 1:
                for item in self.partners:
                    self.register(item, self.better)
                self.lists[pos] = (self.better, [])

    def dis_years(self) -> None:
        pos = self.list_pos
        base = self.lists[pos][0]
        if self.clashes[1]:
            tokens = sorted(self.lists[pos][1], key=lambda item: self.owner.order[item.id])
            for index, item in enumerate(tokens):
                base.year_suffix = index
                self.register(item, base)
        self.lists[pos] = (self.better, [])

    def dis_extra_text(self) -> None:
        """disambiguate="true" conditions, one more at a time while some stay untested."""
        pos = self.list_pos
        done = self.clashes[1] == 0 and len(self.nonpartners) < 2
        held, tested = self.last_counts
        if not done and (not self.base.disambiguate or held != tested):
            self.mode_index = 0
            self.base.disambiguate = held
            self.better.disambiguate = held
            if not self.base.disambiguate:
                self.init_givens = True
                self.base.disambiguate = 1
            else:
                self.dis_names(False)
            return
        if done or self.mode_index == len(self.owner.modes) - 1:
            base = self.lists[pos][0]
            for item in self.lists[pos][1]:
                self.register(item, base)
            self.lists[pos] = (self.better, [])
            return
        self.mode_index = len(self.owner.modes) - 1
        base = self.lists[pos][0]
        base.disambiguate = 1
        for item in self.lists[pos][1]:
            self.register(item, base)
