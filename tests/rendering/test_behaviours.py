"""One test per CSL behaviour the rendering layer fixes over raw citeproc-py.

Each test reads as an example: a small style, a record, and what citeproc-js prints.
"""

from __future__ import annotations

from typing import Any

from sarcref.rendering import Processor, load_style

from .fidelity_support import STYLES_DIR, records_by_id
from .styles import make_style


def bib(style: Any, items: list[dict[str, Any]], fmt: str = "text") -> list[str]:
    return Processor(style, items, fmt=fmt).bibliography().entries  # type: ignore[arg-type]


def cite(style: Any, items: list[dict[str, Any]], ids: list[str], fmt: str = "text") -> str:
    return Processor(style, items, fmt=fmt).citation(ids)  # type: ignore[arg-type]


BOOK = {"id": "b", "type": "book", "title": "A title", "author": [{"family": "Doe", "given": "Jo"}]}


def test_punctuation_moves_inside_closing_quote_in_en_us() -> None:
    style = make_style(
        '<layout><text variable="title" quotes="true" suffix="."/></layout>',
    )
    assert cite(style, [BOOK], ["b"]) == "\u201cA title.\u201d"


def test_punctuation_stays_outside_closing_quote_in_en_gb() -> None:
    style = make_style(
        '<layout><text variable="title" quotes="true" suffix="."/></layout>',
        style_attrs=' default-locale="en-GB"',
    )
    assert cite(style, [BOOK], ["b"]) == "\u2018A title\u2019."


def test_initialize_false_keeps_full_given_names() -> None:
    style = make_style(
        '<layout><names variable="author"><name initialize="false" initialize-with=". "/>'
        "</names></layout>"
    )
    item = {"id": "x", "type": "book", "author": [{"family": "Lerman", "given": "Daniel M"}]}
    assert cite(style, [item], ["x"]) == "Daniel M. Lerman"


def test_initialize_with_makes_initials_and_keeps_hyphens() -> None:
    style = make_style(
        '<layout><names variable="author"><name initialize-with="."/></names></layout>'
    )
    item = {"id": "x", "type": "book", "author": [{"family": "Sartre", "given": "Jean-Paul"}]}
    assert cite(style, [item], ["x"]) == "J.-P. Sartre"


def test_second_field_align_puts_space_after_number() -> None:
    style = make_style(
        '<layout><text variable="citation-number"/></layout>',
        '<layout><text variable="citation-number" suffix="."/><text variable="title"/></layout>',
        bibliography_attrs=' second-field-align="flush"',
    )
    assert bib(style, [BOOK]) == ["1. A title"]
    assert bib(style, [BOOK], "html") == [
        '\n    <div class="csl-left-margin">1.</div><div class="csl-right-inline">A title</div>\n  '
    ]


def test_date_part_affixes_are_kept() -> None:
    style = make_style(
        '<layout><date variable="issued"><date-part name="year"/>'
        '<date-part name="month" form="short" prefix=" "/><date-part name="day" prefix=" "/>'
        "</date></layout>"
    )
    item = {"id": "d", "type": "book", "issued": {"date-parts": [[2015, 1, 1]]}}
    assert cite(style, [item], ["d"]) == "2015 Jan. 1"


def test_date_range_collapses_on_first_differing_part() -> None:
    style = make_style('<layout><date variable="issued" form="text"/></layout>')
    item = {"id": "d", "type": "book", "issued": {"date-parts": [[2000, 5, 3], [2000, 5, 5]]}}
    assert cite(style, [item], ["d"]) == "May 3\u20135, 2000"


def test_page_ranges_use_en_dash_and_page_range_format() -> None:
    style = make_style(
        '<layout><text variable="page"/></layout>', style_attrs=' page-range-format="minimal"'
    )
    item = {"id": "p", "type": "book", "page": "321-328"}
    assert cite(style, [item], ["p"]) == "321\u20138"


def test_year_suffix_disambiguates_same_author_same_year() -> None:
    style = load_style(STYLES_DIR / "apa.csl")
    records = records_by_id()
    ids = ["einstein1905elektrodynamik", "einstein1905tragheit", "einstein1905neue"]
    items = [records[i] for i in ids]
    assert cite(style, items, ids) == "(Einstein, 1905c, 1905b, 1905a)"


