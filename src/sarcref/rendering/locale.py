"""Locales: terms, date formats, ordinals and options for one output language.

A locale is assembled the way citeproc-js assembles it: the locale file of the base dialect
(en-US for every English), then the file of the requested dialect, then the style's own
``<locale>`` elements (no language, bare language, base dialect, exact dialect), each layer
replacing single term forms. Locale files come from citeproc-py's data directory and are
parsed once per process with the safe parser.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from typing import Any

from ..locale_catalogue import locales_dir
from .casing import SKIP_WORDS, skip_words_regex
from .xmlsafe import CSL_NS, parse_xml_file

TermValue = str | tuple[str, str]
DatePartSpec = dict[str, str]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@functools.lru_cache(maxsize=1)
def _lang_bases() -> dict[str, str]:
    with open(locales_dir() / "locales.json", encoding="utf-8") as file:
        primary: dict[str, str] = json.load(file)["primary-dialects"]
    return primary


def resolve_language(lang: str) -> tuple[str, str, str]:
    """(base, best, bare) for a language tag, as citeproc-js's localeResolve."""
    parts = re.split(r"[-_]", lang)
    bare = parts[0]
    base = _lang_bases().get(bare)
    if base is None:
        return "en-US", lang, bare
    if len(parts) == 1 or parts[1] == "x":
        best = base
    else:
        best = "-".join(parts[:2])
    return base, best, bare


@functools.lru_cache(maxsize=64)
def _locale_file_element(lang: str) -> Any | None:
    path = locales_dir() / f"locales-{lang}.xml"
    if not path.exists():
        return None
    return parse_xml_file(str(path)).getroot()


