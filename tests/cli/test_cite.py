"""``sarcref cite`` on the command line: the contract (keys, options, formats, files).

The golden matrices (the bundled record in 33 styles and two forced locales, equal to
citeproc-js) run through the Python API in tests/test_citing.py."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from sarcref import Library
from sarcref.style_catalogue import styles_dir
from tests.helpers import invoke, require_program, run_sarcref

FIXTURES = Path(__file__).parents[1] / "fixtures" / "bundled"
GOLDEN: dict[str, Any] = json.loads((FIXTURES / "golden.json").read_text("utf-8"))["styles"]
KEY = "lerman2015local"
VANCOUVER = (
    "1. Lerman DM, Randall R. Local control of metastatic sarcoma. "
    "Curr Opin Pediatr. 2015 Jan 1;27(1):3–8."
)


def same_text(text: str) -> str:
    """The fidelity README's one text normalisation: runs of spaces, tabs, newlines."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def golden(style: str, part: str) -> str:
    value = GOLDEN[style]["records"][KEY][part]
    assert isinstance(value, str)
    return value


def test_the_main_job_prints_the_vancouver_entry(tmp_path: Path) -> None:
    home = tmp_path / "newhome"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "SARCREF_LIBRARY": ""}
    done = run_sarcref("cite", "--style", "vancouver", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert same_text(done.stdout) == VANCOUVER
    assert done.stdout.endswith("\n") and done.stderr == ""


def test_default_style_is_apa() -> None:
    result = invoke(["cite"])
    assert same_text(result.stdout) == same_text(golden("apa", "bib_text"))


def test_unknown_style_exits_2_with_close_matches() -> None:
    result = invoke(["cite", "--style", "vancover"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown style 'vancover'" in result.stderr
    assert "did you mean vancouver" in result.stderr


def test_a_style_without_a_bibliography_asks_for_citation_mode() -> None:
    result = invoke(["cite", KEY, "--style", "agora"])
    assert result.exit_code == 2
    assert "the style 'agora' has no bibliography" in result.stderr
    notes = invoke(["cite", KEY, "--style", "agora", "--mode", "citation"])
    assert notes.exit_code == 0
    assert "Local control of metastatic sarcoma" in notes.stdout


def test_unknown_key_exits_1() -> None:
    result = invoke(["cite", "nope2020"])
    assert result.exit_code == 1
    assert "no record with key 'nope2020'" in result.stderr


def test_invalid_style_file_exits_3_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text('<style xmlns="http://purl.org/net/xbiblio/csl"><citation>', "utf-8")
    result = invoke(["cite", "--style", str(broken)])
    assert result.exit_code == 3
    assert str(broken) in result.stderr


def test_entity_expansion_in_a_style_file_is_refused(tmp_path: Path) -> None:
    laughs = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "lol">' for i in range(9)
    )
    bomb = tmp_path / "bomb.csl"
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE style [{laughs}]><style>&l8;</style>', "utf-8")
    result = invoke(["cite", "--style", str(bomb)])
    assert result.exit_code == 3
    assert "lollol" not in result.stdout + result.stderr


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    result = invoke(["cite", "-s", "vancouver", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert same_text(target.read_text("utf-8")) == VANCOUVER


def test_input_file_is_cited_without_touching_the_library(tmp_path: Path) -> None:
    source = tmp_path / "refs.json"
    source.write_text((FIXTURES / "corpus.json").read_text("utf-8"), "utf-8")
    result = invoke(["cite", "--input", str(source), "--style", "vancouver"])
    assert result.exit_code == 0, result.stderr
    assert same_text(result.stdout) == VANCOUVER
    assert not (tmp_path / "library.sqlite").exists()


def test_input_file_ids_may_be_numbers(tmp_path: Path) -> None:
    source = tmp_path / "refs.json"
    source.write_text(json.dumps([{"id": 7, "type": "book", "title": "Numbers"}]), "utf-8")
    result = invoke(["cite", "7", "--input", str(source), "-s", "apa"])
    assert result.exit_code == 0, result.stderr
    assert "Numbers" in result.stdout


def test_broken_input_file_exits_3_with_line(tmp_path: Path) -> None:
    source = tmp_path / "refs.json"
    source.write_text('[{"id": "a", "type": "book",\n "title": }]', "utf-8")
    result = invoke(["cite", "--input", str(source)])
    assert result.exit_code == 3
    assert f"{source}:2: not valid JSON" in result.stderr


def test_keys_from_stdin(tmp_path: Path) -> None:
    done = run_sarcref("cite", "-", "--style", "vancouver", cwd=tmp_path, input=KEY + "\n")
    assert done.returncode == 0, done.stderr
    assert same_text(done.stdout) == VANCOUVER


def test_a_changed_record_is_never_served_from_the_cache(library: Library) -> None:
    first = invoke(["cite", KEY, "-s", "vancouver"]).stdout
    assert invoke(["cite", KEY, "-s", "vancouver"]).stdout == first
    record = library.get(KEY)
    record.csl["volume"] = "28"
    library.update(record)
    again = invoke(["cite", KEY, "-s", "vancouver"]).stdout
    assert "2015 Jan 1;28(1):3–8." in again


def test_a_changed_style_file_is_never_served_from_the_cache(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csl"
    xml = (styles_dir() / "apa.csl").read_text("utf-8")
    mine.write_text(xml, "utf-8")
    before = invoke(["cite", KEY, "-s", str(mine)]).stdout
    mine.write_text(xml.replace('initialize-with=". "', 'initialize-with="_"', 1), "utf-8")
    after = invoke(["cite", KEY, "-s", str(mine)]).stdout
    assert before.startswith("Lerman, D. M., & Randall, R.")
    assert after.startswith("Lerman, D_M_, & Randall, R_")


def test_rtf_opens_in_libreoffice_with_the_same_text(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    target = tmp_path / "refs.rtf"
    result = invoke(["cite", "-s", "vancouver", "-f", "rtf", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text("ascii").startswith("{\\rtf1")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    converted = (tmp_path / "refs.txt").read_text("utf-8-sig")
    assert same_text(converted) == VANCOUVER


def test_unknown_locale_exits_2() -> None:
    result = invoke(["cite", "--locale", "xx-YY"])
    assert result.exit_code == 2
    assert "unknown locale 'xx-YY'" in result.stderr


LOCALES = ("de-DE", "fr-FR")
LOCALE_GOLDEN = {
    locale: json.loads((FIXTURES / f"golden-{locale}.json").read_text("utf-8"))["styles"]
    for locale in LOCALES
}


def test_a_locale_may_be_written_with_an_underscore() -> None:
    result = invoke(["cite", KEY, "-s", "chicago-author-date", "-l", "fr_fr"])
    assert same_text(result.stdout) == same_text(
        LOCALE_GOLDEN["fr-FR"]["chicago-author-date"]["records"][KEY]["bib_text"]
    )
