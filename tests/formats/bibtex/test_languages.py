"""Language names -> BCP 47, and biblatex's localisation keys -> the words it prints."""

from __future__ import annotations

import pytest

from sarcref.formats import read_records
from sarcref.formats.bibtex.languages import babel_name, language_code, lbx_language
from sarcref.formats.bibtex.localisation import bibstring, expand_bibstrings, resolve_key


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # biblatex's "Supported Languages" table (babel names) ...
        ("english", "en-US"),  # biblatex reads "english" as American English
        ("american", "en-US"),
        ("USenglish", "en-US"),
        ("british", "en-GB"),
        ("UKenglish", "en-GB"),
        ("canadian", "en-CA"),
        ("australian", "en-AU"),
        ("newzealand", "en-NZ"),
        ("german", "de-DE"),
        ("ngerman", "de-DE"),
        ("austrian", "de-AT"),
        ("nswissgerman", "de-CH"),
        ("french", "fr-FR"),
        ("spanish", "es-ES"),
        ("italian", "it-IT"),
        ("dutch", "nl-NL"),
        ("brazil", "pt-BR"),
        ("portuges", "pt-PT"),
        ("magyar", "hu-HU"),
        ("norsk", "nb-NO"),
        ("nynorsk", "nn-NO"),
        ("slovene", "sl-SI"),
        ("serbianc", "sr-Cyrl-RS"),
        # ... polyglossia names, language keys, codes and three-letter codes.
        ("japanese", "ja-JP"),
        ("langgerman", "de-DE"),
        (r"\bibstring{langfrench}", "fr-FR"),
        ("English", "en-US"),
        ("en", "en"),
        ("en_gb", "en-GB"),
        ("eng", "en"),
        ("zh-tw", "zh-TW"),
    ],
)
def test_language_names_become_bcp47(name: str, code: str) -> None:
    assert language_code(name) == code


def test_what_names_no_single_language_is_none() -> None:
    assert language_code("english and german") is None
    assert language_code("Klingon") is None
    assert language_code("") is None


def test_polyglossia_variants() -> None:
    assert language_code("english", "variant=british") == "en-GB"
    assert language_code("english", "variant = australian") == "en-AU"
    assert language_code("german", "variant=swiss") == "de-CH"


def test_codes_go_back_to_babel_names() -> None:
    assert [babel_name(c) for c in ("en-US", "en-GB", "de-DE", "fr-FR", "zh")] == [
        "english",
        "british",
        "ngerman",
        "french",
        "chinese",
    ]
    assert babel_name("tlh") == "tlh"
    assert lbx_language("de-AT") == "austrian"
    assert lbx_language("de") == "ngerman"  # any German: the strings of the German table
    assert lbx_language(None) == "english"


def test_localisation_keys_in_each_language() -> None:
    # The words of biblatex's english.lbx, german.lbx and french.lbx.
    assert bibstring("phdthesis") == "PhD thesis"
    assert bibstring("mathesis") == "Master's thesis"
    assert bibstring("patentus") == "U.S. patent"
    assert bibstring("resreport") == "research report"
    assert bibstring("newseries") == "new series"
    assert bibstring("inpress") == "in press"
    assert bibstring("phdthesis", "ngerman") == "Dissertation"
    assert bibstring("inpress", "german") == "im Druck"
    assert bibstring("newseries", "french") == "nouvelle série"
    assert bibstring("nosuchkey") is None


def test_key_fields_and_bibstring_commands() -> None:
    assert resolve_key("techreport") == "technical report"
    assert resolve_key("Software") == "Software"  # keys are case-sensitive, as in biblatex
    assert resolve_key("Doctoral dissertation") == "Doctoral dissertation"
    assert expand_bibstrings(r"\bibstring{inpress}, \bibcpstring{newseries}") == (
        "in press, New series"
    )
    assert expand_bibstrings(r"\bibstring{unknownkey}") == "unknownkey"


def test_entries_print_keys_in_their_own_language() -> None:
    english, german = read_records(
        r"""
        @thesis{en, title = {T}, type = {phdthesis}, langid = {english}, pubstate = {inpress}}
        @thesis{de, title = {T}, type = {phdthesis}, langid = {ngerman}, pubstate = {inpress},
                series = {newseries}}
        """,
        "bibtex",
    )
    assert (english.csl["genre"], english.csl["status"], english.csl["language"]) == (
        "PhD thesis",
        "in press",
        "en-US",
    )
    assert (german.csl["genre"], german.csl["status"], german.csl["language"]) == (
        "Dissertation",
        "im Druck",
        "de-DE",
    )
    assert german.csl["collection-title"] == "neue Folge"
