"""CSL behaviours found by rendering real records in many styles (issue 13).

Each test is a small style and a record, and what citeproc-js prints for them: the rule
behind a difference found against citeproc-js, not the style that showed it.
"""

from __future__ import annotations

from typing import Any

from sarcref.rendering import CiteItem, Processor

from .styles import make_style


def bib(style: Any, items: list[dict[str, Any]], fmt: str = "text") -> list[str]:
    return Processor(style, items, fmt=fmt).bibliography().entries  # type: ignore[arg-type]


def cite(style: Any, items: list[dict[str, Any]], ids: list[str], fmt: str = "text") -> str:
    return Processor(style, items, fmt=fmt).citation(ids)  # type: ignore[arg-type]


def book(key: str, title: str, **fields: Any) -> dict[str, Any]:
    return {"id": key, "type": "book", "title": title, **fields}


# -- cs:label ---------------------------------------------------------------------------
def test_a_label_prints_its_term_even_when_its_variable_is_empty() -> None:
    # harvard-cite-them-right: "(5 vol)" for number-of-volumes, labelled by volume.
    style = make_style(
        '<layout><group delimiter=" " prefix="(" suffix=")">'
        '<text variable="number-of-volumes"/>'
        '<label variable="volume" form="short" strip-periods="true"/>'
        "</group></layout>"
    )
    assert cite(style, [book("f", "Lectures", **{"number-of-volumes": "3"})], ["f"]) == "(3 vol)"


def test_a_group_without_its_variable_still_hides_the_label() -> None:
    style = make_style(
        '<layout><group delimiter=" "><label variable="volume" form="short"/>'
        '<text variable="volume"/></group></layout>'
    )
    assert (
        cite(style, [book("f", "Lectures")], ["f"])
        == "[CSL STYLE ERROR: reference with no printed form.]"
    )


def test_a_locator_label_without_a_locator_is_the_page_term() -> None:
    # latin-american-research-review prints "p. " when a cite has no locator.
    style = make_style(
        '<layout prefix="(" suffix=")"><group><text variable="volume" suffix=", "/>'
        '<label variable="locator" form="short" suffix=" "/><text variable="locator"/>'
        "</group></layout>"
    )
    item = book("c", "Case", volume="569")
    assert cite(style, [item], ["c"]) == "(569, p. )"
    processor = Processor(style, [item])
    with_locator = processor.citation([], [CiteItem("c", locator="12", label="chapter")])
    assert with_locator == "(569, chap. 12)"


# -- subsequent-author-substitute ----------------------------------------------------------
MLA_LIKE = """
<macro name="author">
  <names variable="composer">
    <name name-as-sort-order="first" initialize="false"/>
    <label form="long" prefix=", "/>
    <substitute>
      <names variable="author"/>
      <names variable="guest"><name name-as-sort-order="first" initialize="false"/></names>
      <names variable="editor"/>
    </substitute>
  </names>
</macro>
"""


def mla_like(substitute: str = "———") -> Any:
    return make_style(
        '<layout><text macro="author"/></layout>',
        '<layout suffix="."><group delimiter=". "><text macro="author"/>'
        '<text variable="title"/></group></layout>',
        macros=MLA_LIKE,
        bibliography_attrs=f' subsequent-author-substitute="{substitute}"',
    )


EDEL = [{"family": "Edel", "given": "Leon"}]


def test_names_found_after_an_empty_names_element_are_not_substituted() -> None:
    # modern-language-association: for an edited volume, the substitute's cs:names for
    # guests (the first with a cs:name of its own) ends empty, and citeproc-js then
    # substitutes no later names of the entry (nor remembers them for the next entry).
    # A childless cs:names only lends its variable to the cs:names around it.
    items = [
        book("a", "Alpha", author=EDEL),
        book("b", "Beta", editor=EDEL),
        book("c", "Gamma", author=EDEL),
        book("d", "Delta", author=EDEL),
    ]
    assert bib(mla_like(), items) == [
        "Edel, Leon. Alpha.",
        "Edel, Leon, editor. Beta.",
        "———. Gamma.",
        "———. Delta.",
    ]