def test_citation_numbers_collapse_to_ranges() -> None:
    style = make_style(
        '<layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout>',
        citation_attrs=' collapse="citation-number"',
    )
    items = [{"id": str(i), "type": "book"} for i in range(1, 6)]
    assert cite(style, items, ["1", "2", "3", "5"]) == "[1\u20133,5]"


def test_two_consecutive_citation_numbers_do_not_make_a_range() -> None:
    style = make_style(
        '<layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout>',
        citation_attrs=' collapse="citation-number"',
    )
    items = [{"id": str(i), "type": "book"} for i in range(1, 3)]
    assert cite(style, items, ["1", "2"]) == "[1,2]"


def test_title_case_keeps_skip_words_lower_case() -> None:
    style = make_style('<layout><text variable="title" text-case="title"/></layout>')
    item = {"id": "t", "type": "book", "title": "the state of the art in cancer research"}
    assert cite(style, [item], ["t"]) == "The State of the Art in Cancer Research"


def test_title_case_is_not_applied_to_non_english_records() -> None:
    style = make_style('<layout><text variable="title" text-case="title"/></layout>')
    item = {"id": "t", "type": "book", "title": "zur elektrodynamik", "language": "de"}
    assert cite(style, [item], ["t"]) == "zur elektrodynamik"


def test_italic_markup_inside_italic_title_flips_to_roman() -> None:
    style = make_style('<layout><text variable="title" font-style="italic"/></layout>')
    item = {"id": "t", "type": "book", "title": "Mutations in <i>Drosophila</i>"}
    assert cite(style, [item], ["t"], "html") == (
        '<i>Mutations in <span style="font-style:normal;">Drosophila</span></i>'
    )


def test_quotes_inside_quoted_title_become_inner_quotes() -> None:
    style = make_style('<layout><text variable="title" quotes="true"/></layout>')
    item = {"id": "t", "type": "book", "title": 'So much "junk" DNA'}
    assert cite(style, [item], ["t"]) == "\u201cSo much \u2018junk\u2019 DNA\u201d"


def test_html_output_escapes_record_text() -> None:
    style = make_style('<layout><text variable="title"/></layout>')
    item = {"id": "t", "type": "book", "title": "Cats & dogs <3"}
    assert cite(style, [item], ["t"], "html") == "Cats &#38; dogs &#60;3"


def test_duplicate_punctuation_between_affixes_is_merged() -> None:
    style = make_style(
        '<layout><group delimiter=". "><text variable="title"/><text variable="publisher"/>'
        "</group></layout>"
    )
    item = {"id": "t", "type": "book", "title": "Why?", "publisher": "Press"}
    assert cite(style, [item], ["t"]) == "Why? Press"


def test_term_at_start_of_entry_is_capitalised() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><group delimiter=" "><text term="edition"/><text variable="title"/></group>'
        "</layout>",
    )
    assert bib(style, [BOOK]) == ["Edition A title"]


def test_subsequent_author_substitute_replaces_repeated_names() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<sort><key variable="title"/></sort><layout><group delimiter=". ">'
        '<names variable="author"/><text variable="title"/></group></layout>',
        bibliography_attrs=' subsequent-author-substitute="———"',
    )
    items = [
        {"id": "1", "type": "book", "title": "First", "author": [{"family": "Doe", "given": "J"}]},
        {"id": "2", "type": "book", "title": "Second", "author": [{"family": "Doe", "given": "J"}]},
    ]
    assert bib(style, items) == ["J Doe. First", "———. Second"]


def test_et_al_truncates_long_author_lists() -> None:
    style = make_style(
        '<layout><names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>'
        "</layout>"
    )
    item = {
        "id": "e",
        "type": "book",
        "author": [{"family": n, "given": "A"} for n in ("One", "Two", "Three")],
    }
    assert cite(style, [item], ["e"]) == "A One et al."


