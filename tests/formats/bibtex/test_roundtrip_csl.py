"""Every CSL variable BibTeX can carry survives export to BibTeX and import back.

The records are generated in the form import gives (single spaces, lists joined with
"; ", a short title only where import would not derive it) and must come back equal;
docs/bibtex.md lists the variables BibTeX cannot carry.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcref.formats import export, read_records
from sarcref.formats.bibtex.from_csl import TYPES_FROM_CSL, write
from sarcref.formats.bibtex.to_csl import CHAPTER_TYPES, SERIES_NUMBERED_TYPES
from sarcref.records import CSL_TYPES, Record

SETTINGS = settings(
    max_examples=int(os.environ.get("SARCREF_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

letters = st.characters(categories=["L"], exclude_characters="\u0130\u0131")
word = st.text(letters, min_size=1, max_size=7)
special = st.sampled_from(["&", "50%", "#1", "a_b", "$5", "{x}", "~", "^", "\\", "--", "“q”"])
text = st.lists(st.one_of(word, word, word, special), min_size=1, max_size=5).map(" ".join)
rich = st.one_of(
    text,
    st.tuples(text, text).map(lambda p: f"{p[0]} <i>{p[1]}</i>"),
    st.tuples(text, word).map(lambda p: f'{p[0]} <span class="nocase">{p[1]}</span>'),
)
# A title import would not derive a short title from (no ": " in it).
title = rich.filter(lambda t: ": " not in t)
items = st.lists(text.filter(lambda t: ";" not in t), min_size=1, max_size=3).map("; ".join)

person = st.one_of(
    st.fixed_dictionaries({"family": word}, optional={"given": word}),
    st.fixed_dictionaries({"family": word, "given": word, "dropping-particle": st.just("von")}),
    st.fixed_dictionaries(
        {"family": word, "given": word, "non-dropping-particle": st.just("van der")}
    ),
    st.fixed_dictionaries({"family": word, "given": word, "suffix": st.just("Jr.")}),
    st.fixed_dictionaries({"literal": text}),
)
people = st.lists(person, min_size=1, max_size=3)

year = st.integers(1, 2100)
date = st.one_of(
    st.builds(lambda y: {"date-parts": [[y]]}, year),
    st.builds(lambda y, m: {"date-parts": [[y, m]]}, year, st.integers(1, 12)),
    st.builds(
        lambda y, m, d: {"date-parts": [[y, m, d]]}, year, st.integers(1, 12), st.integers(1, 28)
    ),
    st.builds(lambda y: {"date-parts": [[y], [y + 2]]}, year),
    st.builds(lambda y: {"date-parts": [[y], [0]]}, year),
    st.builds(lambda y: {"date-parts": [[-y]]}, year),
    st.builds(lambda y: {"date-parts": [[y]], "circa": True}, year),
    st.builds(lambda y, s: {"date-parts": [[y]], "season": s}, year, st.integers(1, 4)),
    st.builds(lambda w: {"literal": w}, word),
)

plain_variables = {
    "volume": text,
    "issue": text,
    "page": st.sampled_from(["3-8", "e123", "101", "iv-x"]),
    "edition": text,
    "version": text,
    "number-of-pages": st.integers(1, 999).map(str),
    "number-of-volumes": st.integers(1, 9).map(str),
    "chapter-number": st.integers(1, 30).map(str),
    "ISBN": st.just("978-3-16-148410-0"),
    "ISSN": st.just("0097-8493"),
    "PMID": st.integers(1, 10**8).map(str),
    "PMCID": st.integers(1, 10**7).map(lambda n: f"PMC{n}"),
    "call-number": text,
    "DOI": st.sampled_from(["10.1000/xyz_1", "10.1097/MOP.0000000000000165"]),
    "URL": st.just("https://example.org/a_b?x=1%20y"),
    "genre": text,
    "status": text,
    "keyword": text,
    "event-place": text,
    "language": st.sampled_from(["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "zh", "tlh"]),
    "publisher": items,
    "publisher-place": items,
    "original-publisher": items,
    "original-publisher-place": items,
}
rich_variables = {
    "container-title-short": rich,
    "collection-title": rich,
    "event-title": rich,
    "original-title": rich,
    "note": rich,
    "annote": rich,
    "abstract": rich,
}
date_variables = ("issued", "accessed", "event-date", "original-date")
name_variables = ("author", "editor", "translator", "container-author")
# The roles BibTeX writes as editora/b/c with a type: at most three besides the editor.
role_variables = ("compiler", "organizer", "director", "contributor", "illustrator", "narrator")


@st.composite
def records(draw: Any) -> dict[str, Any]:
    item_type = draw(st.sampled_from(sorted(CSL_TYPES)))
    bibtex_type = TYPES_FROM_CSL[item_type][0]
    csl: dict[str, Any] = {"id": "k", "type": item_type, "title": draw(title)}
    for variable, strategy in {**plain_variables, **rich_variables}.items():
        if draw(st.booleans()):
            csl[variable] = draw(strategy)
    for variable in (*date_variables, *name_variables):
        if draw(st.booleans()):
            csl[variable] = draw(date if variable in date_variables else people)
    for variable in draw(st.lists(st.sampled_from(role_variables), max_size=3, unique=True)):
        csl[variable] = draw(people)
    if draw(st.booleans()):
        csl["title-short"] = draw(rich)
    if draw(st.booleans()):
        csl["number"] = draw(text)
    if bibtex_type in SERIES_NUMBERED_TYPES and draw(st.booleans()):
        csl["collection-number"] = draw(text)
    if draw(st.booleans()):
        csl["container-title"] = draw(rich)
    if draw(st.booleans()) and item_type != "periodical":
        if bibtex_type not in CHAPTER_TYPES or "container-title" in csl:
            csl["volume-title"] = draw(rich)
    if item_type == "patent" and draw(st.booleans()):
        csl["jurisdiction"] = draw(items)
    return csl


@SETTINGS
@given(records())
def test_csl_records_come_back_from_bibtex(csl: dict[str, Any]) -> None:
    record = Record(key="k", csl=csl)
    (back,) = read_records(export([record], "bibtex"), "bibtex")
    assert back.csl == csl
    # And again: the BibTeX sarcref writes reads back to the same record and fields.
    (again,) = read_records(export([back], "bibtex"), "bibtex")
    assert (again.csl, again.extra) == (back.csl, back.extra)


@SETTINGS
@given(records(), st.booleans())
def test_ascii_bibtex_and_biblatex_carry_the_same(csl: dict[str, Any], ascii_only: bool) -> None:
    record = Record(key="k", csl=csl)
    # ASCII LaTeX escapes; or BibLaTeX's names (journaltitle, location, date).
    exported = write([record], ascii_only=ascii_only, biblatex=not ascii_only)
    (back,) = read_records(exported, "bibtex")
    assert back.csl == csl
