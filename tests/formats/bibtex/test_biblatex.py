"""BibLaTeX -> CSL on the examples of the biblatex manual (the expected CSL written here).

Where the manual is silent the reference is pandoc's reading (``pandoc -f biblatex -t
csljson``); the tests say so. docs/bibtex.md lists where sarcref differs, and why.
"""

from __future__ import annotations

from typing import Any

from sarcref.formats import read_records, read_source


def csl_of(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: {k: v for k, v in r.csl.items() if k != "id"} for r in read_records(text)}


SHAKESPEARE = r"""
@mvbook{works, author = {Shakespeare, William}, title = {Collected Works}, volumes = {5},
        publisher = {Oxford UP}, date = {1990}}
@book{works:4, author = {Shakespeare, William}, maintitle = {Collected Works},
      title = {Sonnets}, volume = {4}}
@inbook{lear, author = {Shakespeare, William}, bookauthor = {Shakespeare, William},
        maintitle = {Collected Works}, booktitle = {Tragedies}, title = {King Lear},
        volume = {1}, pages = {53-159}}
@book{vol2, crossref = {works}, title = {Histories}, volume = {2}}
"""


def test_multi_volume_works_as_in_the_manual_titles_section() -> None:
    # Manual 2.3.4 "Titles"; volume-title as pandoc maps maintitle (CSL 1.0.2).
    works = csl_of(SHAKESPEARE)
    assert works["works"] == {
        "type": "book",
        "title": "Collected Works",
        "author": [{"family": "Shakespeare", "given": "William"}],
        "publisher": "Oxford UP",
        "number-of-volumes": "5",
        "issued": {"date-parts": [[1990]]},
    }
    assert works["works:4"] == {
        "type": "book",
        "title": "Collected Works",
        "volume-title": "Sonnets",
        "author": [{"family": "Shakespeare", "given": "William"}],
        "volume": "4",
    }
    assert works["lear"] == {
        "type": "chapter",
        "title": "King Lear",
        "container-title": "Collected Works",
        "volume-title": "Tragedies",
        "author": [{"family": "Shakespeare", "given": "William"}],
        "container-author": [{"family": "Shakespeare", "given": "William"}],
        "volume": "1",
        "page": "53-159",
    }
    # @mvbook -> @book: the parent's title is the child's maintitle (inheritance table).
    assert works["vol2"]["title"] == "Collected Works"
    assert works["vol2"]["volume-title"] == "Histories"
    assert works["vol2"]["number-of-volumes"] == "5"


def test_crossref_as_in_the_manual_cross_referencing_section() -> None:
    # Manual 2.4.1: title -> booktitle, subtitle -> booksubtitle, author -> bookauthor and
    # (the child having none) author.
    (parent, child) = read_records(
        r"""
        @book{book, author = {Author, Anne}, title = {Booktitle}, subtitle = {Booksubtitle},
              publisher = {Publisher}, location = {Location}, date = {1995}}
        @inbook{inbook, crossref = {book}, title = {Title}, pages = {5--25}}
        """
    )
    assert child.csl == {
        "id": "inbook",
        "type": "chapter",
        "title": "Title",
        "container-title": "Booktitle: Booksubtitle",
        "author": [{"family": "Author", "given": "Anne"}],
        "container-author": [{"family": "Author", "given": "Anne"}],
        "publisher": "Publisher",
        "publisher-place": "Location",
        "page": "5-25",
        "issued": {"date-parts": [[1995]]},
    }
    assert parent.csl["title-short"] == "Booktitle"  # the title without its subtitle


def test_shorttitle_and_sorting_titles_are_not_inherited() -> None:
    records = csl_of(
        r"""
        @book{b, title = {The Long Title}, shorttitle = {Long}, sorttitle = {Long Title}}
        @inbook{c, crossref = {b}, title = {Chapter}}
        @misc{m, crossref = {b}}
        """
    )
    assert "title-short" not in records["c"]
    assert records["c"]["container-title"] == "The Long Title"
    # @book -> @misc is no pair of the table: every field passes as it is.
    assert records["m"]["title"] == "The Long Title"
    assert records["m"]["title-short"] == "Long"


