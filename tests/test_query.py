"""The query language: tokens, the syntax tree, errors with positions, and the SQL it makes."""

from __future__ import annotations

import pytest

from sarcref import UsageError
from sarcref.folding import fold, index_text, words
from sarcref.query import (
    And,
    Not,
    Or,
    QuerySyntaxError,
    Term,
    Value,
    Years,
    compile_query,
    parse,
    positive_terms,
)


def term(*found: str, field: str | None = None, prefix: bool = False) -> Term:
    return Term(found, field, prefix, compound=False)


# -- folding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("García", "garcia"),
        ("Gödel", "godel"),
        ("Łukasz Søren", "lukasz soren"),
        ("Straße", "strasse"),
        ("Æsir Œuvre", "aesir oeuvre"),
        ("Þór Đorđe", "thor dorde"),
        ("İstanbul ıhlamur", "istanbul ihlamur"),
        ("ﬁnance", "finance"),
        ("COVID-19", "covid-19"),
    ],
)
def test_fold_lowers_and_removes_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_split_at_everything_but_letters_and_digits() -> None:
    assert words("Non-small-cell lung_cancer: O’Brien's COVID-19 (2020)") == [
        "non", "small", "cell", "lung", "cancer", "o", "brien", "s", "covid", "19", "2020",
    ]  # fmt: skip


def test_index_text_adds_joined_words_run_together() -> None:
    assert index_text("COVID-19 in non-small-cell cancer, by O'Brien") == (
        "covid-19 in non-small-cell cancer, by o'brien covid19 nonsmallcell obrien"
    )
    assert index_text("Plain words") == "plain words"


# -- parsing ---------------------------------------------------------------------------------


def test_words_are_anded() -> None:
    assert parse("local control") == And((term("local"), term("control")))


def test_a_single_word() -> None:
    assert parse("Sarcoma") == term("sarcoma")


def test_a_quoted_phrase_is_one_term() -> None:
    assert parse('"local control" sarcoma') == And((term("local", "control"), term("sarcoma")))


def test_curly_quotes_make_a_phrase_too() -> None:
    assert parse("“local control”") == term("local", "control")
    assert parse("„lokale Kontrolle“") == term("lokale", "kontrolle")


def test_or_binds_tighter_than_and() -> None:
    assert parse("sarcoma bone OR soft") == And((term("sarcoma"), Or((term("bone"), term("soft")))))


def test_explicit_and_is_the_same_as_a_space() -> None:
    assert parse("a AND b") == parse("a b")


def test_lower_case_or_and_not_are_words() -> None:
    assert parse("war or peace") == And((term("war"), term("or"), term("peace")))


def test_after_a_field_or_and_not_are_words() -> None:
    assert parse("title:OR title:NOT") == And(
        (term("or", field="title"), term("not", field="title"))
    )


def test_minus_and_not_exclude() -> None:
    expected = And((term("sarcoma"), Not(term("bone"))))
    assert parse("sarcoma -bone") == expected
    assert parse("sarcoma NOT bone") == expected


def test_a_hyphen_inside_a_word_does_not_exclude() -> None:
    assert parse("covid-19") == Term(("covid", "19"), None, False, compound=True)
    assert parse("non-small-cell") == Term(("non", "small", "cell"), None, False, compound=True)


def test_an_apostrophe_joins_a_word() -> None:
    assert parse("O'Brien") == Term(("o", "brien"), None, False, compound=True)


def test_a_star_makes_a_prefix() -> None:
    assert parse("sarc*") == term("sarc", prefix=True)
    assert parse('"local cont"*') == term("local", "cont", prefix=True)


def test_parentheses_group() -> None:
    assert parse("(bone OR soft) -(child OR pediatric)") == And(
        (Or((term("bone"), term("soft"))), Not(Or((term("child"), term("pediatric")))))
    )


@pytest.mark.parametrize("name", ["author", "title", "journal", "keyword", "abstract"])
def test_text_fields(name: str) -> None:
    assert parse(f"{name}:García") == term("garcia", field=name)
    assert parse(f'{name}:"local control"') == term("local", "control", field=name)


def test_field_names_ignore_case() -> None:
    assert parse("Author:smith") == term("smith", field="author")


