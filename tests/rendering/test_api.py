"""The public API of sarcref.rendering, as the CLI uses it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from sarcref.errors import DataError
from sarcref.rendering import Processor, RenderError, StyleError, load_style

from .fidelity_support import STYLES_DIR, records_by_id
from .styles import make_style

APA = STYLES_DIR / "apa.csl"


def record(record_id: str) -> dict[str, Any]:
    return records_by_id()[record_id]


def test_load_style_from_a_path_and_render_a_bibliography_entry() -> None:
    style = load_style(APA)
    bibliography = Processor(style, [record("lerman2015local")]).bibliography()
    assert bibliography.ids == ["lerman2015local"]
    assert bibliography.entries == [
        "Lerman, D. M., & Randall, R. (2015). Local control of metastatic sarcoma. "
        "Current Opinion in Pediatrics, 27(1), 3–8."
    ]
    assert bibliography.format.hangingindent is True


def test_load_style_from_xml_bytes() -> None:
    style = load_style(APA.read_bytes())
    assert style.has_bibliography
    assert style.style_class == "in-text"


def test_citation_renders_one_cluster() -> None:
    style = load_style(APA)
    items = [record("lerman2015local"), record("knudson1971mutation")]
    assert Processor(style, items).citation(["knudson1971mutation", "lerman2015local"]) == (
        "(Knudson, 1971; Lerman & Randall, 2015)"
    )


def test_numeric_ids_are_matched_as_strings() -> None:
    style = make_style('<layout><text variable="title"/></layout>')
    processor = Processor(style, [{"id": 7, "type": "book", "title": "Seven"}])
    assert processor.citation([7]) == "Seven"
    assert processor.citation(["7"]) == "Seven"


def test_html_bibliography_document_wraps_entries_in_csl_bib_body() -> None:
    style = load_style(APA)
    bibliography = Processor(style, [record("lerman2015local")], fmt="html").bibliography()
    assert bibliography.document.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">')
    assert bibliography.document.endswith("</div>\n</div>")


def test_locale_argument_overrides_the_style_default_locale() -> None:
    style = make_style(
        '<layout><date variable="issued" form="text"/></layout>',
    )
    items = [{"id": "a", "type": "book", "issued": {"date-parts": [[2020, 3, 5]]}}]
    assert Processor(style, items).citation(["a"]) == "March 5, 2020"
    assert Processor(style, items, locale="de-DE").citation(["a"]) == "5. März 2020"


def test_dependent_default_locale_override_is_used() -> None:
    style = load_style(STYLES_DIR / "the-lancet.csl", default_locale_override="en-GB")
    assert Processor(style, []).locale.lang == "en-GB"


def test_style_errors_are_data_errors_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.csl"
    bad.write_text("<style><citation>", encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        load_style(bad)
    assert isinstance(caught.value, DataError)
    assert caught.value.exit_code == 3
    assert "broken.csl" in caught.value.message


def test_non_csl_xml_is_rejected() -> None:
    with pytest.raises(StyleError, match="not a CSL style"):
        load_style(b"<html/>")


def test_undefined_macro_is_a_style_error() -> None:
    with pytest.raises(StyleError, match="undefined macro"):
        make_style('<layout><text macro="missing"/></layout>')


def test_dependent_style_must_be_resolved_by_the_caller() -> None:
    dependent = STYLES_DIR / "dependent" / "nlm-citation-sequence.csl"
    if not dependent.exists():
        dependent = next((STYLES_DIR / "dependent").glob("*.csl"))
    with pytest.raises(StyleError, match="dependent"):
        load_style(dependent)


def test_render_error_names_the_record_and_the_style(monkeypatch: pytest.MonkeyPatch) -> None:
    from sarcref.rendering import elements_text

    def explode(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    style = make_style('<layout><text variable="title"/></layout>')
    monkeypatch.setattr(elements_text.Text, "render", explode)
    processor = Processor(style, [{"id": "rec-1", "type": "book", "title": "T"}])
    with pytest.raises(RenderError) as caught:
        processor.citation(["rec-1"])
    assert "rec-1" in caught.value.message
    assert "<style XML>" in caught.value.message


def test_unknown_output_format_is_refused() -> None:
    style = make_style('<layout><text variable="title"/></layout>')
    with pytest.raises(ValueError):
        Processor(style, [], fmt="pdf")  # type: ignore[arg-type]


def test_citing_an_unregistered_record_is_a_render_error() -> None:
    style = make_style('<layout><text variable="title"/></layout>')
    with pytest.raises(RenderError, match="not registered"):
        Processor(style, []).citation(["nope"])


def test_importing_the_package_does_not_load_the_engine() -> None:
    import subprocess
    import sys

    code = "import sys, sarcref.rendering; print('lxml' in sys.modules, 'citeproc' in sys.modules)"
    env_path = str(Path(__file__).resolve().parents[2] / "src")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": env_path},
    ).stdout.split()
    assert out == ["False", "False"]


def test_bibliography_reports_progress_entry_by_entry() -> None:
    items = [{"id": f"r{i}", "type": "book", "title": f"Book {i}"} for i in range(3)]
    heard: list[tuple[int, int]] = []
    Processor(load_style(STYLES_DIR / "apa.csl"), items).bibliography(
        progress=lambda done, total: heard.append((done, total))
    )
    assert heard == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_style_file_is_compiled_once_until_it_changes(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csl"
    xml = APA.read_text("utf-8")
    mine.write_text(xml, "utf-8")
    first = load_style(mine)
    assert load_style(str(mine)) is first  # unchanged: the same compiled style
    assert load_style(mine, "de-DE") is not first  # another default locale: its own
    before = os.stat(mine)
    changed = xml.replace('initialize-with=". "', 'initialize-with="_ "', 1)
    assert len(changed) == len(xml)
    mine.write_text(changed, "utf-8")
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    second = load_style(mine)
    assert second is not first
    entry = Processor(second, [record("lerman2015local")]).bibliography().entries[0]
    assert entry.startswith("Lerman, D_ M_, & Randall, R_")


def test_a_missing_style_file_is_a_style_error(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="cannot read style .*absent.csl"):
        load_style(tmp_path / "absent.csl")
