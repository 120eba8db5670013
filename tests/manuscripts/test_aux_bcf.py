"""What a compiled LaTeX document recorded: ``.aux`` citations and biber's ``.bcf``."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.errors import DataError
from sarcref.manuscripts import read_cited

from .pandoc_support import CORPUS

THESIS = CORPUS / "thesis"


def test_aux_citations_of_bibtex_and_biblatex_with_input_files() -> None:
    reading = read_cited([THESIS / "main.aux"])
    assert [c.key for c in reading.keys] == [
        "lerman2015local", "doe2020", "roe2019", "old2010", "methods2003", "*",
    ]  # fmt: skip
    assert reading.files == [THESIS / "main.aux", THESIS / "chapters" / "methods.aux"]
    assert reading.warnings == [f"{THESIS / 'main.aux'}:10: cannot find chapters/missing.aux"]
    assert reading.keys[0].line == 3 and reading.keys[0].column == 18
    assert reading.keys[-1].is_wildcard


def test_bcf_citekeys_in_order_each_once() -> None:
    found = read_cited([THESIS / "main.bcf"]).keys
    assert [(c.key, c.line, c.column) for c in found] == [
        ("lerman2015local", 10, 41),
        ("doe2020", 11, 41),
        ("roe2019", 15, 41),
        ("*", 16, 52),
    ]


def test_bcf_is_parsed_as_untrusted_xml(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("leaked")
    hostile = tmp_path / "hostile.bcf"
    hostile.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n'
        '<bcf:controlfile xmlns:bcf="https://sourceforge.net/projects/biblatex">'
        "<bcf:section><bcf:citekey>&e;</bcf:citekey></bcf:section></bcf:controlfile>"
    )
    with pytest.raises(DataError, match="hostile.bcf: not a biber control file"):
        read_cited([hostile])


def test_a_broken_bcf_is_a_data_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.bcf"
    broken.write_text("<bcf:controlfile")
    with pytest.raises(DataError, match="broken.bcf"):
        read_cited([broken])