def test_non_dropping_particle_is_parsed_from_family_name() -> None:
    style = make_style(
        '<layout><names variable="author"><name name-as-sort-order="all"/></names></layout>',
        style_attrs=' demote-non-dropping-particle="never"',
    )
    item = {"id": "v", "type": "book", "author": [{"family": "van der Walt", "given": "Stefan"}]}
    assert cite(style, [item], ["v"]) == "van der Walt, Stefan"


def test_bibliography_is_sorted_by_the_style_keys() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<sort><key variable="title"/></sort><layout><text variable="title"/></layout>',
    )
    items = [
        {"id": "z", "type": "book", "title": "Zebra"},
        {"id": "a", "type": "book", "title": "ant"},
    ]
    bibliography = Processor(style, items).bibliography()
    assert bibliography.ids == ["a", "z"]


def test_unsorted_numeric_style_numbers_in_item_order() -> None:
    style = make_style(
        '<layout><text variable="citation-number"/></layout>',
        '<layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout>',
    )
    items = [
        {"id": "z", "type": "book", "title": "Zebra"},
        {"id": "a", "type": "book", "title": "Ant"},
    ]
    assert bib(style, items) == ["1. Zebra", "2. Ant"]


def test_display_block_starts_a_new_html_block() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><text variable="title" display="block"/></layout>',
    )
    assert bib(style, [BOOK], "html") == ['\n\n    <div class="csl-block">A title</div>\n']


def test_explicit_et_al_use_first_zero_shows_no_names() -> None:
    style = make_style(
        '<layout><group delimiter=" // ">'
        '<names variable="author"><name et-al-min="2" et-al-use-first="0"/></names>'
        '<names variable="author"><name et-al-min="2" et-al-use-first="1"/></names>'
        "</group></layout>"
    )
    item = {
        "id": "x",
        "type": "book",
        "author": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}],
    }
    assert cite(style, [item], ["x"]) == "John Doe et al."


def test_name_part_ending_in_no_break_space_gets_no_joining_space() -> None:
    style = make_style(
        '<layout><names variable="author"><name>'
        '<name-part name="given" suffix="&#160;"/><name-part name="family"/>'
        "</name></names></layout>"
    )
    item = {"id": "x", "type": "book", "author": [{"family": "Doe", "given": "John"}]}
    assert cite(style, [item], ["x"]) == "John\u00a0Doe"


def test_empty_editortranslator_term_keeps_editor_and_translator_apart() -> None:
    style = make_style(
        '<layout><names variable="editor translator" delimiter=", "><name/>'
        '<label prefix=" (" suffix=")"/></names></layout>',
        locale='<locale><terms><term name="editortranslator"></term></terms></locale>',
    )
    doe = [{"family": "Doe", "given": "John"}]
    item = {"id": "x", "type": "book", "editor": doe, "translator": doe}
    assert cite(style, [item], ["x"]) == "John Doe (editor), John Doe (translator)"


def test_cite_group_delimiter_joins_cites_of_one_author_without_collapse() -> None:
    style = make_style(
        '<sort><key variable="issued"/></sort><layout delimiter="; "><group delimiter=" ">'
        '<names variable="author"><name form="short"/></names>'
        '<date variable="issued" form="text" date-parts="year"/></group></layout>',
        citation_attrs=' cite-group-delimiter=", "',
    )

    def book(key: str, family: str, year: int) -> dict[str, Any]:
        author = [{"family": family, "given": "A"}]
        return {"id": key, "type": "book", "author": author, "issued": {"date-parts": [[year]]}}

    items = [book("a1", "Aalto", 2000), book("b", "Banda", 1999), book("a2", "Aalto", 2001)]
    assert cite(style, items, ["a1", "a2", "b"]) == "Banda 1999; Aalto 2000, Aalto 2001"


def test_number_element_prints_markup_in_field_as_text() -> None:
    style = make_style('<layout><number variable="number"/></layout>')
    item = {"id": "x", "type": "report", "number": "1<sup>er</sup>"}
    assert cite(style, [item], ["x"], fmt="html") == "1&#60;sup&#62;er&#60;/sup&#62;"


