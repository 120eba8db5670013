"""``Library.search``: what a query finds, in which order, and what it highlights."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcref import Library, UsageError
from sarcref import store as store_module
from sarcref.folding import WORD
from sarcref.records import Record
from sarcref.search import Snippet

ABSTRACT = (
    "Background: Patients with lung cancer were thought to be at high risk. Methods: We "
    "followed 200 patients with non-small cell lung cancer through the first wave of the "
    "pandemic. Results: Mortality was higher in those who had received chemotherapy in the "
    "three months before."
)

RECORDS: list[dict[str, Any]] = [
    {
        "id": "garcia1967",
        "type": "book",
        "title": "Cien años de soledad",
        "author": [{"family": "García Márquez", "given": "Gabriel"}],
        "issued": {"date-parts": [[1967]]},
        "keyword": "novel; magic realism",
    },
    {
        "id": "godel1931",
        "type": "article-journal",
        "title": "Über formal unentscheidbare Sätze der Principia Mathematica",
        "author": [{"family": "Gödel", "given": "Kurt"}],
        "container-title": "Monatshefte für Mathematik und Physik",
        "issued": {"date-parts": [[1931]]},
    },
    {
        "id": "hofstadter1979",
        "type": "book",
        "title": "Godel, Escher, Bach: an eternal golden braid",
        "author": [{"family": "Hofstadter", "given": "Douglas R."}],
        "issued": {"date-parts": [[1979]]},
        "sarcref": {"tags": ["to-read", "Favourite"]},
    },
    {
        "id": "obrien2021",
        "type": "article-journal",
        "title": "Outcomes of COVID-19 in patients with non-small-cell lung cancer",
        "author": [
            {"family": "O'Brien", "given": "Siobhán"},
            {"family": "Nowak", "given": "Łukasz"},
            {"family": "Kierkegaard", "given": "Søren"},
        ],
        "container-title": "Journal of Thoracic Oncology",
        "issued": {"date-parts": [[2021, 3]]},
        "keyword": ["SARS-CoV-2", "lung cancer"],
        "abstract": ABSTRACT,
        "sarcref": {"tags": ["covid"]},
    },
    {
        "id": "smith2010",
        "type": "report",
        "title": "Sarcoma registry: annual report",
        "author": [{"family": "Smith", "given": "Anna"}],
        "issued": {"date-parts": [[2010]]},
    },
    {
        "id": "jones2012",
        "type": "chapter",
        "title": "Adam Smith and chemotherapy of the markets",
        "author": [{"family": "Jones", "given": "Bea"}],
        "container-title": "Essays in oncology",
        "issued": {"date-parts": [[2012]]},
    },
    {
        "id": "undated",
        "type": "webpage",
        "title": "Lung cancer screening",
        "author": [{"literal": "World Health Organization"}],
    },
]


@pytest.fixture
def library() -> Iterator[Library]:
    with Library.in_memory() as lib:
        for record in RECORDS:
            lib.add(record)
        yield lib


def keys(library: Library, query: str, **options: Any) -> list[str]:
    return library.search_keys(query, **options)


def found(library: Library, query: str) -> set[str]:
    return set(library.search_keys(query))


# -- what a query finds -----------------------------------------------------------------------


def test_words_are_anded(library: Library) -> None:
    assert found(library, "lung cancer") == {"obrien2021", "undated"}
    assert found(library, "lung cancer covid") == {"obrien2021"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("garcia", {"garcia1967"}),
        ("García", {"garcia1967"}),
        ("GARCÍA márquez", {"garcia1967"}),
        ("anos", {"garcia1967"}),
        ("godel", {"godel1931", "hofstadter1979"}),
        ("Gödel", {"godel1931", "hofstadter1979"}),
        ("uber", {"godel1931"}),
        ("satze", {"godel1931"}),
        ("lukasz", {"obrien2021"}),
        ("Łukasz", {"obrien2021"}),
        ("soren", {"obrien2021"}),
        ("siobhan", {"obrien2021"}),
    ],
)
def test_case_and_accents_do_not_matter_either_way(
    library: Library, query: str, expected: set[str]
) -> None:
    assert found(library, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "covid-19",
        "COVID19",
        "covid",
        '"covid 19"',
        "O'Brien",
        "O’Brien",
        "obrien",
        "brien",
        "non-small-cell",
        "nonsmallcell",
        '"non small cell"',
        "sars-cov-2",
        "sarscov2",
    ],
)
def test_hyphens_and_apostrophes_work_either_way(library: Library, query: str) -> None:
    assert found(library, query) == {"obrien2021"}


def test_a_hyphenated_query_finds_the_words_written_apart(library: Library) -> None:
    # The abstract writes "non-small cell": the phrase non small cell is in it.
    assert found(library, "abstract:non-small-cell") == {"obrien2021"}


def test_a_phrase_needs_its_words_in_order(library: Library) -> None:
    assert found(library, '"lung cancer"') == {"obrien2021", "undated"}
    assert found(library, '"cancer lung"') == set()


def test_or(library: Library) -> None:
    assert found(library, "soledad OR braid") == {"garcia1967", "hofstadter1979"}


def test_or_binds_tighter_than_and(library: Library) -> None:
    assert found(library, "godel braid OR principia") == {"godel1931", "hofstadter1979"}
    assert found(library, "(godel braid) OR soledad") == {"hofstadter1979", "garcia1967"}


def test_minus_and_not_exclude(library: Library) -> None:
    assert found(library, "godel -braid") == {"godel1931"}
    assert found(library, "godel NOT braid") == {"godel1931"}
    assert found(library, "cancer -(covid OR screening)") == set()


def test_only_exclusions_find_everything_else(library: Library) -> None:
    assert found(library, "-cancer -godel") == {"garcia1967", "smith2010", "jones2012"}


def test_prefix(library: Library) -> None:
    assert found(library, "sarc*") == {"smith2010"}
    assert found(library, "chemo*") == {"obrien2021", "jones2012"}
    assert found(library, "title:chemo*") == {"jones2012"}
    assert found(library, '"lung canc"*') == {"obrien2021", "undated"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("author:smith", {"smith2010"}),
        ("title:smith", {"jones2012"}),
        ("smith", {"smith2010", "jones2012"}),
        ("author:(gödel OR hofstadter)", {"godel1931", "hofstadter1979"}),
        ('author:"world health"', {"undated"}),
        ("journal:oncology", {"obrien2021", "jones2012"}),
        ("journal:mathematik", {"godel1931"}),
        ("title:oncology", set()),
        ("keyword:realism", {"garcia1967"}),
        ('keyword:"lung cancer"', {"obrien2021"}),
        ("abstract:chemotherapy", {"obrien2021"}),
        ("chemotherapy", {"obrien2021", "jones2012"}),
        ("tag:to-read", {"hofstadter1979"}),
        ("tag:TO-READ", {"hofstadter1979"}),
        ("tag:to", set()),
        ("tag:favourite", {"hofstadter1979"}),
        ("tag:fav*", {"hofstadter1979"}),
        ("tag:covid", {"obrien2021"}),
        ("type:book", {"garcia1967", "hofstadter1979"}),
        ("type:article-journal", {"godel1931", "obrien2021"}),
        ("type:article*", {"godel1931", "obrien2021"}),
        ("key:godel1931", {"godel1931"}),
        ("key:GODEL1931", {"godel1931"}),
        ("key:g*", {"garcia1967", "godel1931"}),
        ("key:godel", set()),
        ("godel type:book", {"hofstadter1979"}),
    ],
)
def test_every_field_filter(library: Library, query: str, expected: set[str]) -> None:
    assert found(library, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year:2010", {"smith2010"}),
        ("year:1931..1979", {"godel1931", "garcia1967", "hofstadter1979"}),
        ("year:..1967", {"godel1931", "garcia1967"}),
        ("year:2012..", {"jones2012", "obrien2021"}),
        ("year:2000..2009", set()),
        ("cancer year:2020..", {"obrien2021"}),
        ("godel OR year:2010", {"godel1931", "hofstadter1979", "smith2010"}),
        ("-year:..2011", {"jones2012", "obrien2021"}),
    ],
)
def test_years_and_ranges(library: Library, query: str, expected: set[str]) -> None:
    assert found(library, query) == expected


def test_a_record_without_a_year_matches_no_year_filter(library: Library) -> None:
    assert "undated" not in found(library, "year:..9999")


def test_hostile_input_is_searched_as_words(library: Library) -> None:
    library.add({"id": "near", "type": "book", "title": "Near a rank of stars"})
    assert found(library, 'NEAR("rank" "stars")') == {"near"}
    assert found(library, "rank ^stars") == {"near"}
    assert found(library, "'; DROP TABLE records; --") == set()
    assert len(library) == len(RECORDS) + 1


# -- order and limits -----------------------------------------------------------------------


def test_a_title_match_ranks_above_an_abstract_match(library: Library) -> None:
    assert keys(library, "chemotherapy") == ["jones2012", "obrien2021"]


def test_a_title_match_ranks_above_a_journal_match(library: Library) -> None:
    library.add({"id": "onc", "type": "book", "title": "Oncology for everyone"})
    assert keys(library, "oncology")[0] == "onc"


def test_an_author_match_ranks_above_a_keyword_match(library: Library) -> None:
    library.add({"id": "kw", "type": "book", "title": "T", "keyword": "hofstadter"})
    assert keys(library, "hofstadter") == ["hofstadter1979", "kw"]


def test_a_title_match_in_a_long_record_beats_a_keyword_match_in_a_short_one(
    library: Library,
) -> None:
    long_abstract = " ".join(["filler words about something else entirely"] * 60)
    library.add({"id": "long", "type": "book", "title": "Braid", "abstract": long_abstract})
    library.add({"id": "short", "type": "book", "title": "T", "keyword": "braid"})
    library.add({"id": "journal", "type": "chapter", "title": "T", "container-title": "Braid"})
    library.add({"id": "abstract", "type": "book", "title": "T", "abstract": "A braid."})
    assert keys(library, "braid") == ["hofstadter1979", "long", "short", "journal", "abstract"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("year", ["godel1931", "hofstadter1979", "obrien2021", "undated"]),
        ("-year", ["obrien2021", "hofstadter1979", "godel1931", "undated"]),
        ("author", ["godel1931", "hofstadter1979", "obrien2021", "undated"]),
        ("title", ["hofstadter1979", "undated", "obrien2021", "godel1931"]),
        ("added", ["godel1931", "hofstadter1979", "obrien2021", "undated"]),
        ("key", ["godel1931", "hofstadter1979", "obrien2021", "undated"]),
    ],
)
def test_sorts(library: Library, sort: str, expected: list[str]) -> None:
    assert keys(library, "godel OR lung", sort=sort) == expected


def test_without_words_relevance_is_the_order_of_list(library: Library) -> None:
    assert keys(library, "type:book") == ["garcia1967", "hofstadter1979"]


def test_limit(library: Library) -> None:
    assert keys(library, "godel OR lung", sort="year", limit=2) == ["godel1931", "hofstadter1979"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sort": "size"}, "unknown sort 'size'; choose from relevance, added, key, year, "),
        ({"limit": 0}, "the limit must be 1 or more, not 0"),
    ],
)
def test_bad_options_are_usage_errors(
    library: Library, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        library.search("godel", **options)
    assert caught.value.message.startswith(message)


def test_no_hits_is_an_empty_result_not_an_error(library: Library) -> None:
    result = library.search("zzz")
    assert (len(result), bool(result), result.records) == (0, False, [])


def test_search_returns_records_with_scores_best_first(library: Library) -> None:
    result = library.search("chemotherapy")
    assert [h.record.key for h in result.hits] == ["jones2012", "obrien2021"]
    scores = [h.score for h in result.hits]
    assert all(s is not None and s < 0 for s in scores)  # bm25: lower is better
    assert scores == sorted(scores)  # type: ignore[type-var]
    assert result.records[0].title == "Adam Smith and chemotherapy of the markets"
    by_year = library.search("chemotherapy", sort="year")
    assert all(h.score is not None for h in by_year.hits)  # still scored, sorted by year
    assert [h.score for h in library.search("type:book").hits] == [None, None]


# -- highlighting -------------------------------------------------------------------------------


def spans_of(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_highlights_the_matched_words_as_written(library: Library) -> None:
    highlighter = library.search("godel escher").highlighter
    title = "Godel, Escher, Bach: an eternal golden braid"
    assert spans_of(title, highlighter.spans(title, "title")) == ["Godel", "Escher"]
    assert spans_of("Kurt Gödel", highlighter.spans("Kurt Gödel", "author")) == ["Gödel"]


def test_highlights_phrases_prefixes_and_joined_words(library: Library) -> None:
    highlighter = library.search('"lung cancer" covid-19 obrien chemo*').highlighter
    text = "COVID-19 and lung cancer, said O’Brien of chemotherapy; lung is not lung cancer"
    assert spans_of(text, highlighter.spans(text)) == [
        "COVID-19",
        "lung cancer",
        "O’Brien",
        "chemotherapy",
        "lung cancer",
    ]


def test_highlights_a_joined_word_written_run_together(library: Library) -> None:
    highlighter = library.search("covid-19").highlighter
    text = "COVID19, Covid-19 and covid 19"
    assert spans_of(text, highlighter.spans(text)) == ["COVID19", "Covid-19", "covid 19"]


def test_highlights_respect_fields_and_skip_exclusions(library: Library) -> None:
    highlighter = library.search("title:godel -braid").highlighter
    assert highlighter.spans("Godel braid", "title") == [(0, 5)]
    assert highlighter.spans("Godel braid", "author") == []


def test_snippet_shows_where_the_abstract_matched(library: Library) -> None:
    highlighter = library.search("chemotherapy").highlighter
    snippet = highlighter.snippet(ABSTRACT, width=80)
    assert snippet == Snippet(
        "…was higher in those who had received chemotherapy in the three months before.",
        [(38, 50)],
    )


def test_snippet_at_the_start_and_none_without_a_match(library: Library) -> None:
    highlighter = library.search("background").highlighter
    assert highlighter.snippet(ABSTRACT, width=30) == Snippet(
        "Background: Patients with…", [(0, 10)]
    )
    assert library.search("godel").highlighter.snippet(ABSTRACT) is None


# -- the property -----------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789áéíóúüöäñçøłæœßðþı"
TITLE_WORD = st.text(alphabet=LETTERS, min_size=1, max_size=8)
SEPARATOR = st.sampled_from([" ", " ", "-", "'", "’", ", ", ": ", " (", ") ", ".", "/"])
TITLE = st.lists(st.tuples(TITLE_WORD, SEPARATOR), min_size=1, max_size=6).map(
    lambda pairs: "".join(w + s for w, s in pairs).strip()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles=st.lists(TITLE, min_size=1, max_size=4))
def test_any_word_of_any_title_finds_its_record(titles: list[str]) -> None:
    with Library.in_memory() as library:
        for i, title in enumerate(titles):
            library.add({"id": f"r{i}", "type": "book", "title": title})
        for i, title in enumerate(titles):
            for word in WORD.findall(title):
                for query in (word, word.upper(), word.lower(), f"title:{word.upper()}"):
                    if query in ("OR", "AND", "NOT"):  # operators, in capitals
                        continue
                    assert f"r{i}" in library.search_keys(query), (title, query)


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=30))
def test_any_text_is_a_query_or_a_usage_error(query: str) -> None:
    with Library.in_memory(seed=True) as library:
        try:
            library.search_keys(query)
        except UsageError:
            pass


# -- the index ----------------------------------------------------------------------------------


def write_as_schema_1(path: Path, record: Record) -> None:
    """Add *record* the way sarcref 0.1's first schema stored it (no later columns)."""
    import json

    db = sqlite3.connect(path)
    with db:
        cursor = db.execute(
            "INSERT INTO records (key, type, csl, extra, title_sort, author_sort, year,"
            " content_hash, added, modified) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                record.key,
                record.type,
                json.dumps(record.to_csl()),
                json.dumps(record.extra),
                record.title.lower(),
                record.first_author_family.lower(),
                record.year,
                "x",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z",
            ),
        )
        db.executemany(
            "INSERT INTO tags VALUES (?, ?)", [(cursor.lastrowid, t) for t in record.tags]
        )
    db.close()


