"""Record keys: generated from a formula, given once, changed only by ``sarcref rename``.

The default formula ``{auth}{year}{title}`` gives ``lerman2015local``: the first author's
family name, the year and the first significant word of the title, in ASCII lower case. A
generated key that is taken gets ``a``, ``b``, ... ``z``, ``aa``, ...

Formula language (the ``key-format`` setting)::

    {auth}        first author's family name (else editor's; a literal name's first word;
                  "anon" when there is none)
    {authors:N}   the family names of the first N authors (default: all, up to 3)
    {year}        the year ("" when there is none)
    {title:N}     the first N significant words of the title (default 1); {shorttitle} = {title}
    {journal}     the first significant word of the container title
    {type}        the CSL item type

Each field's text is folded to ASCII letters and digits and lower-cased; a modifier after
``|`` changes the case: ``|upper``, ``|capitalize`` (each word), ``|keep`` (as written, still
ASCII). Text outside braces is copied as it is (ASCII letters, digits and ``-_:.``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass

from .errors import UsageError
from .records import Record

DEFAULT_FORMAT = "{auth}{year}{title}"

# Words a key skips when it looks for the first significant word of a title.
STOPWORDS = frozenset(
    """a an the and or but nor of on in at to for from by with without about into onto over
    under as is are was were be de la le les des du der die das den ein eine el los las un une
    il lo gli di da del della et und y o""".split()
)
# Letters NFKD does not decompose into an ASCII base.
_ASCII = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
_ASCII.update({"ı": "i", "ħ": "h", "ŀ": "l", "ŧ": "t", "ŋ": "ng", "ĸ": "k"})
_ASCII.update({k.upper(): v.capitalize() for k, v in list(_ASCII.items()) if k.upper() != k})
_TAGS = re.compile(r"<[^>]+>")
_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_WORD_SPLIT = re.compile(r"[^\s\-–—/:;,.]+")
# A key a file gives that is only digits is a database's record number (RIS `ID` of Ovid,
# EndNote): never kept as a key.
_DIGITS_ONLY = re.compile(r"\d+")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``Łukasiewicz`` -> ``lukasiewicz``."""
    return _ascii(text).lower()


