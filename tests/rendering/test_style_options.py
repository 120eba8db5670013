"""Citation and bibliography options, read once when a style compiles."""

from __future__ import annotations

from sarcref.rendering import load_style

from .fidelity_support import STYLES_DIR
from .styles import make_style


def test_a_styles_citation_and_bibliography_options_are_compiled_once() -> None:
    style = load_style(STYLES_DIR / "chicago-author-date.csl").root
    citation = style.citation_options
    assert citation.collapse == "year"
    assert citation.layout_prefix == "(" and citation.layout_suffix == ")"
    assert citation.layout_delimiter == "; "
    assert citation.add_names and citation.add_givenname and citation.add_year_suffix
    assert citation.uses_names and citation.grouped_sort
    bibliography = load_style(STYLES_DIR / "modern-language-association.csl").root
    options = bibliography.bibliography_options
    assert options is not None
    assert options.subsequent_author_substitute == "\u2014\u2014\u2014"
    assert options.hanging_indent and options.entry_spacing == 0 and options.line_spacing == 2


def test_a_citation_of_numbers_alone_uses_no_names_and_sorts_ungrouped() -> None:
    numeric = make_style(
        '<layout delimiter=","><text variable="citation-number"/></layout>',
        citation_attrs=' collapse="citation-number"',
    ).root.citation_options
    assert not numeric.uses_names and not numeric.grouped_sort
    by_macro = make_style(
        '<layout><text macro="who"/></layout>',
        citation_attrs=' collapse="year"',
        macros='<macro name="who"><names variable="author"/></macro>',
    ).root.citation_options
    assert by_macro.uses_names and by_macro.grouped_sort


def test_a_style_without_a_bibliography_has_no_bibliography_options() -> None:
    assert make_style("<layout/>").root.bibliography_options is None