def test_xdata_sets_xref_and_related_entries() -> None:
    records = csl_of(
        r"""
        @set{set, entryset = {herrmann,aksin}, annotation = {A set}}
        @article{herrmann, author = {Herrmann, Wolfgang A.}, title = {A carbocyclic carbene},
                 journaltitle = {Chem. Eur. J.}, date = {2006}, xref = {set}}
        @xdata{pubdata, publisher = {Springer}, location = {Berlin and Heidelberg}}
        @book{usesx, title = {Uses Xdata}, xdata = {pubdata}, date = {2001}}
        @book{orig, author = {van Gennep, Arnold}, title = {Les rites de passage},
              publisher = {Nourry}, location = {Paris}, date = {1909}}
        @book{trans, author = {van Gennep, Arnold}, title = {The Rites of Passage},
              translator = {Vizedom, Monika B.}, related = {orig},
              relatedtype = {translationof}, date = {1960}}
        """
    )
    # The set is no work: its members are the records. The @xdata entry is data.
    assert sorted(records) == ["herrmann", "orig", "trans", "usesx"]
    assert records["herrmann"]["container-title"] == "Chem. Eur. J."
    assert records["usesx"]["publisher"] == "Springer"
    assert records["usesx"]["publisher-place"] == "Berlin; Heidelberg"
    (usesx,) = read_records("@xdata{d, note = {N}}\n@book{u, title = {T}, xdata = {d}}")
    assert usesx.extra == {"bibtex": {"type": "book"}}  # the xdata is used up: no dangling key
    van_gennep = {"family": "Gennep", "given": "Arnold", "dropping-particle": "van"}
    assert {k: v for k, v in records["trans"].items() if k.startswith("original-")} == {
        "original-title": "Les rites de passage",
        "original-date": {"date-parts": [[1909]]},
        "original-publisher": "Nourry",
        "original-publisher-place": "Paris",
        "original-author": [van_gennep],
    }


def test_xref_inherits_nothing() -> None:
    records = csl_of(
        r"""
        @book{parent, title = {Parent}, publisher = {P}}
        @inbook{child, title = {Child}, xref = {parent}}
        """
    )
    assert records["child"] == {"type": "chapter", "title": "Child"}


def test_orig_fields() -> None:
    record = csl_of(
        r"""@book{b, title = {T}, origtitle = {Orig}, origdate = {1900-05},
                   origpublisher = {OP and OQ}, origlocation = {Paris and Lyon}}"""
    )["b"]
    assert record == {
        "type": "book",
        "title": "T",
        "original-title": "Orig",
        "original-date": {"date-parts": [[1900, 5]]},
        "original-publisher": "OP; OQ",
        "original-publisher-place": "Paris; Lyon",
    }


def test_periodicals_and_journal_issues() -> None:
    records = csl_of(
        r"""
        @periodical{jcg, title = {Computers and Graphics},
                    issuetitle = {Semantic {3D} Media and Content}, volume = {35},
                    number = {4}, date = {2011}}
        @article{special, title = {A Paper}, journaltitle = {Journal},
                 issuetitle = {Special Issue}, series = {3}, volume = {15}, number = {7},
                 issue = {Spring}, date = {1995}}
        @article{newser, title = {B}, journaltitle = {J}, series = {newseries}}
        """
    )
    assert records["jcg"] == {
        "type": "periodical",
        "title": 'Semantic <span class="nocase">3D</span> Media and Content',
        "container-title": "Computers and Graphics",
        "volume": "35",
        "issue": "4",
        "issued": {"date-parts": [[2011]]},
    }
    special = records["special"]
    # CSL 1.0.2: volume-title "also for titles of periodical special issues".
    assert special["volume-title"] == "Special Issue"
    # Manual 2.3.7: an article's numbered series prints as "3rd series".
    assert special["collection-title"] == "3rd series"
    # pandoc: number and issue of an article are both the CSL issue.
    assert special["issue"] == "7, Spring"
    assert records["newser"]["collection-title"] == "new series"


