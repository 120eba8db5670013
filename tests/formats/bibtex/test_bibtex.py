"""Reading BibTeX/BibLaTeX into CSL records, and writing records back as BibTeX."""

from __future__ import annotations

import pytest

from sarcref.formats import export, read_records, read_source
from sarcref.formats.bibtex.names import parse_names


def one(text: str) -> dict[str, object]:
    (record,) = read_records(text, "bibtex")
    return record.csl


def test_an_article_maps_to_csl() -> None:
    csl = one(
        r"""
        @article{lerman2015local,
          author  = {Lerman, Daniel M. and Randall, R. Lor},
          title   = {Local control of metastatic sarcoma},
          journaltitle = {Current Opinion in Pediatrics},
          shortjournal = {Curr Opin Pediatr},
          year = 2015, month = jan,
          volume = {27}, number = {1}, pages = {3--8},
          doi = {10.1097/MOP.0000000000000165},
          url = {https://example.org/a_b?x=1%20y},
          issn = {1040-8703}, keywords = {sarcoma, metastasis},
          abstract = {Survival rates remain dismal.},
        }
        """
    )
    assert csl == {
        "id": "lerman2015local",
        "type": "article-journal",
        "title": "Local control of metastatic sarcoma",
        "author": [
            {"family": "Lerman", "given": "Daniel M."},
            {"family": "Randall", "given": "R. Lor"},
        ],
        "container-title": "Current Opinion in Pediatrics",
        "container-title-short": "Curr Opin Pediatr",
        "issued": {"date-parts": [[2015, 1]]},
        "volume": "27",
        "issue": "1",
        "page": "3-8",
        "DOI": "10.1097/MOP.0000000000000165",
        "URL": "https://example.org/a_b?x=1%20y",
        "ISSN": "1040-8703",
        "keyword": "sarcoma, metastasis",
        "abstract": "Survival rates remain dismal.",
    }


def test_latex_becomes_unicode_and_braces_protect_case() -> None:
    csl = one(
        r"""@book{b, author = {G{\"o}del, Kurt and {\L}ukasiewicz, Jan},
                 title = {The {\TeX}book and the {DNA} of \emph{Homo}}}"""
    )
    assert [a["family"] for a in csl["author"]] == ["Gödel", "Łukasiewicz"]  # type: ignore[index]
    assert csl["title"] == 'The TeXbook and the <span class="nocase">DNA</span> of <i>Homo</i>'


