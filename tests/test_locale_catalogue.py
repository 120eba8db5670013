"""Locales: the tags sarcref accepts for ``cite --locale``."""

from __future__ import annotations

import pytest

from sarcref import UsageError
from sarcref.locale_catalogue import available_locales, check_locale


def test_the_locales_of_citeproc_py_are_available() -> None:
    assert {"en-US", "en-GB", "de-DE", "fr-FR", "zh-CN"} <= set(available_locales())


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("en-GB", "en-GB"), ("en_gb", "en-GB"), ("DE", "de"), ("de-LU", "de-LU"), ("ar", "ar")],
)
def test_known_languages_are_accepted_in_canonical_form(given: str, canonical: str) -> None:
    assert check_locale(given) == canonical


def test_an_unknown_locale_is_a_usage_error_with_suggestions() -> None:
    with pytest.raises(UsageError) as caught:
        check_locale("eng")
    assert caught.value.message == "unknown locale 'eng'"
    assert caught.value.hint is not None and "en-US" in caught.value.hint