def test_editorial_roles_become_csl_name_variables() -> None:
    # Manual 2.3.5 "Editorial Roles".
    record = csl_of(
        r"""@collection{c, editor = {Editor, Edward}, editortype = {compiler},
                   editora = {Redactor, Randolph}, editoratype = {redactor},
                   editorb = {Consultant, Conrad}, editorbtype = {collaborator},
                   title = {T}}"""
    )["c"]
    assert record["compiler"] == [{"family": "Editor", "given": "Edward"}]
    assert record["contributor"] == [{"family": "Consultant", "given": "Conrad"}]
    assert "editor" not in record  # a redactor has no CSL variable: kept as a field
    (item,) = read_records(r"@book{d, title = {T}, editor = {Doe, J.}, editortype = {director}}")
    assert item.csl["director"] == [{"family": "Doe", "given": "J."}]
    (founded,) = read_records(r"@book{f, title = {T}, editor = {F, F}, editortype = {founder}}")
    assert founded.csl["editor"] == [{"family": "F", "given": "F"}]
    assert founded.extra["bibtex"]["fields"] == {"editortype": "founder"}


def test_patents_theses_and_reports_use_localisation_keys() -> None:
    records = csl_of(
        r"""
        @patent{pat, title = {Elektromagnetisches Signalhorn}, number = {EU-29702195U},
                type = {patenteu}, location = {countryfr and countryuk and countryde},
                langid = {german}}
        @patent{us, title = {T}, type = {patentus}, number = {5668842}}
        @thesis{ma, title = {T}, type = {mathesis}, institution = {MIT}}
        @phdthesis{phd, title = {T}, school = {Uppsala}}
        @techreport{tr, title = {T}, institution = {UMass}}
        @report{rep, title = {R}, type = {resreport}, institution = {MIT and Harvard},
                number = {12}, pubstate = {submitted}}
        """
    )
    assert records["pat"]["genre"] == "europäisches Patent"  # in the entry's language
    assert records["pat"]["jurisdiction"] == "Frankreich; Großbritannien; Deutschland"
    assert records["pat"]["number"] == "EU-29702195U"
    assert (records["us"]["genre"], records["us"]["number"]) == ("U.S. patent", "5668842")
    assert records["ma"]["genre"] == "Master's thesis"
    # biblatex's aliases: @phdthesis and @techreport have a default type.
    assert records["phd"]["genre"] == "PhD thesis"
    assert records["tr"]["genre"] == "technical report"
    assert records["rep"] == {
        "type": "report",
        "title": "R",
        "genre": "research report",
        "publisher": "MIT; Harvard",
        "number": "12",
        "status": "submitted",
    }


def test_literal_lists_split_on_and_as_pandoc_joins_them() -> None:
    record = csl_of(
        r"""@book{b, title = {T}, location = {Durham and London},
                 publisher = {William Reid {and} Company and {Taylor and Francis}},
                 organization = {Publisher Org}}"""
    )["b"]
    assert record["publisher-place"] == "Durham; London"
    # pandoc's order: organization before publisher; a name given twice is once.
    assert record["publisher"] == "Publisher Org; William Reid and Company; Taylor and Francis"


def test_names_in_every_form() -> None:
    (record,) = read_records(
        r"""@book{n, title = {T}, author = {family=Goethe, given=Johann Wolfgang,
            prefix=von, useprefix=false and given=Hans, given-i=H, family=Müller
            and de Geer, Ingrid and Doe, Jane and others}}"""
    )
    assert record.csl["author"] == [
        {"family": "Goethe", "given": "Johann Wolfgang", "dropping-particle": "von"},
        {"family": "Müller", "given": "Hans"},
        # biblatex leaves a "von" out of citations unless useprefix: a dropping particle.
        {"family": "Geer", "given": "Ingrid", "dropping-particle": "de"},
        {"family": "Doe", "given": "Jane"},
        # pandoc writes the same; its citeproc prints it as "et al."
        {"literal": "others"},
    ]
    (prefixed,) = read_records(
        r"@book{p, title = {T}, author = {de Geer, Ingrid}, options = {useprefix=true}}"
    )
    assert prefixed.csl["author"] == [
        {"family": "Geer", "given": "Ingrid", "non-dropping-particle": "de"}
    ]


def test_languages_of_entries() -> None:
    records = csl_of(
        r"""
        @book{a, title = {T}, langid = {ngerman}}
        @book{b, title = {T}, hyphenation = {british}}
        @book{c, title = {T}, langid = {english}, langidopts = {variant=british}}
        @book{d, title = {T}, language = {\bibstring{langgerman}}}
        @book{e, title = {T}, language = {english and german}}
        """
    )
    assert [records[k].get("language") for k in "abcde"] == [
        "de-DE",
        "en-GB",
        "en-GB",
        "de-DE",
        None,  # two languages: no one code, the field is kept
    ]
    (two,) = read_records("@book{e, title = {T}, language = {english and german}}")
    assert two.extra["bibtex"]["fields"] == {"language": "english and german"}