def test_names_keep_von_and_jr_parts_and_corporate_names() -> None:
    names = parse_names(
        "von Neumann, John and Ludwig van Beethoven and Smith, Jr., John and "
        "{World Health Organization} and de la Fuente, Ana and Aristotle and others"
    )
    assert names == [
        {"family": "Neumann", "given": "John", "non-dropping-particle": "von"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        {"family": "Smith", "given": "John", "suffix": "Jr."},
        {"literal": "World Health Organization"},
        {"family": "Fuente", "given": "Ana", "non-dropping-particle": "de la"},
        {"family": "Aristotle"},
        {"literal": "others"},
    ]


def test_string_macros_month_macros_and_concatenation_resolve() -> None:
    csl = one(
        """
        @string{acm = "Association for Computing Machinery"}
        @string{conf = "Proceedings of the "}
        @inproceedings{p, title = "A {"}quoted{"} title", booktitle = conf # {Conference},
                       publisher = acm, year = 2001, month = sep}
        """
    )
    assert (
        csl["title"] == 'A <span class="nocase">"</span>quoted<span class="nocase">"</span> title'
    )
    assert csl["container-title"] == "Proceedings of the Conference"
    assert csl["publisher"] == "Association for Computing Machinery"
    assert csl["issued"] == {"date-parts": [[2001, 9]]}


def test_crossref_fills_in_what_the_child_lacks() -> None:
    records = read_records(
        """
        @inproceedings{child, author = {Doe, Jane}, title = {A paper}, crossref = {proc},
                       pages = {1--2}}
        @proceedings{proc, title = {Proceedings of Things}, publisher = {ACM}, year = {2001},
                     address = {New York}}
        """,
        "bibtex",
    )
    child = records[0]
    assert child.csl["container-title"] == "Proceedings of Things"
    assert child.csl["publisher"] == "ACM"
    assert child.csl["issued"] == {"date-parts": [[2001]]}
    assert child.csl["publisher-place"] == "New York"
    assert child.extra == {"bibtex": {"type": "inproceedings", "fields": {"crossref": "proc"}}}


def test_biblatex_dates_and_subtitles() -> None:
    csl = one("@book{d, title = {Main}, subtitle = {And more}, date = {1999-03-04/1999-04}}")
    assert csl["title"] == "Main: And more"
    assert csl["issued"] == {"date-parts": [[1999, 3, 4], [1999, 4]]}
    assert one("@misc{n, title = {T}, year = {forthcoming}}")["issued"] == {
        "literal": "forthcoming"
    }


def test_fields_without_a_csl_counterpart_are_kept_and_written_back() -> None:
    text = r"@online{w, title = {T}, file = {C:\papers\x.pdf}, tags = {a, b}, pdf_locked = {False}}"
    (record,) = read_records(text, "bibtex")
    assert record.type == "webpage"
    assert record.extra == {
        "bibtex": {
            "type": "online",
            "fields": {"file": r"C:\papers\x.pdf", "tags": "a, b", "pdf_locked": "False"},
        }
    }
    assert export([record], "bibtex") == (
        "@online{w,\n"
        "  title      = {T},\n"
        "  file       = {C:\\papers\\x.pdf},\n"
        "  tags       = {a, b},\n"
        "  pdf_locked = {False},\n"
        "}\n"
    )


def test_entry_types_map_to_csl_and_back() -> None:
    types = {
        "article": "article-journal",
        "inproceedings": "paper-conference",
        "incollection": "chapter",
        "phdthesis": "thesis",
        "techreport": "report",
        "online": "webpage",
        "unpublished": "manuscript",
        "judicial": "legal_case",
        "game": "document",  # unknown to CSL: a document, and still @game on export
    }
    for bibtex_type, csl_type in types.items():
        (record,) = read_records(f"@{bibtex_type}{{k, title = {{T}}}}", "bibtex")
        assert record.type == csl_type
        assert export([record], "bibtex").startswith(f"@{bibtex_type}{{k,")


def test_two_entries_with_one_key_are_both_read() -> None:
    records = read_records(
        "@book{same, title = {First}, author = {Roe, Ann}, year = 2001}\n"
        "@book{same, title = {Second book}, author = {Roe, Ann}, year = 2002}\n",
        "bibtex",
    )
    assert [r.key for r in records] == ["same", "roe2002second"]


def test_a_truncated_file_reports_the_entry_and_its_line() -> None:
    result = read_source("@book{ok, title = {Fine}}\n\n@article{cut, title = {Half", "bibtex")
    assert [r.record.key for r in result.records] == ["ok"]
    (problem,) = result.problems
    assert (problem.line, problem.key) == (3, "cut")
    assert str(problem).startswith("<text>:3: entry 'cut': ")


def test_a_field_given_twice_keeps_the_first_value_with_a_warning() -> None:
    # Scopus and PubMed exports repeat fields; biber and every peer read on.
    result = read_source(
        "@article{twice, title = {A}, pmid = {1}, title = {B}, pmid = {2}}", "bibtex"
    )
    (item,) = result.records
    assert (item.record.title, item.record.csl["PMID"]) == ("A", "1")
    assert result.problems == []
    assert [str(w) for w in result.warnings] == [
        "<text>:1: entry 'twice': field pmid, title appears twice; the first value is kept"
    ]


def test_export_escapes_what_bibtex_needs_and_ascii_writes_latex() -> None:
    (record,) = read_records(
        '[{"id": "x", "type": "book", "title": "Gödel & Co: 50% of #1_a", "author": '
        '[{"family": "Łukasiewicz", "given": "Jan"}], "issued": {"date-parts": [[2001]]}}]',
        "csl-json",
    )
    assert export([record], "bibtex") == (
        "@book{x,\n"
        "  author = {Łukasiewicz, Jan},\n"
        r"  title  = {Gödel \& Co: 50\% of \#1\_a},"
        "\n"
        "  year   = {2001},\n"
        "}\n"
    )
    ascii_text = export([record], "bibtex", ascii_only=True)
    assert r"{\L}ukasiewicz, Jan" in ascii_text
    assert r"G{\"{o}}del \& Co" in ascii_text
    assert ascii_text.isascii()


def test_a_big_file_read_in_two_processes_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from sarcref.formats.bibtex import reader as bibtex_reader

    entries = [
        f"@article{{k{i % 150}, title = {{Title {i}}}, journal = jn, year = {1900 + i % 100}}}"
        for i in range(300)
    ]
    entries[10] = "@inproceedings{child, title = {Paper}, crossref = {proc}}"
    entries[290] = "@proceedings{proc, title = {Proceedings}, year = {2001}}"
    text = '@string{jn = "Journal of Things"}\n' + "\n\n".join(entries) + "\n@misc{cut, title={x"
    whole = bibtex_reader.read(text, "big.bib")
    monkeypatch.setattr(bibtex_reader, "PARALLEL_FROM_BYTES", 1000)
    halves = bibtex_reader.read(text, "big.bib")
    assert halves == whole
    assert [r.line for r in whole.records] == list(range(2, 601, 2))
    last = whole.records[-1].record
    assert (last.key, last.container_title) == ("k149", "Journal of Things")
    child = whole.records[10].record
    assert (child.container_title, child.year) == ("Proceedings", 2001)
    assert [(p.line, p.key) for p in whole.problems] == [(601, "cut")]


def test_a_title_over_several_lines_is_one_line_but_an_abstract_keeps_its_lines() -> None:
    csl = one(
        "@article{m,\n  title = {A long title\n           that goes on},\n"
        "  abstract = {First paragraph.\n\nSecond paragraph.}}"
    )
    assert csl["title"] == "A long title that goes on"
    assert csl["abstract"] == "First paragraph.\n\nSecond paragraph."


def test_if_the_helper_process_cannot_start_one_process_reads_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sarcref import workers
    from sarcref.formats.bibtex import reader as bibtex_reader

    text = "\n\n".join(f"@book{{b{i}, title = {{Book {i}}}}}" for i in range(200))
    monkeypatch.setattr(bibtex_reader, "PARALLEL_FROM_BYTES", 1000)
    monkeypatch.setattr(workers, "fork_is_safe", lambda: False)
    monkeypatch.setattr(workers.sys, "executable", "/nonexistent/python")
    result = bibtex_reader.read(text, "x.bib")
    assert [r.record.key for r in result.records] == [f"b{i}" for i in range(200)]


def test_crossref_chains_self_references_and_own_dates() -> None:
    records = read_records(
        """
        @inbook{chapter, title = {A chapter}, crossref = {volume}, year = 2003}
        @book{volume, title = {Volume two}, crossref = {series}, month = mar}
        @book{series, title = {The series}, publisher = {ACM}, year = 2001, month = jan}
        @misc{loop, title = {Myself}, crossref = {loop}}
        """,
        "bibtex",
    )
    chapter, volume, series, loop = records
    assert chapter.csl["publisher"] == "ACM"  # through volume, from series
    assert chapter.container_title == "Volume two"  # a @book's title is its @inbook's booktitle
    assert chapter.csl["issued"] == {"date-parts": [[2003]]}  # its own year: no parent's month
    # @book -> @book is not in biblatex's table: the parent's title is no booktitle there.
    assert "container-title" not in volume.csl
    assert "issued" not in volume.csl  # a month of its own, so no year from the series
    assert volume.extra["bibtex"]["fields"]["month"] == "March"
    assert loop.title == "Myself"


def test_an_empty_name_is_left_out_not_an_error() -> None:
    csl = one("@book{a, title = {T}, author = {{} and Doe, Jane}, editor = {{}}}")
    assert csl["author"] == [{"family": "Doe", "given": "Jane"}]
    assert "editor" not in csl


def test_names_split_on_and_only_outside_braces() -> None:
    names = parse_names(r"{Barnes and Noble} and van der Berg, {\"A}sa and O'Neil, K.")
    assert names == [
        {"literal": "Barnes and Noble"},
        {"family": "Berg", "given": "Äsa", "non-dropping-particle": "van der"},
        {"family": "O'Neil", "given": "K."},
    ]