def _ascii(text: str) -> str:
    """ASCII letters and digits only, case kept: ``Łukasiewicz`` -> ``Lukasiewicz``."""
    if text.isascii():  # the common case: nothing to fold
        return _NOT_ASCII_ALNUM.sub("", text)
    folded = "".join(_ASCII.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def usable_file_key(key: str) -> bool:
    """Whether a key read from a file may be kept as the record's key."""
    return bool(key.strip()) and not _DIGITS_ONLY.fullmatch(key.strip())


# -- the parts a formula picks from ---------------------------------------------------


def _significant(text: str, count: int) -> list[str]:
    """The first *count* words of *text* that are not stop words (the first word when all
    are); reads only as far as it needs (a title may be a million lines long)."""
    kept: list[str] = []
    first = None
    for piece in _WORD_SPLIT.finditer(_TAGS.sub("", text) if "<" in text else text):
        word = piece.group()
        folded = _ascii(word)
        if not folded:
            continue
        if first is None:
            first = word
        if folded.lower() not in STOPWORDS:
            kept.append(word)
            if len(kept) == count:
                break
    return kept or ([first] if first is not None else [])


def _family_names(record: Record, count: int) -> list[str]:
    for variable in ("author", "editor"):
        found = []
        for name in record.csl.get(variable) or []:
            if not isinstance(name, Mapping):
                continue
            if name.get("family"):
                particle = str(name.get("non-dropping-particle") or "")
                found.append(f"{particle}{name['family']}")
            elif name.get("literal"):
                found += _significant(str(name["literal"]), 1)
        if found:
            return found[:count]
    return []


def _field_words(record: Record, field: str, count: int | None) -> list[str]:
    if field == "auth":
        return _family_names(record, 1) or ["anon"]
    if field == "authors":
        return _family_names(record, count or 3) or ["anon"]
    if field == "year":
        return [str(record.year)] if record.year is not None else []
    if field in ("title", "shorttitle"):
        return _significant(record.title, count or 1)
    if field == "journal":
        return _significant(record.container_title, count or 1)
    if field == "type":
        return [record.type]
    raise AssertionError(field)


FIELDS = ("auth", "authors", "year", "title", "shorttitle", "journal", "type")
MODIFIERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda w: w[:1].upper() + w[1:].lower(),
    "keep": lambda w: w,
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_LITERAL_OK = re.compile(r"[A-Za-z0-9_:.\-]*")


@dataclass(frozen=True)
class _Part:
    field: str
    count: int | None
    modifier: str


class KeyFormat:
    """A parsed key formula; UsageError pointing at the first mistake."""

    def __init__(self, formula: str = DEFAULT_FORMAT) -> None:
        self.formula = formula
        self.parts: list[str | _Part] = []
        position = 0
        for match in _PLACEHOLDER.finditer(formula):
            self._literal(formula[position : match.start()], position)
            self.parts.append(self._placeholder(match.group(1), match.start()))
            position = match.end()
        self._literal(formula[position:], position)
        if not any(isinstance(p, _Part) for p in self.parts):
            raise UsageError(
                f"the key format '{formula}' has no field",
                hint="use fields such as {auth}{year}{title}",
            )

    def _literal(self, text: str, at: int) -> None:
        if not text:
            return
        if not _LITERAL_OK.fullmatch(text):
            bad = next(i for i, c in enumerate(text) if not _LITERAL_OK.fullmatch(c))
            raise UsageError(
                f"the key format '{self.formula}' has '{text[bad]}' at column {at + bad + 1}",
                hint="outside {fields} a key format holds ASCII letters, digits and -_:.",
            )
        self.parts.append(text)

    def _placeholder(self, body: str, at: int) -> _Part:
        spec, _, modifier = body.partition("|")
        field, colon, count_text = spec.partition(":")
        field, modifier = field.strip(), (modifier.strip() or "lower")
        where = f"in the key format '{self.formula}' at column {at + 1}"
        if field not in FIELDS:
            raise UsageError(
                f"unknown field '{{{field}}}' {where}", hint="fields: " + ", ".join(FIELDS)
            )
        if modifier not in MODIFIERS:
            raise UsageError(
                f"unknown modifier '|{modifier}' {where}", hint="modifiers: " + ", ".join(MODIFIERS)
            )
        count = None
        if colon:
            if not count_text.strip().isdigit() or not 1 <= int(count_text) <= 20:
                raise UsageError(f"'{count_text}' is not a count from 1 to 20 {where}")
            count = int(count_text)
        return _Part(field, count, modifier)

    def key(self, record: Record) -> str:
        """The key *record* gets before any collision suffix."""
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            change = MODIFIERS[part.modifier]
            out.extend(change(_ascii(w)) for w in _field_words(record, part.field, part.count))
        return "".join(out) or "anon"


_DEFAULT = KeyFormat()


def base_key(record: Record, key_format: KeyFormat | None = None) -> str:
    """The key a record would get before any collision suffix."""
    return (key_format or _DEFAULT).key(record)


def unique_key(base: str, taken: Container[str]) -> str:
    """*base*, or *base* with the first free suffix of a, b, ..., z, aa, ab, ..."""
    return KeyAllocator(taken).allocate(base)


class KeyAllocator:
    """Gives free keys, remembering per stem which suffixes it already tried.

    Many records with one stem (10,000 RIS records without authors or years) would make a
    fresh search from ``a`` quadratic; the counter makes it linear.
    """

    def __init__(self, taken: Container[str]) -> None:
        self.taken = taken
        self.given: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def free(self, key: str) -> bool:
        return key not in self.given and key not in self.taken

    def allocate(self, base: str) -> str:
        if self.free(base):
            self.given.add(base)
            return base
        n = self.next_suffix.get(base, 1)
        while not self.free(base + suffix(n)):
            n += 1
        self.next_suffix[base] = n + 1
        key = base + suffix(n)
        self.given.add(key)
        return key

    def claim(self, key: str) -> None:
        """Mark *key* as used (a file's own key kept as it is)."""
        self.given.add(key)


def suffix(n: int) -> str:
    """The n-th collision suffix: 1 -> a, 26 -> z, 27 -> aa."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


_VALID_KEY = re.compile(r"[^\s,{}()\"'#%=\\~@;\[\]]+")


def check_new_key(key: str) -> str:
    """A key the user chose (``rename``): one word without the characters BibTeX, pandoc
    citations and key lists on standard input treat as separators."""
    if not _VALID_KEY.fullmatch(key):
        raise UsageError(
            f"'{key}' cannot be a key",
            hint="a key is one word without spaces or any of , { } ( ) \" ' # % = \\ ~ @ ; [ ]",
        )
    if _DIGITS_ONLY.fullmatch(key):
        raise UsageError(f"'{key}' cannot be a key: a key holds at least one letter")
    return key
