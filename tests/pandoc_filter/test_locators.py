"""Locators in citation suffixes, read as pandoc reads them."""

from __future__ import annotations

import pytest

from sarcref.pandoc_filter.locators import label_forms, parse_locator, split_locator
from sarcref.rendering import load_style
from sarcref.rendering.processor import get_locale
from sarcref.style_catalogue import resolve


@pytest.fixture(scope="module")
def forms() -> dict[str, str]:
    return label_forms(get_locale(load_style(resolve("apa").path), "en-US"))


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (", p. 3", ("page", "3")),
        (" p. 3", ("page", "3")),
        ("p.\u00a04", ("page", "4")),
        (", pp. 3-5, 7", ("page", "3-5, 7")),
        (", chap. 2, and elsewhere", ("chapter", "2")),
        (", Chapter 4", ("chapter", "4")),
        (", paras. 4-5", ("paragraph", "4-5")),
        (", sec. 3.2", ("section", "3.2")),
        (", §4", ("section", "4")),
        (", fig. 2a", ("figure", "2a")),
        (", vol. 3, p. 4", ("volume", "3")),
        (", 33", ("page", "33")),
        (", 12(a)(iv)", ("page", "12(a)(iv)")),
        (", p. iv", ("page", "iv")),
        (", {IV, 3}", ("page", "IV, 3")),
        (", {chap. A}", ("chapter", "A")),
        (", 3, emphasis added", ("page", "3")),
        (", iv", None),  # (a roman numeral is a locator only after a label)
        (", and more", None),
        (" pages", None),
    ],
)
def test_parse_locator(
    suffix: str, expected: tuple[str, str] | None, forms: dict[str, str]
) -> None:
    parsed = parse_locator(suffix, forms)
    assert (parsed[:2] if parsed else None) == expected


def test_the_rest_of_the_suffix_keeps_its_elements(forms: dict[str, str]) -> None:
    suffix = [
        {"t": "Str", "c": ","}, {"t": "Space"}, {"t": "Str", "c": "p.\u00a03,"}, {"t": "Space"},
        {"t": "Emph", "c": [{"t": "Str", "c": "passim"}]},
    ]  # fmt: skip
    label, locator, rest = split_locator(suffix, forms)
    assert (label, locator) == ("page", "3")
    assert rest == [{"t": "Str", "c": ","}, {"t": "Space"}, suffix[-1]]


def test_the_locales_terms_are_the_labels() -> None:
    german = label_forms(get_locale(load_style(resolve("apa").path), "de-DE"))
    assert parse_locator(", S. 12", german) == ("page", "12", 7)
    assert parse_locator(", Kap. 2", german) == ("chapter", "2", 8)