def test_a_field_applies_to_a_parenthesised_group() -> None:
    assert parse("author:(smith OR jones -brown)") == And(
        (
            Or((term("smith", field="author"), term("jones", field="author"))),
            Not(term("brown", field="author")),
        )
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tag:to-read", Value("tag", "to-read")),
        ('tag:"read later"', Value("tag", "read later")),
        ("tag:proj*", Value("tag", "proj", prefix=True)),
        ("type:book", Value("type", "book")),
        ("type:Article-Journal", Value("type", "article-journal")),
        ("type:article*", Value("type", "article", prefix=True)),
        ("key:lerman2015local", Value("key", "lerman2015local")),
        ("key:lerman*", Value("key", "lerman", prefix=True)),
    ],
)
def test_value_fields_keep_the_whole_value(text: str, value: Value) -> None:
    assert parse(text) == value


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("year:2015", Years(2015, 2015)),
        ("year:2010..2015", Years(2010, 2015)),
        ("year:..1999", Years(None, 1999)),
        ("year:2020..", Years(2020, None)),
    ],
)
def test_years_and_ranges(text: str, years: Years) -> None:
    assert parse(text) == years


def test_punctuation_alone_is_ignored() -> None:
    assert parse("Lerman & Randall - 2015") == And((term("lerman"), term("randall"), term("2015")))


def test_a_colon_at_the_end_of_a_word_is_punctuation() -> None:
    assert parse("Sarcoma: a review") == And((term("sarcoma"), term("a"), term("review")))


def test_nodes_of_different_kinds_are_never_equal() -> None:
    assert And((term("a"), term("b"))) != Or((term("a"), term("b")))
    assert Not(term("a")) != term("a")
    assert len({And((term("a"),)), And((term("a"),)), Or((term("a"),))}) == 2


def test_positive_terms_leave_out_exclusions() -> None:
    assert positive_terms(parse("a (b OR c) -d NOT e")) == [term("a"), term("b"), term("c")]


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem", "position"),
    [
        ('sarcoma "local control', "unclosed quote", 8),
        ("foo:bar", "unknown field 'foo'", 0),
        ("sarcoma (bone OR soft", "unclosed (", 8),
        ("sarcoma bone)", "unmatched )", 12),
        ("OR sarcoma", "OR needs something before it", 0),
        ("sarcoma OR", "OR needs something after it", 8),
        ("a OR OR b", "OR needs something after it", 2),
        ("AND sarcoma", "AND needs something before it", 0),
        ("sarcoma AND", "AND needs something after it", 8),
        ("sarcoma NOT", "NOT needs something to exclude after it", 8),
        ("year:abc", "'abc' is not a year or a range of years", 5),
        ("year:2015..2010", "the range 2015..2010 runs backwards", 5),
        ('year:"2015"', "'2015' is not a year or a range of years", 5),
        ("year:20*", "'20' is not a year or a range of years", 5),
        ("type:journal", "unknown type 'journal'", 5),
        ("title:(author:smith)", "author: inside title:(...)", 7),
        ("title:", "title: needs a value", 0),  # a field without a value is a mistake
        ("year: 2015", "year: needs a value", 0),
        ("sa*rc", "a * may only end a word (it marks a prefix: sarc*)", 2),
        ("&*", "a prefix needs a letter or digit before the *", 0),
        ("sarcoma --limt 5", "'--limt' is not an option of search", 8),
        ("   ", "nothing to search for", 0),
        ("& -", "nothing to search for", 0),
    ],
)
def test_malformed_queries_point_at_the_position(
    text: str, problem: str | None, position: int | None
) -> None:
    if problem is None:
        assert parse(text) == term("title")
        return
    with pytest.raises(QuerySyntaxError) as caught:
        parse(text)
    error = caught.value
    assert (error.problem, error.position) == (problem, position)
    assert isinstance(error, UsageError) and error.exit_code == 2
    assert error.message == f"{problem} (column {position + 1} of the query)"
    assert error.hint is not None
    assert error.hint.splitlines()[:2] == [f"  {text}", "  " + " " * position + "^"]


