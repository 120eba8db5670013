"""Language codes and names as databases write them, to BCP 47."""

from __future__ import annotations

import pytest

from sarcref.formats.languages import bcp47

# The codes MEDLINE writes in LA (NLM's list, MARC codes), and their BCP 47 tags.
MEDLINE_CODES = {
    "afr": "af", "alb": "sq", "amh": "am", "ara": "ar", "arm": "hy", "aze": "az", "ben": "bn",
    "bos": "bs", "bul": "bg", "cat": "ca", "chi": "zh", "cze": "cs", "dan": "da", "dut": "nl",
    "eng": "en", "epo": "eo", "est": "et", "fin": "fi", "fre": "fr", "geo": "ka", "ger": "de",
    "gla": "gd", "gre": "el", "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "ice": "is",
    "ind": "id", "ita": "it", "jpn": "ja", "kin": "rw", "kor": "ko", "lat": "la", "lav": "lv",
    "lit": "lt", "mac": "mk", "mal": "ml", "mao": "mi", "may": "ms", "mul": "mul", "nor": "no",
    "per": "fa", "pol": "pl", "por": "pt", "pus": "ps", "rum": "ro", "rus": "ru", "san": "sa",
    "scc": "sr", "scr": "hr", "slo": "sk", "slv": "sl", "spa": "es", "srp": "sr", "swe": "sv",
    "tha": "th", "tur": "tr", "ukr": "uk", "und": "und", "urd": "ur", "vie": "vi", "wel": "cy",
}  # fmt: skip


@pytest.mark.parametrize(("code", "tag"), sorted(MEDLINE_CODES.items()))
def test_every_medline_language_code_has_its_bcp47_tag(code: str, tag: str) -> None:
    assert bcp47(code) == tag


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("deu", "de"),  # ISO 639-2/T spellings too
        ("fra", "fr"),
        ("English", "en"),  # Web of Science, Scopus, Embase
        ("german", "de"),
        ("Greek, Modern", "el"),
        ("Norwegian Bokmål", "nb"),
        ("en-US", "en-US"),  # BCP 47 already
        ("pt-BR", "pt-BR"),
    ],
)
def test_names_and_tags_are_understood(value: str, tag: str) -> None:
    assert bcp47(value) == tag


@pytest.mark.parametrize("value", ["", "xyz", "Klingon", "q-1"])
def test_what_is_no_language_gives_none(value: str) -> None:
    assert bcp47(value) is None