class Locale:
    """Everything localisable for one language, merged from all layers."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.terms: dict[str, dict[str, Any]] = {}
        self.noun_genders: dict[str, str] = {}
        self.type_genders: dict[str, str] = {}
        self.dates: dict[str, list[DatePartSpec]] = {}
        self.date_delimiters: dict[str, str] = {}
        self.ordinal_keys: set[str] = set()
        self.ordinals_101: dict[str, dict[str, dict[str, str]]] | None = None
        self.punctuation_in_quote = False
        self.limit_day_ordinals_to_day_1 = False
        self.skip_words = skip_words_regex(SKIP_WORDS)
        # citeproc-js joins name particles to family names with a no-break space in
        # French, Russian and Czech.
        self.particle_space = "\u00a0" if lang[:2] in ("fr", "ru", "cs") else " "
        self._cache: dict[tuple[str, str, int, str | None], str | None] = {}

    # -- building ------------------------------------------------------------------------
    def add_layer(self, locale_element: Any) -> None:
        """Overlay one ``<locale>`` element (from a locale file or the style)."""
        ns = f"{{{CSL_NS}}}"
        terms_nodes = [t for ts in locale_element.iterchildren(ns + "terms") for t in ts]
        term_nodes = [t for t in terms_nodes if t.tag == ns + "term"]
        if any(t.get("name") == "ordinal" for t in term_nodes):
            for key in self.ordinal_keys:
                self.terms.pop(key, None)
            self.ordinal_keys = set()
            self.ordinals_101 = None
        ordinals: dict[str, dict[str, dict[str, str]]] = {
            "last-digit": {},
            "last-two-digits": {},
            "whole-number": {},
        }
        has_ordinal = False
        gendered: set[str] = set()
        for term in term_nodes:
            name = term.get("name", "")
            if name == "sub verbo":
                name = "sub-verbo"
            if name.startswith("ordinal"):
                if name == "ordinal":
                    has_ordinal = True
                else:
                    match = term.get("match")
                    stub = name[8:]
                    gender_form = term.get("gender-form") or "neuter"
                    if not match:
                        match = "last-digit" if stub[:1] == "0" else "last-two-digits"
                    if stub[:1] == "0":
                        stub = stub[1:]
                    ordinals[match].setdefault(stub, {})[gender_form] = name
                self.ordinal_keys.add(name)
            entry = self.terms.setdefault(name, {})
            form = term.get("form") or "long"
            gender_form_attr = term.get("gender-form")
            if term.get("gender"):
                self.noun_genders[name] = term.get("gender")
            if gender_form_attr:
                target = entry.setdefault(gender_form_attr, {})
                gendered.add(name)
            else:
                target = entry
            single = term.find(ns + "single")
            multiple = term.find(ns + "multiple")
            if multiple is not None:
                target[form] = (
                    single.text or "" if single is not None else "",
                    multiple.text or "",
                )
            else:
                text = term.text or ""
                if "\n" in text and not text.strip():
                    text = ""  # an empty term written over several lines
                target[form] = text
        self.terms.setdefault("supplement", {}).setdefault("long", ("supplement", "supplements"))
        if has_ordinal:
            for name in gendered:
                entry = self.terms[name]
                genders = {k: v for k, v in entry.items() if k in ("masculine", "feminine")}
                if len(genders) == len(entry):
                    chosen = genders.get("feminine") or genders.get("masculine") or {}
                    entry.update(chosen)
            self.ordinals_101 = ordinals
        for entry in self.terms.values():
            for gender in ("masculine", "feminine"):
                sub = entry.get(gender)
                if isinstance(sub, dict):
                    for form, value in entry.items():
                        if form not in ("masculine", "feminine") and form not in sub:
                            sub[form] = value
        for options in locale_element.iterchildren(ns + "style-options"):
            for attr, value in options.attrib.items():
                if attr == "punctuation-in-quote":
                    self.punctuation_in_quote = value == "true"
                elif attr == "limit-day-ordinals-to-day-1":
                    self.limit_day_ordinals_to_day_1 = value == "true"
                elif attr == "skip-words":
                    self.skip_words = skip_words_regex(re.split(r"\s*,\s*", value))
        for date in locale_element.iterchildren(ns + "date"):
            form = date.get("form", "")
            self.dates[form] = [dict(part.attrib) for part in date.iterchildren(ns + "date-part")]
            self.date_delimiters[form] = date.get("delimiter", "")
        for types in locale_element.iterchildren(ns + "types"):
            for node in types.iterchildren(ns + "type"):
                self.type_genders[node.get("name", "")] = node.get("gender", "")
        self._cache.clear()

    # -- lookups ----------------------------------------------------------------------------
    def term(
        self, name: str, form: str = "long", plural: int = 0, gender: str | None = None
    ) -> str | None:
        """A term's text, falling back across forms; None when the term does not exist."""
        key = (name, form, plural, gender)
        try:
            return self._cache[key]
        except KeyError:
            pass
        value = self._lookup(name, form, plural, gender)
        self._cache[key] = value
        return value

    def _lookup(self, name: str, form: str, plural: int, gender: str | None) -> str | None:
        entry = self.terms.get(name)
        if entry is None:
            return None
        if gender and isinstance(entry.get(gender), dict):
            entry = entry[gender]
        if form == "symbol":
            forms: Iterable[str] = ("symbol", "short", "long")
        elif form == "verb-short":
            forms = ("verb-short", "verb", "long")
        elif form != "long":
            forms = (form, "long")
        else:
            forms = ("long",)
        for candidate in forms:
            value = entry.get(candidate)
            if value is None or isinstance(value, dict):
                continue
            if isinstance(value, tuple):
                return str(value[1] if plural else value[0])
            return str(value)
        return ""

    def has_term(self, name: str) -> bool:
        return name in self.terms

    def ordinal_suffix(self, number: int, gender: str | None = None) -> str:
        text = str(number)
        if self.ordinals_101 is not None:
            suffix = self.term("ordinal", "long", 0, gender) or ""
            for try_gender in ([gender] if gender else []) + ["neuter"]:
                for match, key in (
                    ("whole-number", text),
                    ("last-two-digits", text[-2:]),
                    ("last-digit", text[-1:]),
                ):
                    names = self.ordinals_101[match].get(key)
                    if names and try_gender in names:
                        suffix = self.term(names[try_gender], "long", 0, gender) or ""
                        break
                if suffix:
                    break
            return suffix
        suffixes = [self.term(f"ordinal-0{i}", "long", 0, gender) or "" for i in range(1, 5)]
        if (number // 10) % 10 == 1 or 10 < number < 20:
            return suffixes[3]
        if number % 10 == 1 and number % 100 != 11:
            return suffixes[0]
        if number % 10 == 2 and number % 100 != 12:
            return suffixes[1]
        if number % 10 == 3 and number % 100 != 13:
            return suffixes[2]
        return suffixes[3]

    def ordinal(self, number: int, gender: str | None = None) -> str:
        return f"{number}{self.ordinal_suffix(number, gender)}"

    def long_ordinal(self, number: int, gender: str | None = None) -> str:
        key = f"long-ordinal-{number:02d}" if number < 10 else f"long-ordinal-{number}"
        value = self.term(key, "long", 0, gender)
        if not value:
            return self.ordinal(number, gender)
        return value


def build_locale(lang: str, style_locales: list[Any]) -> Locale:
    """Merge locale files and the style's ``<locale>`` elements for ``lang``."""
    base, best, bare = resolve_language(lang)
    locale = Locale(best)
    if best == "en-US":
        element = _locale_file_element("en-US")
        if element is not None:
            locale.add_layer(element)
    else:
        if base != best:
            element = _locale_file_element(base)
            if element is not None:
                locale.add_layer(element)
        element = _locale_file_element(best)
        if element is not None:
            locale.add_layer(element)
        elif base == best or _locale_file_element(base) is None:
            fallback = _locale_file_element("en-US")
            if fallback is not None:
                locale.add_layer(fallback)
    layers = ["", bare] + ([base] if base != best else []) + [best]
    for wanted in layers:
        for element in style_locales:
            if (element.get(XML_LANG) or "") == wanted:
                locale.add_layer(element)
                break
    for name, default in (
        ("page-range-delimiter", "-" if best[:2].lower() in ("fr", "pt") else "\u2013"),
        ("year-range-delimiter", "\u2013"),
        ("citation-range-delimiter", "\u2013"),
    ):
        if name not in locale.terms:
            locale.terms[name] = {"long": default}
    return locale