def test_year_suffix_collapse_applies_to_cites_without_names() -> None:
    style = make_style(
        '<layout prefix="(" suffix=")" delimiter="; "><date variable="issued">'
        '<date-part name="year"/></date></layout>',
        '<layout><text value="dummy"/></layout>',
        citation_attrs=' year-suffix-delimiter="," disambiguate-add-year-suffix="true"'
        ' collapse="year-suffix"',
    )
    items = [
        {"id": key, "type": "book", "title": key, "issued": {"date-parts": [[1965]]}}
        for key in ("x", "y")
    ]
    assert cite(style, items, ["x", "y"]) == "(1965a,b)"


def test_open_date_range_prints_the_range_delimiter() -> None:
    style = make_style(
        '<layout><date variable="issued" prefix="(" suffix=")">'
        '<date-part name="day" suffix=" "/><date-part name="month" suffix=" "/>'
        '<date-part name="year"/></date></layout>'
    )
    item = {"id": "x", "type": "book", "issued": {"date-parts": [[1987], [0]]}}
    assert cite(style, [item], ["x"]) == "(1987\u2013)"


def test_subsequent_author_substitute_replaces_what_stands_in_for_names() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout suffix="."><names variable="author"><name/>'
        '<substitute><text variable="container-title"/></substitute></names></layout>',
        bibliography_attrs=' subsequent-author-substitute="&#8212;&#8212;&#8212;"',
    )
    items = [
        {"id": key, "type": "article-newspaper", "title": key, "container-title": "Yomiuri"}
        for key in ("a", "b")
    ]
    assert bib(style, items) == ["Yomiuri.", "\u2014\u2014\u2014."]


def _locator_style() -> Any:
    return make_style(
        '<layout><group delimiter=", "><text variable="title"/><group delimiter=" ">'
        '<label variable="locator" form="short"/><text variable="locator"/>'
        "</group></group></layout>",
        locale='<locale><terms><term name="folio" form="short">fol.</term></terms></locale>',
    )


def _cite_with_locator(locator: str) -> str:
    from sarcref.rendering import CiteItem

    item = {"id": "x", "type": "book", "title": "Book Title"}
    processor = Processor(_locator_style(), [item])
    return processor.citation(["x"], cite_items=[CiteItem("x", locator=locator)])


def test_locator_starting_with_a_label_abbreviation_takes_that_label() -> None:
    assert _cite_with_locator("vol. 2") == "Book Title, vol. 2"


def test_numbers_after_an_embedded_label_do_not_make_the_label_plural() -> None:
    assert _cite_with_locator("vol. 1, fol. 186") == "Book Title, vol. 1, fol. 186"


def test_disambiguate_conditions_turn_on_one_at_a_time() -> None:
    style = make_style(
        '<layout><group delimiter=", "><names variable="author"><name/></names>'
        '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
        '<choose><if disambiguate="true"><group delimiter=" ">'
        '<label variable="edition" form="short"/><number variable="edition"/>'
        "</group></if></choose></group></layout>",
        cls="note",
    )
    smith = [{"family": "Smith", "given": "John"}]
    items = [
        {"id": "1", "type": "book", "author": smith, "title": "Book One", "edition": "3"},
        {"id": "2", "type": "book", "author": smith, "title": "Book Two", "edition": "4"},
        {"id": "3", "type": "book", "author": smith, "title": "Complete Works", "edition": "5"},
        {"id": "4", "type": "book", "author": smith, "title": "Complete Works", "edition": "6"},
    ]
    processor = Processor(style, items)
    assert [processor.citation([i]) for i in "1234"] == [
        "John Smith, Book One",
        "John Smith, Book Two",
        "John Smith, Complete Works, ed. 5",
        "John Smith, Complete Works, ed. 6",
    ]


def test_cites_are_compared_for_disambiguation_in_their_subsequent_form() -> None:
    style = make_style(
        '<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
        '<names variable="author"><name form="short" and="symbol" delimiter=", "/></names>'
        '<date variable="issued"><date-part name="year"/></date></group></layout>',
        '<layout><text variable="title"/></layout>',
        citation_attrs=' disambiguate-add-year-suffix="true" et-al-min="3" et-al-use-first="3"'
        ' et-al-subsequent-min="1" et-al-subsequent-use-first="1"',
    )

    def book(key: str, families: list[str]) -> dict[str, Any]:
        authors = [{"family": f, "given": "A"} for f in families]
        return {"id": key, "type": "book", "title": key, "author": authors,
                "issued": {"date-parts": [[2000]]}}  # fmt: skip

    items = [
        book("a", ["Baur", "Fröberg", "Baur", "Roe"]),
        book("b", ["Baur", "Schileyko", "Baur"]),
    ]
    assert cite(style, items, ["a", "b"]) == (
        "(Baur, Fröberg, Baur, et al. 2000a; Baur, Schileyko, & Baur 2000b)"
    )