def test_names_found_through_childless_names_elements_are_substituted() -> None:
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><group delimiter=". "><names variable="author"><name/><label prefix=", "/>'
        '<substitute><names variable="translator"/><names variable="editor"/></substitute>'
        '</names><text variable="title"/></group></layout>',
        bibliography_attrs=' subsequent-author-substitute="---"',
    )
    items = [book("a", "Alpha", editor=EDEL), book("b", "Beta", editor=EDEL)]
    assert bib(style, items) == ["Leon Edel, editor. Alpha", "---, editor. Beta"]


def test_names_of_the_first_names_element_are_substituted() -> None:
    items = [book("a", "Alpha", editor=EDEL), book("b", "Beta", editor=EDEL)]
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<layout><group delimiter=". "><names variable="editor"><name/>'
        '<label prefix=", "/></names><text variable="title"/></group></layout>',
        bibliography_attrs=' subsequent-author-substitute="---"',
    )
    assert bib(style, items) == ["Leon Edel, editor. Alpha", "---, editor. Beta"]


# -- et-al in first and subsequent cites ----------------------------------------------------
def test_a_first_cite_shows_the_names_its_subsequent_form_shows() -> None:
    # zeitschrift-fur-geschichtsdidaktik: et-al-use-first 1, et-al-subsequent-use-first 2.
    # citeproc-js registers every item by its subsequent form and never shows fewer names
    # than that; so its first cite shows two names, not one.
    style = make_style(
        '<layout><names variable="author"><name delimiter="/"/>'
        '<et-al prefix="/"/></names></layout>',
        cls="note",
        citation_attrs=' et-al-min="4" et-al-use-first="1" et-al-subsequent-min="3"'
        ' et-al-subsequent-use-first="2"',
    )
    item = book(
        "g",
        "Nets",
        author=[{"family": name} for name in ("Goodfellow", "Pouget-Abadie", "Mirza", "Xu")],
    )
    assert cite(style, [item], ["g"]) == "Goodfellow/Pouget-Abadie/et al."
    processor = Processor(style, [item])
    assert processor.citation([], [CiteItem("g", position=1)]) == "Goodfellow/Pouget-Abadie/et al."


def test_the_bibliography_keeps_its_own_et_al() -> None:
    style = make_style(
        '<layout><names variable="author"/></layout>',
        '<layout><names variable="author"><name delimiter="/"/>'
        '<et-al prefix="/"/></names></layout>',
        cls="note",
        citation_attrs=' et-al-subsequent-min="2" et-al-subsequent-use-first="2"',
        bibliography_attrs=' et-al-min="2" et-al-use-first="1"',
    )
    item = book("g", "Nets", author=[{"family": n} for n in ("Goodfellow", "Mirza", "Xu")])
    assert bib(style, [item]) == ["Goodfellow et al."]


# -- affixes with character references -------------------------------------------------------
def test_a_character_reference_written_escaped_in_an_affix_is_decoded() -> None:
    # deutsches-archaologisches-institut writes prefix=",&amp;#10;": citeproc-js's own
    # XML reader decodes "&amp;" first and then "&#10;", so the prefix holds a line break.
    style = make_style('<layout><text variable="title" prefix="[&amp;#10;]"/></layout>')
    item = book("t", "Title")
    assert cite(style, [item], ["t"]) == "[\n]Title"
    assert cite(style, [item], ["t"], "html") == "[\n]Title"


def test_an_escaped_ampersand_stays_an_ampersand() -> None:
    style = make_style('<layout><text variable="title" prefix="&amp;amp; "/></layout>')
    assert cite(style, [book("t", "Title")], ["t"]) == "&amp; Title"


# -- name particles ------------------------------------------------------------------------
def test_particles_join_family_names_with_a_no_break_space_in_french() -> None:
    style = make_style(
        '<layout><names variable="author"><name/></names></layout>',
        style_attrs=' default-locale="fr-FR"',
    )
    item = book(
        "h",
        "Innovation",
        author=[{"family": "Hippel", "given": "Eric", "non-dropping-particle": "von"}],
    )
    assert cite(style, [item], ["h"]) == "Eric von\u00a0Hippel"
    english = make_style('<layout><names variable="author"><name/></names></layout>')
    assert cite(english, [item], ["h"]) == "Eric von Hippel"


