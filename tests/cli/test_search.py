"""``sarcref search``: the command-line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref import Library
from sarcref.cli import printing
from tests.helpers import invoke, run_sarcref

ABSTRACT = (
    "Incompleteness shows that any consistent formal system strong enough for arithmetic "
    "has true statements it cannot prove, as Gödel argued in 1931 for Principia Mathematica."
)


@pytest.fixture
def library(library: Library) -> Library:
    """The bundled record plus three of our own."""
    library.add(
        {
            "id": "godel1931",
            "type": "article-journal",
            "title": "Über formal unentscheidbare Sätze der Principia Mathematica",
            "author": [{"family": "Gödel", "given": "Kurt"}],
            "container-title": "Monatshefte für Mathematik und Physik",
            "issued": {"date-parts": [[1931]]},
        }
    )
    library.add(
        {
            "id": "hofstadter1979",
            "type": "book",
            "title": "Godel, Escher, Bach: an eternal golden braid",
            "author": [{"family": "Hofstadter", "given": "Douglas R."}],
            "issued": {"date-parts": [[1979]]},
            "sarcref": {"tags": ["to-read"]},
        }
    )
    library.add(
        {
            "id": "nagel1958",
            "type": "book",
            "title": "Proof of incompleteness",
            "author": [{"family": "Nagel", "given": "Ernest"}, {"family": "Newman"}],
            "issued": {"date-parts": [[1958]]},
            "abstract": ABSTRACT,
        }
    )
    return library


GODEL = (
    "godel1931\t1931\tGödel\tÜber formal unentscheidbare Sätze der Principia Mathematica\t"
    "Monatshefte für Mathematik und Physik"
)
HOFSTADTER = "hofstadter1979\t1979\tHofstadter\tGodel, Escher, Bach: an eternal golden braid\t"
NAGEL = "nagel1958\t1958\tNagel & Newman\tProof of incompleteness\t"


def test_piped_table_is_tab_separated_best_first(library: Library) -> None:
    result = invoke(["search", "godel"])
    assert (result.exit_code, result.stderr) == (0, "")
    # Title and author matches first (the shorter record first), then the abstract match.
    assert result.stdout.splitlines() == [HOFSTADTER, GODEL, NAGEL]


def test_keys_one_a_line(library: Library) -> None:
    result = invoke(["search", "gödel", "--format", "keys"])
    assert result.stdout == "hofstadter1979\ngodel1931\nnagel1958\n"


def test_json_is_the_stored_records(library: Library) -> None:
    result = invoke(["search", "braid", "--format", "json"])
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["hofstadter1979"]
    assert records[0]["sarcref"]["tags"] == ["to-read"]


def test_tsv_has_a_header(library: Library) -> None:
    result = invoke(["search", "braid", "--format=tsv"])
    assert result.stdout.splitlines() == ["key\tyear\tauthors\ttitle\tjournal", HOFSTADTER]


def test_words_of_several_arguments_are_one_query(library: Library) -> None:
    result = invoke(["search", "godel", "braid", "--format", "keys"])
    assert result.stdout == "hofstadter1979\n"


def test_a_minus_word_argument_excludes_it(library: Library) -> None:
    for excluded in ("-braid", "-formal", "-sorted", "-limitless"):  # -f, -s, -l: no options
        result = invoke(["search", "godel", excluded, "--format", "keys"])
        assert result.exit_code == 0, (excluded, result.output)
    result = invoke(["search", "godel", "-braid", "-für", "--format", "keys"])
    assert result.stdout == "nagel1958\n"


def test_a_phrase_prefix_field_and_year(library: Library) -> None:
    query = ['"principia mathematica"', "author:göd*", "year:1900..1950"]
    result = invoke(["search", *query, "--format", "keys"])
    assert result.stdout == "godel1931\n"


def test_sort_and_limit(library: Library) -> None:
    result = invoke(["search", "godel", "--sort=-year", "--limit=2", "--format=keys"])
    assert result.stdout == "hofstadter1979\nnagel1958\n"


def test_no_hits_exit_1_with_nothing_on_stdout(library: Library) -> None:
    for fmt in ("table", "keys", "json", "tsv"):
        result = invoke(["search", "zebra", "--format", fmt])
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            "Error: no records match zebra\n"
            "words are ANDed: try fewer words, OR, or a prefix such as sarc*\n"
        )


def test_a_malformed_query_exits_2_and_points_at_it(library: Library) -> None:
    result = invoke(["search", 'godel "eternal braid'])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: unclosed quote (column 7 of the query)\n"
        '  godel "eternal braid\n'
        "        ^\n"
        'end the phrase with a closing "\n'
    )


def test_an_unknown_field_exits_2(library: Library) -> None:
    result = invoke(["search", "godel", "publisher:springer"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: unknown field 'publisher' (column 7 of the query)\n"
        "  godel publisher:springer\n"
        "        ^\n"
    )


def test_a_mistyped_option_is_named(library: Library) -> None:
    result = invoke(["search", "godel", "--limt", "2"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no such option: --limt; did you mean --limit?")


def test_dash_h_is_not_help_but_says_so(library: Library) -> None:
    result = invoke(["search", "-h"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: search has no -h option\nuse --help; -word excludes a word\n",
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["search"],
        ["search", "godel", "--sort", "size"],
        ["search", "godel", "--format", "xml"],
        ["search", "godel", "--limit", "0"],
    ],
)
def test_bad_options_are_usage_errors(argv: list[str]) -> None:
    assert invoke(argv).exit_code == 2


def test_the_sort_choices_are_the_library_s() -> None:
    from sarcref.cli.spec import SEARCH
    from sarcref.library import SEARCH_SORTS

    sort = next(o for o in SEARCH.options if o.dest == "sort")
    assert sorted(sort.choices) == sorted(SEARCH_SORTS)


def test_help_explains_the_query_language() -> None:
    result = invoke(["search", "--help"])
    assert result.exit_code == 0
    for text in ("-word", "year:2010..2015", "--limit", "--sort", "--format", "Example:"):
        assert text in result.stdout
    assert "search" in invoke(["--help"]).stdout


def test_list_is_unchanged_by_search(library: Library) -> None:
    result = invoke(["list", "--format", "keys"])
    assert result.stdout.split() == ["lerman2015local", "godel1931", "hofstadter1979", "nagel1958"]


def test_terminal_table_highlights_matches_and_shows_the_snippet(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    result = invoke(["search", "godel", "-braid"])
    assert result.exit_code == 0
    text = result.stdout
    assert "2 hits for godel -braid" in text
    assert "\x1b[1;33mGödel\x1b[0m" in text  # the author, bold yellow
    assert "…unentscheidbare" not in text  # no snippet without an abstract match
    assert "as \x1b[0m\x1b[1;2;33mGödel\x1b[0m\x1b[2m argued in 1931" in text  # the snippet
    assert "hofstadter1979" not in text


def test_terminal_table_without_colour_keeps_the_content(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    result = invoke(["search", "incompleteness"])
    assert "1 hit for incompleteness" in result.stdout
    assert any(line.split()[:2] == ["key", "year"] for line in result.stdout.splitlines())
    assert "Incompleteness shows that" in result.stdout
    assert "\x1b[" not in result.stdout
    limited = invoke(["search", "godel", "--limit", "2"])
    assert "the first 2 hits for godel" in limited.stdout


def test_search_in_a_pipeline(tmp_path: Path, library: Library) -> None:
    found = run_sarcref("search", "incompleteness OR braid", "--format", "keys", cwd=tmp_path)
    assert (found.returncode, found.stdout, found.stderr) == (
        0,
        "hofstadter1979\nnagel1958\n",
        "",
    )
    removed = run_sarcref("rm", "-", "--yes", cwd=tmp_path, input=found.stdout)
    assert removed.returncode == 0, removed.stderr
    assert library.keys() == ["lerman2015local", "godel1931"]


def test_search_keys_feed_cite_as_the_contract_shows(tmp_path: Path, library: Library) -> None:
    found = run_sarcref("search", "sarcoma", "--format", "keys", cwd=tmp_path)
    cited = run_sarcref("cite", "-", "--style", "apa", cwd=tmp_path, input=found.stdout)
    assert (cited.returncode, cited.stdout) == (
        0,
        "Lerman, D. M., & Randall, R. (2015). Local control of metastatic sarcoma. "
        "Current Opinion in Pediatrics, 27(1), 3–8.\n",
    )


def test_as_a_process_no_hits_and_errors_keep_stdout_empty(
    tmp_path: Path, library: Library
) -> None:
    none = run_sarcref("search", "zebra", "--format", "keys", cwd=tmp_path)
    assert (none.returncode, none.stdout) == (1, "")
    assert none.stderr.startswith("Error: no records match zebra\n")
    bad = run_sarcref("search", "year:soon", "--format", "keys", cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert "Traceback" not in bad.stderr


def test_as_a_process_piped_output_has_no_ansi(tmp_path: Path, library: Library) -> None:
    done = run_sarcref("search", "godel", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert done.stdout.splitlines() == [HOFSTADTER, GODEL, NAGEL]


@pytest.mark.parametrize(
    "items",
    [[], [{"id": "a"}], [{"id": "a", "author": [{"family": "Gödel"}]}, {"id": "b", "n": [1, {}]}]],
)
def test_json_is_written_a_record_at_a_time_exactly_as_in_one_piece(
    items: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    printing.write_json(items)
    whole = capsys.readouterr().out
    printing.write_json_list(iter(items))
    assert capsys.readouterr().out == whole
