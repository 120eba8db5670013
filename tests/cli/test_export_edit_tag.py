"""``sarcref export``, ``edit``, ``tag`` and ``show --format bibtex|ris``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import invoke, run_sarcref

LERMAN_BIBTEX_HEAD = """\
@article{lerman2015local,
  author       = {Lerman, Daniel M. and Randall, R},
  title        = {Local control of metastatic sarcoma},
  journal      = {Current Opinion in Pediatrics},
  shortjournal = {Curr Opin Pediatr},
  year         = {2015},
  month        = jan,
  date         = {2015-01-01},
  volume       = {27},
  number       = {1},
  pages        = {3--8},
"""


def test_show_bibtex_and_ris() -> None:
    bibtex = invoke(["show", "lerman2015local", "--format", "bibtex"])
    assert bibtex.exit_code == 0
    assert bibtex.stdout.startswith(LERMAN_BIBTEX_HEAD)
    assert "  langid       = {english},\n" in bibtex.stdout
    ris = invoke(["show", "lerman2015local", "-f", "ris"])
    assert ris.stdout.startswith("TY  - JOUR\nID  - lerman2015local\n")
    assert "AU  - Lerman, Daniel M.\nAU  - Randall, R\n" in ris.stdout
    assert ris.stdout.endswith("ER  - \n")


def test_export_writes_every_record_to_stdout() -> None:
    result = invoke(["export", "--format", "csl-json"])
    assert result.exit_code == 0
    (item,) = json.loads(result.stdout)
    assert item["id"] == "lerman2015local" and "sarcref" not in item


def test_export_to_a_file_and_import_it_elsewhere(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = invoke(["export", "-f", "bibtex", "--output", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {out}\n")
    other = tmp_path / "other.sqlite"
    imported = invoke(["--library", str(other), "import", str(out)])
    assert imported.stderr.endswith("skipped 1, renamed 0\n")  # the bundled record is there too
    with Library(other, seed=False) as fresh:
        assert fresh.keys() == ["lerman2015local"]


def test_export_ascii_and_formats_from_the_registry() -> None:
    invoke(["edit", "lerman2015local", "--set", "author=Gödel, Kurt"])
    ascii_text = invoke(["export", "-f", "bibtex", "--ascii"]).stdout
    assert r"author       = {G{\"{o}}del, Kurt}," in ascii_text
    unknown = invoke(["export", "--format", "endnote"])
    assert unknown.exit_code == 2
    assert "--format: 'endnote' is not one of bibtex, biblatex, csl-json, ris" in unknown.stderr


def test_export_by_key_query_and_stdin(tmp_path: Path) -> None:
    with Library() as library:
        library.add({"id": "whales", "type": "book", "title": "On whales"})
    by_key = invoke(["export", "whales", "-f", "ris"])
    assert by_key.stdout.startswith("TY  - BOOK\nID  - whales\nTI  - On whales\n")
    by_query = invoke(["export", "--query", "author:lerman year:2015", "-f", "csl-json"])
    assert [i["id"] for i in json.loads(by_query.stdout)] == ["lerman2015local"]
    nothing = invoke(["export", "--query", "zebra", "-f", "bibtex"])
    assert (nothing.exit_code, nothing.stderr) == (
        1,
        "Error: no record matches the query 'zebra'\n",
    )
    missing = invoke(["export", "nope", "-f", "bibtex"])
    assert missing.exit_code == 1
    piped = run_sarcref("export", "-", "-f", "csl-json", cwd=tmp_path, input="whales\n")
    assert [i["id"] for i in json.loads(piped.stdout)] == ["whales"]


def test_edit_sets_and_unsets_fields() -> None:
    result = invoke(
        [
            "edit",
            "lerman2015local",
            "--set",
            "issued=2016-02",
            "--set",
            "volume=28",
            "--unset",
            "abstract",
        ],
    )
    assert (result.exit_code, result.stderr) == (0, "changed lerman2015local\n")
    with Library() as library:
        record = library.get("lerman2015local")
    assert (record.csl["issued"], record.csl["volume"]) == ({"date-parts": [[2016, 2]]}, "28")
    assert "abstract" not in record.csl


def test_edit_refuses_bad_values_and_changes_nothing() -> None:
    result = invoke(["edit", "lerman2015local", "--set", "issued=2016-13"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: issued: '2016-13' is not a date\n"
        "write YYYY, YYYY-MM or YYYY-MM-DD (and A/B for a range)\n"
    )
    assert invoke(["edit", "nope", "--set", "volume=1"]).exit_code == 1
    with Library() as library:
        assert library.get("lerman2015local").year == 2015


def test_tag_adds_removes_and_lists() -> None:
    added = invoke(["tag", "lerman2015local", "+sarcoma", "+review", "+unread"])
    assert (added.exit_code, added.stderr) == (0, "lerman2015local: review, sarcoma, unread\n")
    removed = invoke(["tag", "lerman2015local", "-unread"])
    assert removed.stderr == "lerman2015local: review, sarcoma\n"
    listed = invoke(["tag", "lerman2015local"])
    assert listed.stdout == "review\nsarcoma\n"
    with Library() as library:
        hits = library.store.db.execute(
            "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'tag:review'"
        ).fetchone()
    assert hits == (1,)


def test_edit_without_options_opens_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        'p.write_text(p.read_text().replace(\'"volume": "27"\', \'"volume": "31"\'))\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    result = invoke(["edit", "lerman2015local"])
    assert (result.exit_code, result.stderr) == (0, "changed lerman2015local\n")
    with Library() as library:
        assert library.get("lerman2015local").csl["volume"] == "31"
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c pass")
    unchanged = invoke(["edit", "lerman2015local"])
    assert unchanged.stderr == "no changes; lerman2015local is as it was\n"


def test_a_bad_file_exits_3_without_a_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nTI  - Cut short\n", encoding="utf-8")
    done = run_sarcref("import", str(bad), cwd=tmp_path)
    assert done.returncode == 3
    assert done.stderr == (
        f"Error: {bad}:1: entry: the record has no ER line: the file ends inside it "
        "(truncated?); nothing was imported\n"
        "fix the entry, or add --skip-invalid to import the others\n"
    )