# -- disambiguation in numeric styles --------------------------------------------------------
def test_numeric_cites_are_all_alike_to_disambiguation() -> None:
    # serdica-journal-of-computing: citation numbers are left out of the cites that
    # disambiguation compares, so every item is ambiguous and gets a year suffix.
    style = make_style(
        '<layout prefix="[" suffix="]"><text variable="citation-number"/></layout>',
        '<layout><text variable="citation-number" suffix=". "/><text variable="title"/>'
        '<date variable="issued" prefix=" "><date-part name="year"/></date></layout>',
        citation_attrs=' disambiguate-add-year-suffix="true"',
    )
    items = [
        book("a", "One", issued={"date-parts": [[2012]]}),
        book("b", "Two", issued={"date-parts": [[2016]]}),
    ]
    assert bib(style, items) == ["1. One 2012a", "2. Two 2016b"]
    assert cite(style, items, ["b"]) == "[2]"


# -- text case -------------------------------------------------------------------------------
def test_uppercase_follows_the_locale_when_the_record_has_no_language() -> None:
    # uludag-universitesi-...-full-note (tr-TR): "Li" becomes "Lİ", as toLocaleUpperCase.
    style = make_style(
        '<layout><text variable="title" text-case="uppercase"/></layout>',
        style_attrs=' default-locale="tr-TR"',
    )
    assert cite(style, [book("t", "Li")], ["t"]) == "L\u0130"
    assert cite(style, [book("t", "Li", language="en")], ["t"]) == "LI"


# -- name-part formatting ------------------------------------------------------------------
def test_a_names_element_in_a_substitute_takes_the_name_parts_around_it() -> None:
    # citeproc-js hands a cs:names the cs:name-part elements last read inside the
    # outermost cs:names, macros included.
    style = make_style(
        '<layout><names variable="author"><name><name-part name="family" '
        'text-case="uppercase"/></name><substitute><text macro="editor"/></substitute>'
        "</names></layout>",
        macros='<macro name="editor"><names variable="editor"><name/></names></macro>',
    )
    edited = book("e", "Essays", editor=[{"family": "Edel", "given": "Leon"}])
    assert cite(style, [edited], ["e"]) == "Leon EDEL"


# -- the layout suffix with display ------------------------------------------------------------
def test_with_display_the_layout_suffix_is_lost_after_an_empty_macro() -> None:
    # currents-in-biblical-research: citeproc-js puts the suffix on the layout's last
    # output node, which an empty macro call (or cs:names) leaves behind.
    def style(last: str) -> Any:
        return make_style(
            '<layout><text variable="title"/></layout>',
            '<layout suffix=". "><group display="block"><text variable="title"/></group>'
            f'<text variable="publisher" prefix=" "/>{last}</layout>',
            macros='<macro name="url"><text variable="URL"/></macro>',
        )

    item = book("p", "Title", publisher="Press")
    assert bib(style('<text macro="url"/>'), [item]) == ["\nTitle Press"]
    assert bib(style('<text variable="URL"/>'), [item]) == ["\nTitle Press. "]
    with_url = book("p", "Title", publisher="Press", URL="https://example.org")
    assert bib(style('<text macro="url"/>'), [with_url]) == ["\nTitle Presshttps://example.org. "]


# -- citation clusters -------------------------------------------------------------------
def collapsing(attributes: str, sort: str = "") -> Any:
    return make_style(
        f'{sort}<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
        '<names variable="author"/><date variable="issued"><date-part name="year"/></date>'
        "</group></layout>",
        '<sort><key variable="title"/></sort><layout><text variable="title"/></layout>',
        citation_attrs=f' disambiguate-add-year-suffix="true"{attributes}',
    )


EIN_1905 = [
    book(key, f"T{key}", author=[{"family": "Ein"}], issued={"date-parts": [[1905]]})
    for key in "abcd"
]


