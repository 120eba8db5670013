"""CSL ``text-case`` transformations, aware of inline markup and quotes.

Strings are split on markup tags, quotes and punctuation; only the text between them is
changed, text inside ``<span class="nocase">`` (and other spans) is left alone, and title
case keeps the locale's skip words ("of", "and", ...) lower case except first, last and
after a colon. These are citeproc-js's rules, including its quirks: title case capitalises
any lower-case word, so ``<i>p53</i>`` becomes ``<i>P53</i>`` and ``cancer.org`` becomes
``Cancer.Org``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_TAG_PATTERN = (
    "(?:\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)|"
    '<span style="font-variant: small-caps;">|<span class="no(?:case|decor)">|</span>|'
    "</?(?:i|sc|b|sub|sup)>)"
)
_TAG_SPLIT = re.compile(_TAG_PATTERN)
_CLASS_SPAN = re.compile(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)')
_SMALL_CAPS_SPAN = re.compile(r'(<span)\s+(style="font-variant:)\s*(small-caps);?(")[^>]*(>)')
_WORD_SPLIT = re.compile("[\u00a0\u0020\u2000-\u200b\u205f\u3000]+")
_TAG_CLOSERS = {
    '<span style="font-variant: small-caps;">': "</span>",
    '<span class="nocase">': "</span>",
    '<span class="nodecor">': "</span>",
    "<sc>": "</sc>",
    "<sub>": "</sub>",
    "<sup>": "</sup>",
}
_QUOTE_PARAMS = {
    ' "': (" '", '"'),
    " '": (' "', "'"),
    "\u2018": ("\u2018", "\u2019"),
    "\u201c": ("\u201c", "\u201d"),
}
_QUOTE_FIX = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")
_PUNCT_TAG = re.compile("[!?:]$")
_GREEK = re.compile("^[\u0370-\u03ff]$")

SKIP_WORDS = (
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through"
).split() + [" thru"] + (
    "throughout thruout till to toward towards under underneath until unto up upon versus vs. "
    "v. vs v via vis-à-vis with within without"
).split() + [
    "according to", "ahead of", "apart from", "as for", "as of", "as per", "as regards",
    "aside from", "back to", "because of", "close to", "due to", "except for", "far from",
    "inside of", "instead of", "near to", "next to", "on to", "out from", "out of",
    "outside of", "prior to", "pursuant to", "rather than", "regardless of", "such as",
    "that of", "up to", "where as", "or", "yet", "so", "for", "and", "nor", "a", "an", "the",
    "de", "d'", "von", "van", "c", "ca",
]  # fmt: skip


def skip_words_regex(words: Sequence[str]) -> re.Pattern[str]:
    # Words are used as regular-expression source, as citeproc-js does ("vs." matches "vsx").
    alternation = "|".join(words)
    return re.compile(f"(?:(?:[?!:]*\\s+|-|^)(?:{alternation})(?=[!?:]*\\s+|-|$))")


DEFAULT_SKIP_WORDS = skip_words_regex(SKIP_WORDS)


_FIRST_CHAR = re.compile(r"(^\s*)(.)(.*)", re.S)


def capitalise(word: str) -> str:
    match = _FIRST_CHAR.match(word)
    if match and not (_GREEK.match(match.group(2)) and not match.group(3)):
        return match.group(1) + match.group(2).upper() + match.group(3)
    return word


@dataclass
class _Split:
    tags: list[str]
    strings: list[str]
    original: list[str] = field(default_factory=list)


def _split(text: str) -> _Split:
    text = _CLASS_SPAN.sub(r"\1 \2\3", text)
    text = _SMALL_CAPS_SPAN.sub(r"\1 \2 \3;\4\5", text)
    tags = _TAG_SPLIT.findall(text)
    if not tags:
        return _Split([], [text], [text])
    strings = _TAG_SPLIT.split(text)
    for i in range(len(tags) - 1, -1, -1):
        if tags[i] == "'" and strings[i + 1] and strings[i + 1][0] != " ":
            strings[i + 1] = tags[i] + strings[i + 1]
            tags[i] = ""
    return _Split(tags, strings, list(strings))


def _join(split: _Split) -> str:
    parts = [split.strings[0]]
    for tag, string in zip(split.tags, split.strings[1:], strict=False):
        parts.append(tag)
        parts.append(string)
    return "".join(parts)


def _split_words(text: str) -> tuple[list[str], list[str]]:
    separators = _WORD_SPLIT.findall(text)
    return _WORD_SPLIT.split(text), separators


def _join_words(words: list[str], separators: list[str]) -> str:
    parts = [words[0]]
    for sep, word in zip(separators, words[1:], strict=False):
        parts.append(sep)
        parts.append(word)
    return "".join(parts)


class _Engine:
    """State of one text-case run over a string (citeproc-js's _textcaseEngine)."""

    def __init__(self, use_quotes: bool, track_punct: bool, is_first: bool | None) -> None:
        self.quote_state: list[tuple[str, str, int | None]] | None = [] if use_quotes else None
        self.after_punct: bool | None = False if track_punct else None
        self.is_first = is_first
        self.last_word: tuple[int, int] | None = None
        self.skip: re.Pattern[str] | None = None

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        raise NotImplementedError

    def run(self, text: str) -> str:
        if not text:
            return ""
        split = _split(text)
        self.split = split
        if split.strings and split.strings[0].strip():
            following = split.tags[0] if split.tags else None
            split.strings[0] = self.capitalise_words(split.strings[0], 0, following)
        tag_state: list[str] = []
        for i, tag in enumerate(split.tags):
            original = split.strings[i + 1]
            if tag in _TAG_CLOSERS:
                tag_state.append(_TAG_CLOSERS[tag])
            elif tag_state and tag == tag_state[-1]:
                tag_state.pop()
            if self.after_punct is not None and _PUNCT_TAG.search(tag):
                self.after_punct = True
            if not tag_state:
                # citeproc-js passes its split object, not the next tag, here.
                split.strings[i + 1] = self.capitalise_words(original, i + 1, split)
            elif split.strings[i + 1].strip():
                self.last_word = None
            if self.quote_state is not None:
                position = self._quote_fix(tag, i)
                if position is not None:
                    first_char = split.original[position + 1][:1]
                    split.strings[position + 1] = first_char + split.strings[position + 1][1:]
                    self.last_word = None
            if self.is_first and original.strip():
                self.is_first = False
            if self.after_punct and original.strip():
                self.after_punct = False
        if self.quote_state:
            for _opener, _closer, position in self.quote_state:
                if position is not None:
                    first_char = split.original[position + 1][:1]
                    split.strings[position + 1] = first_char + split.strings[position + 1][1:]
        if self.last_word is not None and self.skip is not None:
            string_index, word_index = self.last_word
            words, separators = _split_words(split.strings[string_index])
            last = words[word_index]
            if len(last) > 1 and self.skip.search(last.lower()):
                words[word_index] = capitalise(last)
            split.strings[string_index] = _join_words(words, separators)
        return _join(split)

    def _quote_fix(self, tag: str, position: int) -> int | None:
        match = _QUOTE_FIX.search(tag)
        if not match:
            return None
        quote = match.group(1)
        assert self.quote_state is not None
        if quote in ("\u201c", "\u2018", ' "', " '"):
            if not self.quote_state or quote == self.quote_state[-1][0]:
                opener, closer = _QUOTE_PARAMS[quote]
                self.quote_state.append((opener, closer, position))
                return None
            previous = self.quote_state.pop()[2]
            opener, closer = _QUOTE_PARAMS[quote]
            self.quote_state.append((opener, closer, None))
            return previous
        if self.quote_state and quote == self.quote_state[-1][1]:
            self.quote_state.pop()
            return None
        return position


class _Lowercase(_Engine):
    def __init__(self) -> None:
        super().__init__(False, False, None)

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        return " ".join(w.lower() if w else w for w in text.split(" "))


class _Uppercase(_Engine):
    def __init__(self) -> None:
        super().__init__(False, False, None)

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        return " ".join(w.upper() if w else w for w in text.split(" "))


class _Sentence(_Engine):
    def __init__(self) -> None:
        super().__init__(True, False, True)

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        words = text.split(" ")
        for i, word in enumerate(words):
            if word:
                if self.is_first:
                    words[i] = capitalise(word)
                    self.is_first = False
                else:
                    words[i] = word.lower()
        return " ".join(words)


class _Title(_Engine):
    def __init__(self, skip: re.Pattern[str]) -> None:
        super().__init__(True, True, True)
        self.skip = skip

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        if not text.strip():
            return text
        words, separators = _split_words(text)
        last = len(words) - 1
        assert self.skip is not None
        for j, word in enumerate(words):
            if not word:
                continue
            lower = word.lower()
            capitalize = (
                (len(word) > 1 and not self.skip.search(lower))
                or (j == last and following == "-")
                or bool(self.is_first)
                or bool(self.after_punct)
            )
            if capitalize and word == lower:
                words[j] = capitalise(word)
            self.after_punct = False
            self.is_first = False
            self.last_word = (index, j)
        return _join_words(words, separators)


class _CapitalizeFirst(_Engine):
    def __init__(self) -> None:
        super().__init__(True, False, True)

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        words, separators = _split_words(text)
        for i, word in enumerate(words):
            if word and self.is_first:
                if word == word.lower():
                    words[i] = capitalise(word)
                self.is_first = False
                break
        return _join_words(words, separators)


class _CapitalizeAll(_Engine):
    def __init__(self) -> None:
        super().__init__(True, False, None)

    def capitalise_words(self, text: str, index: int, following: object) -> str:
        words, separators = _split_words(text)
        for i, word in enumerate(words):
            if word and word == word.lower():
                words[i] = capitalise(word)
        return _join_words(words, separators)


_TURKIC_UPPER = str.maketrans({"i": "\u0130", "\u0131": "I"})
_TURKIC_LOWER = str.maketrans({"I": "\u0131", "\u0130": "i"})


def apply_text_case(
    text_case: str,
    text: str,
    skip_words: re.Pattern[str] = DEFAULT_SKIP_WORDS,
    language: str = "",
) -> str:
    """Apply a CSL ``text-case`` value to a string that may hold inline markup.

    Upper and lower case follow the record's language where it matters (Turkish and
    Azerbaijani dotted and dotless i), as JavaScript's toLocaleUpperCase does.
    """
    if language[:2].lower() in ("tr", "az"):
        if text_case == "uppercase":
            text = text.translate(_TURKIC_UPPER)
        elif text_case == "lowercase":
            text = text.translate(_TURKIC_LOWER)
    factories: dict[str, Callable[[], _Engine]] = {
        "lowercase": _Lowercase,
        "uppercase": _Uppercase,
        "sentence": _Sentence,
        "title": lambda: _Title(skip_words),
        "capitalize-first": _CapitalizeFirst,
        "capitalize-all": _CapitalizeAll,
    }
    factory = factories.get(text_case)
    if factory is None:  # "passthrough", "normal" and unknown values change nothing
        return text
    return factory().run(text)
