"""CSL records to RIS, as Zotero writes them, and back: what RIS can carry comes back."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcref.formats import export, read_records
from sarcref.formats.ris import mapping
from sarcref.formats.ris.from_csl import record_to_tags
from sarcref.records import CSL_TYPES, CSL_VARIABLES, DATE_VARIABLES, NAME_VARIABLES, Record

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = settings(
    max_examples=int(os.environ.get("SARCREF_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_zotero_conventions_where_ris_has_no_plain_tag() -> None:
    record = Record(
        key="k",
        csl={
            "type": "article-journal",
            "title": "T",
            "author": [
                {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
                {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
                {"family": "Smith", "given": "Jo", "suffix": "Jr."},
                {"family": "Plato"},
                {"literal": "World Health Organization"},
            ],
            "issued": {"date-parts": [[2015, 1, 15], [2015, 1, 20]]},
            "accessed": {"date-parts": [[2020, 3]]},
            "page": "3-8",
            "note": "Extra, as Zotero calls it",
            "annote": "A reader's note",
            "PMID": "123",
            "PMCID": "PMC456",
        },
    )
    assert record_to_tags(record) == {
        "TY": ["JOUR"],
        "ID": ["k"],
        "TI": ["T"],
        "AU": [
            "van der Berg, Jan",
            "Beethoven, Ludwig van",
            "Smith, Jo, Jr.",
            "Plato,",
            "World Health Organization",
        ],
        "C2": ["123", "PMC456"],
        "DA": ["2015-01-15/2015-01-20"],  # a range, as an ISO 8601 interval
        "PY": ["2015"],
        "SP": ["3"],
        "EP": ["8"],
        "M2": ["Extra, as Zotero calls it"],  # Zotero reads M2 into Extra
        "Y2": ["2020/03//"],
        "N1": ["A reader's note"],  # Zotero writes its notes in N1
    }


def test_what_the_record_kept_from_a_ris_import_is_written_back() -> None:
    text = "TY  - EJOUR\nID  - 889\nTI  - T\nU2  - L2000000001\nAB  - One\nAB  - Two\nER  - \n"
    (record,) = read_records(text, "ris")
    assert export([record], "ris") == (
        "TY  - EJOUR\nID  - 889\nTI  - T\nAB  - One\nAB  - Two\nU2  - L2000000001\nER  - \n"
    )


def test_a_type_without_a_ris_type_of_its_own_is_written_as_zotero_writes_it() -> None:
    record = Record(key="k", csl={"type": "interview", "title": "T"})
    assert record_to_tags(record)["TY"] == ["PCOMM"]
    assert read_records(export([record], "ris"), "ris")[0].type == "personal_communication"


# -- the round trip ------------------------------------------------------------------------

capital_word = st.from_regex(r"[A-Z][a-z\u00e0-\u00ff]{1,8}", fullmatch=True)
lower_word = st.from_regex(r"[a-z]{1,5}", fullmatch=True)
words = st.lists(capital_word, min_size=1, max_size=3).map(" ".join)
# One line of text: no line breaks, no space at either end, no double spaces (Rayyan's
# "value     XX  - value" reads as two tags), nothing that reads as a tag.
line = (
    st.text(
        st.characters(
            exclude_categories=["Cc", "Cs", "Zl", "Zp", "Zs"],
            include_characters=" ",
        ),
        min_size=1,
        max_size=40,
    )
    .map(lambda t: re.sub(r"\s+", " ", t).strip())
    .filter(lambda t: t and not re.match(r"[A-Z][A-Z0-9] {1,2}-", t))
)
# Text of several lines under 65 characters (longer ones may be read as wrapped).
lines = st.lists(line.filter(lambda t: len(t) < 60), min_size=1, max_size=4).map("\n".join)

name = st.one_of(
    st.fixed_dictionaries({"family": words}, optional={"given": words}),
    st.fixed_dictionaries(
        {"family": words, "given": words},
        optional={
            "non-dropping-particle": lower_word,
            "suffix": st.sampled_from(["Jr.", "III"]),
        },
    ),
    st.fixed_dictionaries({"given": words}),
    st.builds(lambda a, b: {"literal": f"{a} {b}"}, words, capital_word),
)
year = st.integers(1000, 2100)
date = st.one_of(
    st.builds(lambda y: {"date-parts": [[y]]}, year),
    st.builds(lambda y, m: {"date-parts": [[y, m]]}, year, st.integers(1, 12)),
    st.builds(
        lambda y, m, d: {"date-parts": [[y, m, d]]}, year, st.integers(1, 12), st.integers(1, 28)
    ),
    st.builds(lambda y, s: {"date-parts": [[y]], "season": s}, year, st.integers(1, 4)),
    st.builds(lambda y: {"date-parts": [[y], [y + 2]]}, year),
    st.builds(lambda y, m: {"date-parts": [[y, m, 1], [y, m, 9]]}, year, st.integers(1, 12)),
    st.builds(lambda t: {"literal": t}, st.from_regex(r"[a-z]{3,9}( [a-z]{2,9})?", fullmatch=True)),
)
page = st.one_of(
    st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True),
    st.builds(lambda a, b: f"{a}-{a + b}", st.integers(1, 999), st.integers(1, 50)),
    st.sampled_from(["e123", "3\u20138", "A1-A5", "iv-xi", "12, 14"]),
)
SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "page": page,
    "DOI": st.from_regex(r"10\.[0-9]{4,5}/[a-z0-9.]{0,8}[a-z0-9]", fullmatch=True),
    "PMID": st.from_regex(r"[1-9][0-9]{4,8}", fullmatch=True),
    "PMCID": st.from_regex(r"PMC[1-9][0-9]{3,7}", fullmatch=True),
    "URL": st.from_regex(r"https://example\.org/[a-z0-9]{1,10}", fullmatch=True),
    "ISSN": st.from_regex(r"[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True),
    "ISBN": st.from_regex(r"97[89]-[0-9]-[0-9]{3}-[0-9]{5}-[0-9]", fullmatch=True),
    "keyword": st.lists(words, min_size=1, max_size=4).map(", ".join),
    "abstract": lines,
    "note": lines,
    "annote": lines,
    # EPPI-Reviewer writes "Family (2024)" in ST: such a value is not read as a short title.
    "title-short": line.filter(lambda t: not re.search(r"\(\d{4}[a-z]?\)$", t)),
}


def value_for(variable: str) -> st.SearchStrategy[Any]:
    if variable in NAME_VARIABLES:
        return st.lists(name, min_size=1, max_size=3)
    if variable in DATE_VARIABLES:
        return date
    return SPECIAL.get(variable, line)


@st.composite
def carried_record(draw: st.DrawFn, number: int) -> Record:
    csl_type = draw(st.sampled_from(sorted(t for t in CSL_TYPES if mapping.round_trips(t))))
    variables = sorted(mapping.carried(csl_type))
    chosen = draw(st.lists(st.sampled_from(variables), unique=True, max_size=len(variables)))
    csl: dict[str, Any] = {"type": csl_type, "title": draw(line)}
    for variable in chosen:
        csl[variable] = draw(value_for(variable))
    kind = mapping.kind_of(csl_type)[1]
    if kind == "journalArticle" and "container-title-short" in csl:
        # Zotero takes a journal article's abbreviation for its journal when it has none.
        csl.setdefault("container-title", draw(line))
    if csl.get("annote") == csl["title"]:
        del csl["annote"]  # EndNote repeats the title as a note: that note is dropped
    return Record(key=f"k{number}", csl={**csl, "id": f"k{number}"})


@SETTINGS
@given(
    st.lists(st.integers(), min_size=1, max_size=4).flatmap(
        lambda seeds: st.tuples(*(carried_record(n) for n in range(len(seeds))))
    )
)
def test_every_variable_ris_carries_comes_back(records: tuple[Record, ...]) -> None:
    first = read_records(export(list(records), "ris"), "ris")
    assert [r.csl for r in first] == [r.csl for r in records]
    second = read_records(export(first, "ris"), "ris")
    assert [(r.csl, r.extra) for r in second] == [(r.csl, r.extra) for r in first]


def test_the_variables_ris_cannot_carry_are_listed_in_the_docs() -> None:
    carried = {v for t in CSL_TYPES for v in mapping.carried(t)}
    docs = (ROOT / "docs" / "ris.md").read_text(encoding="utf-8")
    section = docs.split("## What RIS cannot carry\n\n### Variables\n", 1)[1].split("\n#", 1)[0]
    listed = set(re.findall(r"`([A-Za-z_-]+)`", section)) - {"ID"}
    assert listed == CSL_VARIABLES - carried