def test_year_suffixes_out_of_sequence_join_with_the_cite_delimiter() -> None:
    # annals-of-applied-biology sorts cites newest first: "1905c, b,a". citeproc-js joins
    # a suffix out of sequence as a new cite (", " after a collapsed one), except the
    # last such join, and consecutive suffixes with the year-suffix delimiter.
    descending = '<sort><key variable="title" sort="descending"/></sort>'
    style = collapsing(' collapse="year-suffix" year-suffix-delimiter=","', descending)
    assert cite(style, EIN_1905, ["a", "b", "c", "d"]) == "(Ein 1905d, c, b,a)"
    assert cite(style, EIN_1905, ["a", "c", "d"]) == "(Ein 1905d, c,a)"
    plain = collapsing(' collapse="year-suffix"', descending)
    assert cite(plain, EIN_1905, ["a", "b", "c", "d"]) == "(Ein 1905d, c, b; a)"
    ascending = collapsing(' collapse="year-suffix-ranged" year-suffix-delimiter=","')
    assert cite(ascending, EIN_1905, ["a", "b", "c", "d"]) == "(Ein 1905a\u2013d)"
    assert cite(ascending, EIN_1905, ["a", "c", "d"]) == "(Ein 1905a,c,d)"


def test_a_cluster_sorts_by_its_keys_alone_and_a_document_keeps_authors_together() -> None:
    # makeCitationCluster (one cluster, as `sarcref cite --mode citation`) sorts by the
    # keys; processCitationCluster (citations in a document) first groups each author's
    # cites in styles that collapse.
    style = make_style(
        '<sort><key variable="title"/></sort><layout prefix="(" suffix=")" delimiter="; ">'
        '<group delimiter=" "><names variable="author"/><date variable="issued">'
        '<date-part name="year"/></date></group></layout>',
        citation_attrs=' collapse="year"',
    )
    items = [
        book("a", "Zeta", author=[{"family": "Ein"}], issued={"date-parts": [[1905]]}),
        book("b", "Beta", author=[{"family": "Bohr"}], issued={"date-parts": [[1913]]}),
        book("c", "Alpha", author=[{"family": "Ein"}], issued={"date-parts": [[1906]]}),
    ]
    processor = Processor(style, items)
    assert processor.citation(["a", "b", "c"]) == "(Ein 1906; Bohr 1913; Ein 1905)"
    grouped = processor.sort_cites([CiteItem(key) for key in "abc"])
    assert [c.id for c in grouped] == ["c", "a", "b"]
    assert processor.citation([], grouped, presorted=True) == "(Ein 1906, 1905; Bohr 1913)"


# -- names: institutions -------------------------------------------------------------------
def test_a_final_institution_takes_the_delimiter_set_on_the_name_itself() -> None:
    # austrian-journal-of-development-studies sets name-delimiter="/" on the style:
    # citeproc-js's institution node does not inherit it ("van Mulbregt, Paul, SciPy 1.0
    # Contributors").
    style = make_style(
        '<layout><names variable="author"><name/></names></layout>',
        style_attrs=' name-delimiter="/"',
    )
    people = [{"family": "Pedregosa", "given": "F."}, {"family": "Mulbregt", "given": "P."}]
    scipy = {"literal": "SciPy 1.0 Contributors"}
    item = book("s", "SciPy", author=[*people, scipy])
    assert cite(style, [item], ["s"]) == "F. Pedregosa/P. Mulbregt, SciPy 1.0 Contributors"
    explicit = make_style('<layout><names variable="author"><name delimiter="/"/></names></layout>')
    assert cite(explicit, [item], ["s"]) == "F. Pedregosa/P. Mulbregt/SciPy 1.0 Contributors"


# -- sorting ---------------------------------------------------------------------------------
def test_a_sort_key_counting_no_names_is_zero_and_sorts_first() -> None:
    # palaeovertebrata, multilingual-matters: a names count of nothing is "0" in a key.
    style = make_style(
        '<layout><text variable="title"/></layout>',
        '<sort><key macro="count"/></sort><layout><text variable="title"/></layout>',
        macros='<macro name="count"><names variable="author"><name form="count"/></names></macro>',
    )
    items = [
        book("a", "One author", author=EDEL),
        book("b", "Edited", editor=EDEL),
        book("c", "Two authors", author=EDEL * 2),
    ]
    assert bib(style, items) == ["Edited", "One author", "Two authors"]


