"""Sort keys and their comparison, as citeproc-js computes and compares them.

Keys are plain strings: names in sort order, dates as zero-padded numbers, numbers padded
to 20 digits, macros rendered without formatting; a leading "a", "an" or "the" is dropped.
Comparison imitates ICU collation with base sensitivity, punctuation ignored and numeric
ordering (``localeCompare`` in citeproc-js): case and accents do not count, digit runs
compare as numbers, empty keys sort last (first when descending), ties keep input order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from .blob import Blob
from .context import CiteItem, Disambiguation
from .elements_layout import Key, Style
from .items import DATE_VARIABLES, NAME_VARIABLES, DateValue, Item
from .numbers import NUMERIC_VARIABLES
from .output_formats import TextFormat
from .punctuation import purge_empty
from .serialize import Serializer

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "þ": "th",
                       "ı": "i"})  # fmt: skip
_DIGITS = re.compile(r"(\d+)")

SortKey = tuple[tuple[int, Any], ...]


# Letters that ICU's collation for a language sorts as letters of their own (CLDR
# tailorings), each as (the letter it follows, rank among those following it). Root
# collation, which every other language uses, treats them as their base letter.
_DA = {"æ": ("z", 1), "ä": ("z", 1), "ø": ("z", 2), "ö": ("z", 2), "å": ("z", 3),
       "ü": ("y", 0)}  # fmt: skip
_SV = {"å": ("z", 1), "ä": ("z", 2), "æ": ("z", 2), "ö": ("z", 3), "ø": ("z", 3),
       "ü": ("y", 0)}  # fmt: skip
_TAILORINGS: dict[str, dict[str, tuple[str, int]]] = {
    "da": _DA,
    "nb": _DA,
    "nn": _DA,
    "sv": _SV,
    "fi": _SV,
    "pl": {"ą": ("a", 1), "ć": ("c", 1), "ę": ("e", 1), "ł": ("l", 1), "ń": ("n", 1),
           "ó": ("o", 1), "ś": ("s", 1), "ź": ("z", 1), "ż": ("z", 2)},
    "cs": {"č": ("c", 1), "ř": ("r", 1), "š": ("s", 1), "ž": ("z", 1)},
    "sk": {"ä": ("a", 1), "č": ("c", 1), "ô": ("o", 1), "ř": ("r", 1), "š": ("s", 1),
           "ž": ("z", 1)},
    "hr": {"č": ("c", 1), "ć": ("c", 2), "đ": ("d", 1), "š": ("s", 1), "ž": ("z", 1)},
    "sl": {"č": ("c", 1), "ć": ("c", 2), "đ": ("d", 1), "š": ("s", 1), "ž": ("z", 1)},
    "lt": {"č": ("c", 1), "š": ("s", 1), "ž": ("z", 1), "y": ("i", 0), "ý": ("i", 0)},
    "lv": {"č": ("c", 1), "ģ": ("g", 1), "ķ": ("k", 1), "ļ": ("l", 1), "ņ": ("n", 1),
           "š": ("s", 1), "ž": ("z", 1), "y": ("i", 1), "ý": ("i", 1)},
    "ro": {"ă": ("a", 1), "â": ("a", 2), "î": ("i", 1), "ș": ("s", 1), "ş": ("s", 1),
           "ț": ("t", 1), "ţ": ("t", 1)},
    "tr": {"ç": ("c", 1), "ğ": ("g", 1), "ı": ("h", 1), "ö": ("o", 1), "ş": ("s", 1),
           "ü": ("u", 1)},
    "es": {"ñ": ("n", 1)},
    "hu": {"ö": ("o", 1), "ő": ("o", 1), "ü": ("u", 1), "ű": ("u", 1)},
}  # fmt: skip
_TAILORS_ASCII = frozenset(
    language for language, table in _TAILORINGS.items() if any(c.isascii() for c in table)
)
_TAILORED_MARK = "\U0010fffd"  # sorts after every base letter it follows


def collation_language(lang: str) -> str:
    """The language whose collation sorts keys for a locale (``""``: root collation)."""
    language = lang.split("-")[0].lower()
    return language if language in _TAILORINGS else ""


@functools.lru_cache(maxsize=65536)
def collation_key(text: str, language: str = "") -> SortKey:
    """A key comparing like ICU base-strength, punctuation-ignoring, numeric collation
    (``localeCompare`` in *language*, one of :data:`_TAILORINGS` or root)."""
    text = text.lstrip("[]'\"").lower()
    tailoring = _TAILORINGS.get(language) if language else None
    marks: dict[str, str] = {}
    if tailoring and (language in _TAILORS_ASCII or not text.isascii()):
        chars = []
        for char in unicodedata.normalize("NFC", text):
            tailored = tailoring.get(char)
            if tailored is None:
                chars.append(char)
                continue
            # A private-use stand-in, safe from the folding below.
            stand_in = chr(0xF0000 + len(marks))
            marks[stand_in] = tailored[0] + _TAILORED_MARK * tailored[1]
            chars.append(stand_in)
        text = "".join(chars)
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    out: list[tuple[int, Any]] = []
    for chunk in _DIGITS.split(text):
        if not chunk:
            continue
        if chunk.isdigit():
            out.append((1, int(chunk)))
            continue
        for char in chunk:
            if marks and char in marks:
                out.append((2, marks[char]))
                continue
            category = unicodedata.category(char)
            if category[0] in "PZC" or category == "Mn":
                continue  # punctuation and spaces are ignored, symbols are not
            out.append((0 if category[0] == "S" else 2, char))
    return tuple(out)


_MARKUP = re.compile(r"</?(?:i|b|sc|sup|sub|span)(?:\s[^>]*)?>")


def key_text(text: str) -> str:
    """A rendered key as citeproc-js stores it: inline markup gone, every space a "|"
    (a symbol, so it counts in comparisons), and a trailing "|". Its stripping of a
    leading "a"/"an"/"the" looks for a space and so never applies."""
    text = _MARKUP.sub("", text) if "<" in text else text
    return text.replace(" ", "|") + "|" if text else ""


def date_sort_key(date: DateValue | None, parts: Sequence[str] = ("year", "month", "day")) -> str:
    if date is None or not date.year:
        return ""

    def piece(d: DateValue | None) -> str:
        year = d.year if d is not None and "year" in parts else 0
        prefix = "1"
        if year < 0:
            prefix = "0"
            year = 9999 - abs(year)
        month = d.month if d is not None and "month" in parts else 0
        day = d.day if d is not None and "day" in parts else 0
        return f"{prefix}{year:04d}{month:02d}{day:02d}"

    return piece(date) + piece(date.end)


def padded_number(text: str) -> str:
    match = re.match(r"\s*(-?[0-9]+)", text)
    if not match:
        return text
    number = int(match.group(1))
    if number < 0:
        number = 99999999999999999999 + number
    return f"{number:020d}"


class SortKeyMaker:
    """Computes sort keys of items for one area's ``<sort>``."""

    def __init__(self, engine: Any, area: str) -> None:
        self.engine = engine
        self.area = area
        style: Style = engine.style
        element = style.area_element(area)
        self.keys: list[Key] = (
            list(element.sort.keys) if element is not None and element.sort is not None else []
        )
        self._plain = Serializer(TextFormat(), engine.quotes, [])

    @property
    def active(self) -> bool:
        return bool(self.keys)

    def keys_for(
        self, item: Item, citation_number: int | None, disamb: Disambiguation | None = None
    ) -> list[str]:
        return [self._key(key, item, citation_number, disamb) for key in self.keys]

    def key_for(
        self,
        item: Item,
        index: int,
        citation_number: int | None,
        disamb: Disambiguation | None = None,
    ) -> str:
        return self._key(self.keys[index], item, citation_number, disamb)

    def _key(
        self, key: Key, item: Item, citation_number: int | None, disamb: Disambiguation | None
    ) -> str:
        ctx = self.engine.context(
            self.area, item, CiteItem(item.id), disamb or Disambiguation(), citation_number,
            sort_key=True,
        )  # fmt: skip
        ctx.sort_names_min = key.names_min
        ctx.sort_names_use_first = key.names_use_first
        ctx.sort_names_use_last = key.names_use_last
        variable = key.variable
        if variable:
            if variable in NAME_VARIABLES:
                value = self._names_key(ctx, variable)
            elif variable in DATE_VARIABLES:
                value = date_sort_key(item.dates.get(variable))
            elif variable == "citation-number":
                value = padded_number(str(citation_number or 0))
            elif variable == "citation-label":
                from .elements_text import citation_label

                value = item.fields.get("citation-label") or citation_label(ctx)
            elif variable in NUMERIC_VARIABLES:
                raw = item.fields.get(variable, "")
                value = padded_number(raw) if raw else ""
            else:
                value = item.fields.get(variable, "")
                if variable == "type":
                    value = item.type
            return key_text(value)
        if key.macro is None:
            return ""
        out: list[Blob] = []
        key.macro.render_group(ctx, out)
        root = Blob(out)
        purge_empty(root)
        return key_text(self._plain.render(root))

    def _names_key(self, ctx: Any, variable: str) -> str:
        from .elements_names import DefaultName, NameOptions, render_personal_name

        names = ctx.item.names.get(variable)
        if not names:
            return ""
        name = DefaultName(ctx.style)
        options: NameOptions = name.options(self.area)
        et_al_min = ctx.sort_names_min if ctx.sort_names_min is not None else options.et_al_min
        use_first = (
            ctx.sort_names_use_first
            if ctx.sort_names_use_first is not None
            else options.et_al_use_first
        )
        if et_al_min and len(names) >= et_al_min and et_al_min >= use_first:
            names = names[:use_first]
        parts: list[str] = []
        for index, person in enumerate(names):
            if person.get("literal") or not person.get("family"):
                parts.append(str(person.get("literal") or person.get("given") or ""))
                continue
            blob = render_personal_name(ctx, name, options, person, 0, index)
            if blob is not None:
                parts.append(self._plain.render(blob))
        return key_text(", ".join(p for p in parts if p))