def test_cites_are_compared_for_disambiguation_at_subsequent_position() -> None:
    from sarcref.rendering import CiteItem

    style = make_style(
        '<layout><choose><if position="first"><names variable="author"><name/></names>'
        '<text variable="title" prefix=", "/></if>'
        '<else><names variable="author"><name form="short"/></names>'
        '<choose><if disambiguate="true"><text variable="title" prefix=", "/></if></choose>'
        "</else></choose></layout>",
        cls="note",
    )
    doe = [{"family": "Doe", "given": "John"}]
    items = [
        {"id": "a", "type": "book", "author": doe, "title": "Book A"},
        {"id": "b", "type": "book", "author": doe, "title": "Book B"},
    ]
    processor = Processor(style, items)
    assert processor.citation(["a"], cite_items=[CiteItem("a", position=1)]) == "Doe, Book A"


def test_term_written_empty_over_several_lines_is_empty() -> None:
    style = make_style(
        '<layout><names variable="author"><name et-al-min="2" et-al-use-first="1"/>'
        '<et-al term="and others"/></names></layout>',
        locale='<locale><terms><term name="and others">\n      </term></terms></locale>',
    )
    authors = [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]
    assert cite(style, [{"id": "x", "type": "book", "author": authors}], ["x"]) == "John Doe"


def test_partial_each_substitute_replaces_a_substituted_title_too() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><names variable="author"><name/>'
        '<substitute><text variable="title"/></substitute></names></layout>',
        bibliography_attrs=' subsequent-author-substitute="---"'
        ' subsequent-author-substitute-rule="partial-each"',
    )
    items = [{"id": key, "type": "book", "title": "Title One"} for key in ("a", "b")]
    assert bib(style, items) == ["Title One", "---"]


def test_complete_each_substitutes_each_name_not_each_name_part() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><group delimiter=": "><names variable="author">'
        '<name name-as-sort-order="all"/></names><text variable="title"/></group></layout>',
        bibliography_attrs=' subsequent-author-substitute="---"'
        ' subsequent-author-substitute-rule="complete-each"',
    )
    alto = [{"family": "Alto", "given": "Alan"}]
    items = [{"id": key, "type": "book", "title": key, "author": alto} for key in ("One", "Two")]
    assert bib(style, items) == ["Alto, Alan: One", "---: Two"]


def test_givenname_registry_expands_names_in_the_bibliography_too() -> None:
    style = make_style(
        '<layout delimiter="; "><names variable="author"><name form="short"/></names></layout>',
        '<layout><group delimiter=". "><names variable="author"><name form="short"/></names>'
        '<text variable="title"/></group></layout>',
        citation_attrs=' disambiguate-add-givenname="true"'
        ' givenname-disambiguation-rule="all-names"',
    )

    def book(key: str, title: str, given: str) -> dict[str, Any]:
        return {"id": key, "type": "book", "title": title,
                "author": [{"family": "Smith", "given": given}]}  # fmt: skip

    items = [book("a", "Alpha", "John"), book("b", "Beta", "Alan")]
    assert bib(style, items) == ["John Smith. Alpha", "Alan Smith. Beta"]  # as citeproc-js


def test_quote_nesting_of_one_entry_does_not_leak_into_the_next() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>', '<layout><text variable="title"/></layout>'
    )
    items = [
        {"id": "a", "type": "book", "title": "'\"Inner\" and outer'"},
        {"id": "b", "type": "book", "title": '"Plain quoted"'},
    ]
    assert bib(style, items) == [
        "\u201c\u2018Inner\u2019 and outer\u201d",
        "\u201cPlain quoted\u201d",
    ]
