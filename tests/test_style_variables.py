"""The variables a style prints or tests, from its layout and the macros it calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import StyleError, UsageError
from sarcref.style_catalogue import resolve
from sarcref.style_variables import style_variables

HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n'
    "<info><title>T</title><id>t</id></info>\n"
)


def write_style(folder: Path, body: str) -> str:
    path = folder / "test-style.csl"
    path.write_text(HEAD + body + "</style>\n", encoding="utf-8")
    return str(path)


def test_the_bundled_styles_print_what_a_reference_needs() -> None:
    for style in ("apa", "vancouver", "ieee", "nature", "ama", "chicago"):
        printed = style_variables(style)
        assert {"author", "title", "container-title", "issued", "page"} <= printed, style
    assert {"PMID", "PMCID"} <= style_variables("vancouver")
    assert "abstract" not in style_variables("apa")


def test_macros_are_followed_through_macros_and_conditions(tmp_path: Path) -> None:
    style = write_style(
        tmp_path,
        '<macro name="outer"><choose><if variable="DOI"><text macro="inner"/></if>'
        '<else-if is-numeric="volume"/></choose></macro>\n'
        '<macro name="inner"><names variable="editor translator"/><text macro="outer"/></macro>\n'
        '<macro name="unused"><text variable="abstract"/></macro>\n'
        '<citation><layout><text variable="citation-number"/></layout></citation>\n'
        '<bibliography><layout><text variable="title"/><text macro="outer"/></layout>'
        "</bibliography>\n",
    )
    assert style_variables(style) == {"title", "DOI", "volume", "editor", "translator"}


def test_a_style_without_a_bibliography_is_read_from_its_citation(tmp_path: Path) -> None:
    style = write_style(
        tmp_path, '<citation><layout><names variable="author"/></layout></citation>\n'
    )
    assert style_variables(style) == {"author"}


def test_a_dependent_style_is_read_from_its_parent() -> None:
    parent = resolve("2d-materials").path.stem  # a dependent style of the collection
    assert parent != "2d-materials"
    assert style_variables("2d-materials") == style_variables(parent)


def test_bad_styles(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        style_variables("no-such-style")
    broken = tmp_path / "broken.csl"
    broken.write_text(HEAD + "<citation><layout>", encoding="utf-8")
    with pytest.raises(StyleError, match="does not parse"):
        style_variables(str(broken))