def test_nesting_is_bounded_before_python_s_stack_is() -> None:
    assert parse("(" * 100 + "a" + ")" * 100) == term("a")
    assert parse("(a) " * 300) == term("a")  # a term repeated counts once
    assert parse(" ".join(f"(a{n})" for n in range(300))) == And(
        tuple(term(f"a{n}") for n in range(300))
    )
    with pytest.raises(QuerySyntaxError, match="more than 100 nested parentheses or NOTs"):
        parse("(" * 101 + "a" + ")" * 101)
    with pytest.raises(QuerySyntaxError, match=r"column 401 of the query"):
        parse("NOT " * 101 + "a")


def test_a_query_holds_at_most_500_terms() -> None:
    years = " OR ".join(f"year:{1500 + n}" for n in range(500))
    assert len(compile_query(parse(years)).params) == 500
    with pytest.raises(QuerySyntaxError, match="more than 500 words, phrases and values"):
        parse("a " * 501)


def test_an_unknown_field_suggests_the_closest_and_lists_all() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse("auther:smith")
    assert caught.value.hint is not None
    assert caught.value.hint.splitlines()[2] == (
        "did you mean author:? fields: title, author, journal, keyword, abstract, tag, type, "
        "key, year; to search for text with a colon, quote it"
    )


def test_a_colon_inside_quotes_is_text() -> None:
    assert parse('"re:invent"') == Term(("re", "invent"), None, False, compound=True)


# -- compiling -------------------------------------------------------------------------------


def test_words_compile_to_one_ranked_match() -> None:
    compiled = compile_query(parse('sarcoma "local control" -bone'))
    assert compiled.match == '"sarcoma" AND "local control" NOT "bone"'
    assert (compiled.where, compiled.params) == ("1", ())


def test_fields_compile_to_column_filters_and_prefixes_to_stars() -> None:
    compiled = compile_query(parse("title:sarc* author:garcía"))
    assert compiled.match == 'title : "sarc" * AND author : "garcia"'


def test_a_joined_word_is_also_searched_run_together() -> None:
    assert compile_query(parse("covid-19")).match == '("covid 19" OR "covid19")'
    assert compile_query(parse('"covid-19"')).match == '("covid 19" OR "covid19")'
    assert compile_query(parse('"covid 19"')).match == '"covid 19"'


def test_years_types_tags_and_keys_become_bound_sql() -> None:
    compiled = compile_query(parse("sarcoma year:2010..2015 type:book tag:x key:k*"))
    assert compiled.match == '"sarcoma"'
    assert compiled.where == (
        "(r.year >= ? AND r.year <= ?) AND r.type = ?"
        " AND r.id IN (SELECT t.record_id FROM tags t WHERE t.tag = ? COLLATE NOCASE)"
        " AND (r.key >= ? COLLATE NOCASE AND r.key < ? COLLATE NOCASE)"
    )
    assert compiled.params == (2010, 2015, "book", "x", "k", "k\U0010ffff")


def test_an_or_across_words_and_years_uses_a_subquery() -> None:
    compiled = compile_query(parse("sarcoma OR year:2015"))
    assert compiled.match is None
    assert compiled.where == (
        "(r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) OR r.year = ?)"
    )
    assert compiled.params == ('"sarcoma"', 2015)


def test_only_exclusions_select_everything_else() -> None:
    compiled = compile_query(parse("-sarcoma"))
    assert compiled.match is None
    assert compiled.where == (
        "NOT (r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?))"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        'NEAR("a" "b", 2)',
        "title : x",
        "{title author} : x",
        "^sarcoma",
        "a + b",
        "'; DROP TABLE records; --",
        'x" OR 1=1 OR "',
        "col:* rank MATCH",
        "\x00\x1f\\",
    ],
)
def test_hostile_text_becomes_quoted_words_only(hostile: str) -> None:
    try:
        compiled = compile_query(parse(hostile))
    except QuerySyntaxError:
        return  # refusing is fine too; what matters is that nothing else gets through
    searched = " ".join(str(p) for p in (compiled.match, *compiled.params))
    for quoted in searched.split('"')[1::2]:
        assert all(w.isalnum() for w in quoted.split()), quoted
    assert "DROP" not in compiled.where and "1=1" not in compiled.where