def test_identifiers() -> None:
    records = csl_of(
        r"""
        @online{arx, title = {T}, eprint = {1234.5678}, eprinttype = {arxiv}}
        @article{pm, title = {T}, eprint = {12345}, eprinttype = {pubmed},
                 doi = {http://dx.doi.org/10.1000/XYZ}}
        @misc{jstor, title = {T}, eprint = {123}, archiveprefix = {jstor}}
        @misc{hdl, title = {T}, eprint = {10.1/2}, eprinttype = {hdl}}
        @misc{gb, title = {T}, eprint = {abc}, eprinttype = {googlebooks}}
        @misc{hp, title = {T}, howpublished = {\url{https://example.org/x}}}
        @misc{hp2, title = {T}, howpublished = {Blog post}}
        @misc{doi2, title = {T}, doi = {doi:10.1000/abc}}
        """
    )
    # URLs as pandoc builds them (and handles); the PMID as Zotero keeps it.
    assert records["arx"]["URL"] == "https://arxiv.org/abs/1234.5678"
    assert records["pm"]["URL"] == "https://www.ncbi.nlm.nih.gov/pubmed/12345"
    assert records["pm"]["PMID"] == "12345"
    assert records["pm"]["DOI"] == "10.1000/XYZ"
    assert records["jstor"]["URL"] == "https://www.jstor.org/stable/123"
    assert records["hdl"]["URL"] == "https://hdl.handle.net/10.1/2"
    assert records["gb"]["URL"] == "https://books.google.com?id=abc"
    assert records["hp"]["URL"] == "https://example.org/x"
    assert records["hp2"]["publisher"] == "Blog post"  # pandoc's reading of howpublished
    assert records["doi2"]["DOI"] == "10.1000/abc"
    (arxiv,) = read_records("@online{arx, title = {T}, eprint = {1234.5678}, eprinttype = {arxiv}}")
    # The arXiv id stays in the entry's own fields: export writes it back.
    assert arxiv.extra["bibtex"]["fields"] == {"eprint": "1234.5678", "eprinttype": "arxiv"}


def test_dates_in_every_field() -> None:
    records = csl_of(
        r"""
        @unpublished{talk, title = {A Talk}, eventtitle = {Conference}, venue = {Paris},
                     eventdate = {2001-05-02/2001-05-04}, date = {2001~}}
        @online{web, title = {T}, urldate = {2020-01-02}, date = {2004-22}}
        @misc{yr, title = {T}, year = {1990a}, month = {June}}
        @misc{months, title = {T}, year = {2001}, month = {jun--jul}}
        @misc{fc, title = {T}, year = {forthcoming}}
        @misc{bc, title = {T}, date = {-0099/1999-10-14}}
        """
    )
    # An @unpublished with an event is a speech, as pandoc reads it.
    assert records["talk"]["type"] == "speech"
    assert records["talk"]["event-date"] == {"date-parts": [[2001, 5, 2], [2001, 5, 4]]}
    assert records["talk"]["issued"] == {"date-parts": [[2001]], "circa": True}
    assert records["web"]["accessed"] == {"date-parts": [[2020, 1, 2]]}
    assert records["web"]["issued"] == {"date-parts": [[2004]], "season": 2}
    assert records["yr"]["issued"] == {"date-parts": [[1990, 6]]}
    assert records["months"]["issued"] == {"date-parts": [[2001, 6], [2001, 7]]}
    assert records["fc"]["status"] == "forthcoming"  # as pandoc adds it
    assert records["bc"]["issued"] == {"date-parts": [[-100], [1999, 10, 14]]}


def test_a_date_with_more_than_csl_holds_is_kept_for_export() -> None:
    result = read_source("@misc{u, title = {T}, date = {1723?}, urldate = {2020-05-06T10:00}}")
    (item,) = result.records
    assert item.record.csl["issued"] == {"date-parts": [[1723]]}
    assert item.record.extra["bibtex"]["fields"] == {
        "date": "1723?",
        "urldate": "2020-05-06T10:00",
    }


