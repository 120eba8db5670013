"""Sort-key comparison as citeproc-js's localeCompare (ICU, base strength, numeric)."""

from __future__ import annotations

import pytest

from sarcref.rendering.sorting import collation_key, collation_language


def ordered(words: list[str], language: str = "") -> list[str]:
    return sorted(words, key=lambda word: collation_key(word, language))


def test_root_collation_ignores_case_accents_and_punctuation_and_reads_numbers() -> None:
    words = ["a9", "a10", "d\u2019Arc", "Dare", "Eagle", "\u00e9mile", "Zeta"]
    assert ordered(list(reversed(words))) == words
    assert collation_key("\u00c9mile") == collation_key("emile")
    assert collation_key("d\u2019Arc") == collation_key("dArc")


# Each list in the order Node's Intl.Collator (what citeproc-js uses) gives it.
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["M\u00fcller", "Yngve", "Zorn", "\u00c5berg", "\u00c4lv", "\u00d6berg"]),
        ("nb", ["Hippel", "H\u00e5stad", "Zorn", "\u00c6r\u00f8", "\u00d8degaard", "\u00c5sen"]),
        ("da", ["Yde", "Zorn", "\u00c6r\u00f8", "\u00d8degaard", "\u00c5bo"]),
        ("pl", ["Lis", "\u0141ukasz", "Mazur", "Zeman", "\u0179rebiec", "\u017bak"]),
        ("cs", ["Cihla", "\u010capek", "Dvo\u0159\u00e1k", "Rada", "\u0158ez\u00e1\u010d", "Sova"]),
        (
            "tr",
            ["Cem", "\u00c7elik", "Hakan", "Ilgaz", "\u0130nan", "Ozan", "\u00d6z", "\u015eahin"],
        ),
        ("es", ["Nu\u00f1ez", "Nylon", "\u00d1and\u00fa", "Oca"]),
    ],
)
def test_letters_a_language_sorts_as_their_own(language: str, words: list[str]) -> None:
    assert ordered(list(reversed(words)), language) == words
    assert ordered(list(reversed(words))) != words  # (root collation sorts them otherwise)


def test_the_collation_language_comes_from_the_locale() -> None:
    assert collation_language("nb-NO") == "nb"
    assert collation_language("sv") == "sv"
    assert collation_language("de-DE") == ""  # German sorts as root
    assert collation_language("en-US") == ""