def test_sort_keys_compare_in_the_locale_language() -> None:
    # universitetet-i-oslo-rettsvitenskap (nb-NO): "Håstad" sorts after "Hippel", as å
    # follows z in Norwegian; root collation (English) puts it with the a's.
    def ordered(locale: str) -> list[str]:
        style = make_style(
            '<layout><text variable="title"/></layout>',
            '<sort><key variable="author"/></sort><layout><names variable="author">'
            '<name form="short"/></names></layout>',
            style_attrs=f' default-locale="{locale}"',
        )
        items = [
            book("h", "Some results", author=[{"family": "Håstad", "given": "Johan"}]),
            book("v", "Innovation", author=[{"family": "Hippel", "given": "Eric"}]),
        ]
        return bib(style, items)

    assert ordered("nb-NO") == ["Hippel", "Håstad"]
    assert ordered("en-US") == ["Håstad", "Hippel"]


def test_only_variables_stand_in_for_names_in_author_substitution() -> None:
    # modern-chinese-literature-and-culture: two entries whose substitute prints the
    # term "Anon." are not substituted; citeproc-js compares the variables a substitute
    # printed (their values, not their printed form).
    def entries(substitute: str) -> list[str]:
        style = make_style(
            '<layout><text variable="title"/></layout>',
            '<layout><group delimiter=". "><names variable="author"><name/>'
            f"<substitute>{substitute}</substitute></names>"
            '<text variable="title"/></group></layout>',
            bibliography_attrs=' subsequent-author-substitute="---"',
        )
        items = [book("a", "Same", publisher="Press"), book("b", "Same", publisher="press")]
        return bib(style, items)

    anonymous = '<text term="anonymous" form="short" text-case="capitalize-first"/>'
    assert entries(anonymous) == ["Anon. Same", "Anon. Same"]
    assert entries('<text variable="title"/>') == ["Same", "---"]
    upper = '<text variable="publisher" text-case="uppercase"/>'
    assert entries(upper) == ["PRESS. Same", "PRESS. Same"]


# -- dates ---------------------------------------------------------------------------------
def test_the_year_suffix_follows_the_year_without_the_date_delimiter() -> None:
    # springer-vancouver-author-date's localized text date: "1905a May", not "1905 a May".
    style = make_style(
        '<layout><names variable="author"/><date variable="issued" prefix=" ">'
        '<date-part name="year"/></date></layout>',
        '<layout><date variable="issued" form="text"/></layout>',
        citation_attrs=' disambiguate-add-year-suffix="true"',
        locale='<locale xml:lang="en"><date form="text" delimiter=" "><date-part name="year"/>'
        '<date-part name="month" form="short" strip-periods="true"/></date></locale>',
    )
    items = [book(key, key, author=EDEL, issued={"date-parts": [[1905, 5]]}) for key in ("a", "b")]
    assert bib(style, items) == ["1905a May", "1905b May"]


# -- "normal" formatting in html ------------------------------------------------------------
def test_a_names_elements_own_bold_does_not_call_for_a_normal_inside_it() -> None:
    # universitat-freiburg-geschichte: citeproc-js decides whether a font-weight="normal"
    # on a cs:name is needed without the cs:names' own formatting (it sees a bold group
    # around the cs:names, not a bold cs:names).
    def html(layout: str) -> str:
        style = make_style(f"<layout>{layout}</layout>")
        item = book("a", "T", author=[{"family": "Lerman", "given": "Daniel"}])
        return cite(style, [item], ["a"], "html")

    inside = '<names variable="author" font-weight="bold"><name font-weight="normal"/></names>'
    assert html(inside) == "<b>Daniel Lerman</b>"
    around = '<group font-weight="bold"><names variable="author"><name font-weight="normal"/>'
    assert html(around + "</names></group>") == (
        '<b><span style="font-weight:normal;">Daniel Lerman</span></b>'
    )


def test_a_normal_title_holding_italic_markup_keeps_its_span_when_the_markup_ends_it() -> None:
    # hydrobiologia, inter-research-science-center: citeproc-js keeps the span when the
    # title's last piece is italic (it looks at the last piece's formatting).
    style = make_style('<layout><text variable="title" font-style="normal"/></layout>')
    ending = book("t", "Mutations in <i>Drosophila</i>")
    starting = book("u", "<i>Drosophila</i> mutations")
    assert cite(style, [ending], ["t"], "html") == (
        '<span style="font-style:normal;">Mutations in <i>Drosophila</i></span>'
    )
    assert cite(style, [starting], ["u"], "html") == "<i>Drosophila</i> mutations"
