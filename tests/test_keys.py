"""Generated keys: first author, year, first significant title word."""

from __future__ import annotations

from sarcref.keys import ascii_lower, base_key, unique_key
from sarcref.records import Record


def record(**csl: object) -> Record:
    return Record(key="", csl={"type": "book", **csl})


def test_a_key_is_author_year_and_first_significant_word() -> None:
    lerman = record(
        author=[{"family": "Lerman", "given": "Daniel"}],
        issued={"date-parts": [[2015, 1, 1]]},
        title="Local control of metastatic sarcoma",
    )
    assert base_key(lerman) == "lerman2015local"


def test_keys_are_ascii_lower_case() -> None:
    assert ascii_lower("Łukasiewicz") == "lukasiewicz"
    assert ascii_lower("Gödel-Straße") == "godelstrasse"
    godel = record(author=[{"family": "Gödel"}], title="Über formal unentscheidbare Sätze")
    assert base_key(godel) == "godeluber"


def test_stop_words_markup_particles_and_corporate_authors() -> None:
    assert base_key(record(title='The <span class="nocase">DNA</span> of it')) == "anondna"
    assert (
        base_key(
            record(author=[{"family": "Gogh", "non-dropping-particle": "van"}], title="A letter")
        )
        == "vangoghletter"
    )
    who = record(author=[{"literal": "World Health Organization"}], title="Report")
    assert base_key(who) == "worldreport"


def test_taken_keys_get_a_b_c_then_aa() -> None:
    taken = {"doe2020", "doe2020a"}
    assert unique_key("doe2020", taken) == "doe2020b"
    assert unique_key("free", taken) == "free"
    many = {"k"} | {"k" + chr(c) for c in range(ord("a"), ord("z") + 1)}
    assert unique_key("k", many) == "kaa"