def test_a_library_from_before_the_folded_index_is_reindexed(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    with Library(library_path, seed=False):
        pass
    monkeypatch.undo()
    from sarcref.library import bundled_records

    for record in [*bundled_records(), Record.from_json(RECORDS[3])]:
        write_as_schema_1(library_path, record)
    with Library(library_path) as upgraded:
        assert upgraded.search_keys("lukasz") == ["obrien2021"]
        assert upgraded.search_keys("sarcoma") == ["lerman2015local"]
        assert upgraded.search_keys("tag:covid") == ["obrien2021"]
    db = sqlite3.connect(library_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(store_module.MIGRATIONS)
    columns = [row[1] for row in db.execute("PRAGMA table_info(records_fts)")]
    assert columns == ["key", "title", "author", "journal", "keyword", "abstract", "tag"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_index_follows_updates_and_removals(library: Library) -> None:
    record = library.get("smith2010")
    record.csl["title"] = "Łódź registry"
    library.update(record)
    assert found(library, "lodz") == {"smith2010"}
    assert found(library, "sarcoma") == set()
    library.remove(["smith2010"])
    assert found(library, "lodz") == set()


def test_markup_in_titles_and_abstracts_is_not_searched_as_words(library: Library) -> None:
    library.add(
        {
            "id": "markup2020",
            "type": "article-journal",
            "title": 'The <span class="nocase">p53</span> pathway in <i>Drosophila</i>',
            "abstract": "We study <sup>14</sup>C dating.",
        }
    )
    assert found(library, "p53 drosophila") == {"markup2020"}
    assert found(library, "title:pathway abstract:dating") == {"markup2020"}
    assert found(library, "nocase") == set()
    assert found(library, "span OR class OR sup") == set()


def test_iter_records_reads_in_chunks_in_order_and_skips_the_missing(library: Library) -> None:
    wanted = ["undated", "godel1931", "gone", "garcia1967"]
    assert [r.key for r in library.iter_records(wanted, chunk=2)] == [
        "undated",
        "godel1931",
        "garcia1967",
    ]


QUERY_PIECES = st.sampled_from(
    ["godel", "lung", "covid-19", "O'Brien", "sarc*", '"lung cancer"', '"', "(", ")", "-", "*",
     "OR", "AND", "NOT", "title:", "author:", "tag:", "type:", "key:", "year:", "2015",
     "..", "1999..", "book", "to-read", ":", "^", "NEAR", "{", "}", "+", "'", "\\", ";", "é"]
)  # fmt: skip


# Searching does not change the library, so one library serves every example.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.tuples(QUERY_PIECES, st.sampled_from(["", " "])), max_size=12))
def test_any_mix_of_the_query_language_runs_or_is_a_usage_error(
    library: Library, pieces: list[tuple[str, str]]
) -> None:
    query = "".join(piece + gap for piece, gap in pieces)
    try:
        hits = library.search_keys(query)
    except UsageError:
        return
    assert set(hits) <= {r["id"] for r in RECORDS}