def test_titles_with_addons_and_short_titles() -> None:
    records = csl_of(
        r"""
        @book{a, title = {Title}, subtitle = {Sub}, titleaddon = {An addon}}
        @book{b, title = {Why?}, subtitle = {An answer}}
        @online{c, title = {CTAN: The Comprehensive TeX Archive Network}}
        @book{d, title = {Plain}}
        """
    )
    # pandoc's joins: ": " before a subtitle, ". " before an addon, a space after "?".
    assert records["a"]["title"] == "Title: Sub. An addon"
    assert records["a"]["title-short"] == "Title"
    assert records["b"]["title"] == "Why? An answer"
    assert records["c"]["title-short"] == "CTAN"  # pandoc and Chicago: up to the colon
    assert "title-short" not in records["d"]


def test_collection_with_only_a_booktitle_is_not_its_own_chapter() -> None:
    (record,) = read_records(r"@collection{c, editor = {Ed, E}, booktitle = {The Book}}")
    assert record.csl["title"] == "The Book"
    assert "container-title" not in record.csl


def test_biblatex_macros_in_printed_fields() -> None:
    (record,) = read_records(
        r"""@misc{m, title = {\mkbibquote{Quoted} and \mkbibemph{emph} {\it it} \textsc{sc}
              x\textsuperscript{2} $^{3}$ a\hyphen b c\slash d \NoCaseChange{iPhone}},
             note = {\enquote{q} \mkbibbold{bf} \href{http://x.org}{a link} \nocite{k}},
             publisher = {\mkbibacro{ACM} \textnormal{Press}}}"""
    )
    assert record.csl["title"] == (
        "“Quoted” and <i>emph</i> <i>it</i> "
        '<span style="font-variant:small-caps;">sc</span> x<sup>2</sup> <sup>3</sup> a-b c/d '
        '<span class="nocase">iPhone</span>'
    )
    assert record.csl["note"] == "“q” <b>bf</b> a link"
    assert record.csl["publisher"] == "ACM Press"


def test_biblatex_entries_come_back_from_export() -> None:
    from sarcref.formats import export

    text = r"""
    @book{orig, author = {van Gennep, Arnold}, title = {Les rites de passage},
          publisher = {Nourry}, location = {Paris}, date = {1909}, options = {useprefix},
          langid = {french}}
    @book{trans, author = {van Gennep, Arnold}, title = {The Rites of Passage},
          related = {orig}, relatedtype = {translationof}, date = {1960?},
          editor = {F, F}, editortype = {founder}, eprint = {1234.5678},
          eprinttype = {arxiv}, urldate = {2020-05-06T10:00}, pubstate = {inpress}}
    @patent{pat, title = {T}, type = {patentus}, location = {countryus and countryde},
            number = {5668842}}
    @inbook{lear, author = {Shakespeare, William}, maintitle = {Collected Works},
            booktitle = {Tragedies}, title = {King Lear}, volume = {1}, part = {2}}
    @misc{y, title = {T}, year = {1990a}, month = {jun}, howpublished = {Blog post}}
    """
    first = read_records(text)
    exported = export(first, "bibtex")
    second = read_records(exported)
    assert [(r.key, r.csl, r.extra) for r in second] == [(r.key, r.csl, r.extra) for r in first]
    # Localisation keys go back as keys, and the file's own spellings stay.
    fields = {" ".join(line.split()) for line in exported.splitlines()}
    for line in (
        "type = {patentus},",
        "location = {countryus and countryde},",
        "options = {useprefix},",
        "date = {1960?},",
        "urldate = {2020-05-06T10:00},",
        "year = {1990a},",
        "pubstate = {inpress},",
    ):
        assert line in fields


def test_biblatex_export_writes_biblatex_field_names() -> None:
    from sarcref.formats.bibtex.from_csl import write

    records = read_records(
        "@article{a, title = {T}, journal = {J}, year = 2019, month = may, address = {Berlin}}"
    )
    text = write(records, biblatex=True)
    assert "  journaltitle = {J},\n" in text
    assert "  date         = {2019-05},\n" in text
    assert "  location     = {Berlin},\n" in text
    assert [r.csl for r in read_records(text)] == [r.csl for r in records]
