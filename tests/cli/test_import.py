"""``sarcref import``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import invoke, run_sarcref

BIB = """\
@article{smith2020,
  author = {Smith, Ann and {World Health Organization}},
  title = {Sharks of the {Atlantic}},
  journal = {Ocean}, year = 2020, doi = {10.1000/sharks},
}
@book{godel1931, author = {G{\\"o}del, Kurt}, title = {{\\TeX}book}, year = 1931}
"""


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_import_adds_records_and_prints_a_summary(refs: Path) -> None:
    result = invoke(["import", str(refs)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "added 2, updated 0, skipped 0, renamed 0\n"
    with Library() as library:
        assert library.get("godel1931").title == "TeXbook"
        assert library.get("smith2020").authors == ["Ann Smith", "World Health Organization"]


def test_importing_again_skips_every_duplicate(refs: Path) -> None:
    invoke(["import", str(refs)])
    result = invoke(["import", str(refs)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"skipped 'smith2020' ({refs}:1): already in the library as 'smith2020' "
        "(same DOI 10.1000/sharks)\n"
        f"skipped 'godel1931' ({refs}:6): already in the library as 'godel1931' "
        "(same title, same year and first author)\n"
        f"{refs}: 2 records; 2 already in the library, 0 duplicates within this import; 0 added\n"
        "added 0, updated 0, skipped 2, renamed 0\n"
    )


def test_dry_run_changes_nothing(refs: Path) -> None:
    result = invoke(["import", "--dry-run", str(refs)])
    assert result.exit_code == 0
    assert result.stderr.endswith(
        "dry run: would add 2, update 0, skip 0, rename 0; the library was not changed\n"
    )
    with Library() as library:
        assert library.keys() == ["lerman2015local"]


def test_a_malformed_entry_exits_3_and_writes_nothing(tmp_path: Path, library_path: Path) -> None:
    invoke(["list"])  # create the library
    before = hashlib.sha256(library_path.read_bytes()).hexdigest()
    bad = tmp_path / "bad.bib"
    bad.write_text(BIB + "@misc{cut, title = {Half", encoding="utf-8")
    result = invoke(["import", str(bad)])
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: {bad}:7: entry 'cut': the entry is not closed before the end of the file "
        "(truncated?); nothing was imported\n"
        "fix the entry, or add --skip-invalid to import the others\n"
    )
    assert hashlib.sha256(library_path.read_bytes()).hexdigest() == before
    skipping = invoke(["import", "--skip-invalid", str(bad)])
    assert skipping.exit_code == 0
    assert skipping.stderr.splitlines()[-1] == "added 2, updated 0, skipped 0, renamed 0, invalid 1"


def test_sarcref_fields_of_the_wrong_shape_are_named_not_a_crash(
    tmp_path: Path, library_path: Path
) -> None:
    invoke(["list"])  # create the library
    before = hashlib.sha256(library_path.read_bytes()).hexdigest()
    items = tmp_path / "items.json"
    items.write_text(
        '[\n{"id": "a", "type": "book", "title": "A"},\n'
        '{"id": "b", "type": "book", "title": "B", "sarcref": {"tags": "to-read"}}\n]\n',
        encoding="utf-8",
    )
    result = run_sarcref("import", str(items), cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.startswith(
        f"Error: {items}:3: entry 'b': field 'sarcref.tags': expected a list of tag names; "
        "nothing was imported\n"
    )
    assert hashlib.sha256(library_path.read_bytes()).hexdigest() == before


def test_binary_garbage_exits_3_and_leaves_the_library_unchanged(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bib"
    junk.write_bytes(bytes(range(256)) * 4)
    result = invoke(["import", str(junk)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Error: {junk}:1: this is not a text file")
    with Library() as library:
        assert library.keys() == ["lerman2015local"]


def test_a_file_in_another_encoding_is_named_with_a_way_out(tmp_path: Path) -> None:
    old = tmp_path / "old.bib"
    old.write_bytes("@book{g, title = {G\u00f6del}}\n".encode("latin-1"))
    result = invoke(["import", str(old)])
    assert result.exit_code == 3
    assert f"Error: {old}:1: the file is not UTF-8 (byte 0xf6 at column 20)" in result.stderr
    fixed = invoke(["import", "--encoding", "latin-1", str(old)])
    assert fixed.exit_code == 0
    with Library() as library:
        assert library.get("g").title == "Gödel"


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(["import", str(tmp_path / "nope.bib")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: no such file: {tmp_path / 'nope.bib'}\n",
    )


def test_import_reads_standard_input_in_a_real_process(tmp_path: Path) -> None:
    ris = "TY  - BOOK\nAU  - Lerman, Daniel\nPY  - 2015\nTI  - The local view\nER  - \n"
    done = run_sarcref("import", "-", cwd=tmp_path, input=ris)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "added 1, updated 0, skipped 0, renamed 0\n"
    listed = run_sarcref("list", "--format", "keys", cwd=tmp_path)
    # The generated key lerman2015local is the bundled record's: the next one is free.
    assert listed.stdout == "lerman2015local\nlerman2015locala\n"


def test_piped_import_prints_no_progress_bar(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    items = ",".join(f'{{"id": "r{i}", "type": "book", "title": "Book {i}"}}' for i in range(3000))
    path.write_text(f"[{items}]", encoding="utf-8")
    done = run_sarcref("import", str(path), cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == "added 3000, updated 0, skipped 0, renamed 0\n"


def test_cite_input_reads_bibtex_and_ris_without_a_library(refs: Path, tmp_path: Path) -> None:
    bibtex = invoke(["cite", "--input", str(refs), "--style", "apa"])
    assert bibtex.exit_code == 0, bibtex.stderr
    assert bibtex.stdout.startswith("Gödel, K. (1931). TeXbook.")
    ris = tmp_path / "one.ris"
    ris.write_text("TY  - BOOK\nID  - w\nAU  - Roe, Ann\nTI  - Whales\nPY  - 2001\nER  - \n")
    cited = invoke(["cite", "w", "--input", str(ris), "--style", "apa"])
    assert cited.stdout == "Roe, A. (2001). Whales.\n"
    assert not (tmp_path / "library.sqlite").exists()


def test_the_import_formats_are_the_readers(tmp_path: Path) -> None:
    from sarcref.cli.spec import IMPORT_FORMATS
    from sarcref.formats.reading import FORMATS

    assert IMPORT_FORMATS == ("auto", *FORMATS)


def test_a_csv_of_unknown_columns_is_imported_with_map(tmp_path: Path, library: Library) -> None:
    source = tmp_path / "mine.csv"
    source.write_text('Paper,When,Who\nA trial of things,2019,"Doe, Jane"\n', encoding="utf-8")
    refused = invoke(["import", str(source)])
    assert refused.exit_code == 3
    assert "Paper" in refused.stderr and "--map" in refused.stderr
    done = invoke(
        ["import", str(source), "--format", "csv", "--map", "Paper=title,When=issued,Who=author"]
    )
    assert done.exit_code == 0, done.stderr
    (found,) = [r for r in library.all() if r.key != "lerman2015local"]
    assert (found.title, found.year, found.csl["author"][0]["family"]) == (
        "A trial of things",
        2019,
        "Doe",
    )
