"""Generated keys: first author, year, first significant title word."""

from __future__ import annotations

import re

import pytest

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


# -- the key formula ------------------------------------------------------------------


def test_the_default_formula_is_the_key_sarcref_always_gave() -> None:
    from sarcref.keys import DEFAULT_FORMAT, KeyFormat

    lerman = record(
        author=[{"family": "Lerman", "given": "Daniel M."}, {"family": "Randall"}],
        title="Local control of metastatic sarcoma",
        issued={"date-parts": [[2015, 1, 1]]},
    )
    assert KeyFormat(DEFAULT_FORMAT).key(lerman) == base_key(lerman) == "lerman2015local"
    assert KeyFormat("{auth}{year}{shorttitle}").key(lerman) == "lerman2015local"


@pytest.mark.parametrize(
    ("formula", "key"),
    [
        ("{auth|capitalize}{year}", "Lerman2015"),
        ("{authors:2}-{year}", "lermanrandall-2015"),
        ("{auth}_{title:3}", "lerman_localcontrolmetastatic"),
        ("{auth|upper}:{year}", "LERMAN:2015"),
        ("{journal}{year}", "current2015"),
        ("{type}.{auth}", "articlejournal.lerman"),
    ],
)
def test_a_formula_picks_folds_and_cases(formula: str, key: str) -> None:
    from sarcref.keys import KeyFormat

    lerman = record(
        type="article-journal",
        author=[{"family": "Lerman", "given": "Daniel M."}, {"family": "Randall"}],
        title="Local control of metastatic sarcoma",
        issued={"date-parts": [[2015]]},
        **{"container-title": "Current Opinion in Pediatrics"},
    )
    assert KeyFormat(formula).key(lerman) == key


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("{author}", "unknown field '{author}'"),
        ("{auth|shout}", "unknown modifier '|shout'"),
        ("{title:0}", "not a count from 1 to 20"),
        ("{auth} {year}", "has ' ' at column 7"),
        ("plain", "has no field"),
    ],
)
def test_a_malformed_formula_is_a_usage_error_pointing_at_it(formula: str, says: str) -> None:
    from sarcref.errors import UsageError
    from sarcref.keys import KeyFormat

    with pytest.raises(UsageError, match=re.escape(says)):
        KeyFormat(formula)


def test_suffixes_are_given_in_linear_time_per_stem() -> None:
    from sarcref.keys import KeyAllocator

    allocator = KeyAllocator({"anon", "anona"})
    keys = [allocator.allocate("anon") for _ in range(30)]
    assert keys[:3] == ["anonb", "anonc", "anond"]
    assert len(set(keys)) == 30
    # The counter remembers where the stem got to: the next one does not start again at a.
    assert allocator.next_suffix["anon"] == 32


def test_digits_only_file_keys_are_replaced_and_kept(library_path: object) -> None:
    from sarcref import Library
    from sarcref.importing import Source

    ris = "TY  - JOUR\nID  - 20203155626\nAU  - Doe, Jane\nTI  - A trial\nPY  - 2020\nER  - \n"
    with Library(str(library_path)) as library:
        report = library.import_sources([Source("ovid.ris", ris)])
        (renamed,) = report.renamed
        assert (renamed.old_key, renamed.new_key) == ("20203155626", "doe2020trial")
        assert library.get("doe2020trial").extra["file-key"] == "20203155626"


def test_importing_a_file_twice_renames_nothing(library_path: object) -> None:
    from sarcref import Library
    from sarcref.importing import Source

    bib = "".join(
        f"@book{{same,\n  title = {{Copy {n}}},\n  author = {{Doe, Jane}},\n  year = {{2020}}\n}}\n"
        for n in range(3)
    )
    with Library(str(library_path)) as library:
        library.import_sources([Source("a.bib", bib)])
        first = {r.key: r.title for r in library.all()}
        again = library.import_sources([Source("a.bib", bib)])
        assert (len(again.added), len(again.renamed)) == (0, 0)
        assert {r.key: r.title for r in library.all()} == first