KeyMapper = Callable[[Callable[[Any], str], list[Any]], list[str]]


def _each(function: Callable[[Any], str], entries: list[Any]) -> list[str]:
    return [function(entry) for entry in entries]


def sort_by_keys(
    entries: list[Any],
    key: Callable[[Any, int], str],
    descending: Sequence[bool],
    *,
    map_keys: KeyMapper = _each,
    language: str = "",
) -> list[Any]:
    """Stable sort of ``entries``; ``key(entry, i)`` is the i-th key.

    Sorts on the first key, then sorts each run of ties on the next key, and so on: later
    keys are computed only for entries that tie on all earlier ones. A missing (empty) key
    sorts last, ascending or descending, as in citeproc-js. ``map_keys(f, entries)`` computes
    one level's keys (``[f(e) for e in entries]`` unless given, e.g. shared out over processes).
    Keys compare as in *language*'s collation (see :func:`collation_language`).
    """
    return _sort_level(list(entries), key, descending, 0, map_keys, language)


def _sort_level(
    entries: list[Any],
    key: Callable[[Any, int], str],
    descending: Sequence[bool],
    index: int,
    map_keys: KeyMapper,
    language: str,
) -> list[Any]:
    if len(entries) < 2 or index >= len(descending):
        return entries
    present: list[tuple[SortKey, Any]] = []
    missing: list[Any] = []
    texts = map_keys(lambda entry: key(entry, index), entries)
    for entry, text in zip(entries, texts, strict=True):
        if text:
            present.append((collation_key(text, language), entry))
        else:
            missing.append(entry)
    # (reverse=True keeps ties in input order, like a stable descending sort.)
    present.sort(key=lambda pair: pair[0], reverse=descending[index])
    out: list[Any] = []
    start = 0
    while start < len(present):
        end = start + 1
        while end < len(present) and present[end][0] == present[start][0]:
            end += 1
        run = [entry for _, entry in present[start:end]]
        out.extend(
            _sort_level(run, key, descending, index + 1, map_keys, language)
            if len(run) > 1
            else run
        )
        start = end
    out.extend(_sort_level(missing, key, descending, index + 1, map_keys, language))
    return out
