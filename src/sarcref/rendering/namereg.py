"""The registry of personal names behind ``givenname-disambiguation-rule``.

Every registered record's names are filed by family name (``pkey``), initials (``ikey``)
and given name (``skey``). A family name with several distinct initials needs initials to be
told apart; one whose initials clash needs full given names. With ``by-cite`` the registry
is per record (family names are prefixed with the record id); with ``primary-name`` rules
only first names count. This mirrors citeproc-js's name registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .name_forms import initialize_with

_TRAILING_LOWER = re.compile(r"[,!]* ([^,]+)$")


_SPACES = re.compile(r"\s+")


def _strip_periods(text: str) -> str:
    text = text.replace(".", " ")
    if "  " in text or not text.isprintable():  # (else no run to collapse)
        text = _SPACES.sub(" ", text)
    return text.rstrip()


class NameRegistry:
    def __init__(self, rule: str, add_givenname: bool, demote_never: bool) -> None:
        self.rule = rule
        self.add_givenname = add_givenname
        self.demote_never = demote_never
        # pkey -> ikey -> set of skeys
        self._names: dict[str, dict[str, set[str]]] = {}
        self._keys: dict[tuple[str, int], tuple[str, str, str]] = {}

    def keys(self, item_id: str, person: dict[str, Any]) -> tuple[str, str, str]:
        cache_key = (item_id, id(person))  # name dicts live as long as their records
        cached = self._keys.get(cache_key)
        if cached is None:
            cached = self._compute_keys(item_id, person)
            self._keys[cache_key] = cached
        return cached

    def _compute_keys(self, item_id: str, person: dict[str, Any]) -> tuple[str, str, str]:
        pkey = _strip_periods(str(person.get("family") or ""))
        if self.demote_never and person.get("non-dropping-particle") and person.get("family"):
            pkey = f"{pkey} {person['non-dropping-particle']}"
        skey = _strip_periods(str(person.get("given") or ""))
        match = _TRAILING_LOWER.search(skey)
        if match and match.group(1) == match.group(1).lower():
            skey = _TRAILING_LOWER.sub("", skey)
        ikey = initialize_with(skey, "%s", False)
        if self.rule == "by-cite":
            pkey = item_id + pkey
        return pkey, ikey, skey

    def add(self, item_id: str, names: Iterable[dict[str, Any]]) -> None:
        for position, person in enumerate(names):
            if self.rule.startswith("primary-") and position != 0:
                continue
            if person.get("literal") or not (person.get("family") or person.get("given")):
                continue
            pkey, ikey, skey = self.keys(item_id, person)
            if not pkey:
                continue
            initials = self._names.setdefault(pkey, {})
            if ikey:
                givens = initials.setdefault(ikey, set())
                if skey:
                    givens.add(skey)

    def level(
        self,
        item_id: str,
        person: dict[str, Any],
        index: int,
        request_base: int,
        form: str,
        initialize_with_value: str | None,
    ) -> int:
        """citeproc-js's evalname: the given-name level this name needs."""
        if form == "short":
            param = 0
        elif initialize_with_value is not None:
            param = 1
        else:
            param = 2
        pkey, ikey, _skey = self.keys(item_id, person)
        initials = self._names.get(pkey)
        if initials is None or ikey not in initials:
            return param
        if self.rule == "by-cite" and param <= request_base:
            return request_base
        if not self.add_givenname:
            return param
        rule = "all-names" if self.rule == "by-cite" else self.rule
        if rule.startswith("primary-name") and index > 0:
            return param
        count = len(initials)
        if rule in ("all-names", "primary-name"):
            if count > 1:
                param = 1
            if len(initials[ikey]) > 1 or (count > 1 and initialize_with_value is None):
                param = 2
        elif rule in ("all-names-with-initials", "primary-name-with-initials"):
            param = 1 if count > 1 else 0
        return param
